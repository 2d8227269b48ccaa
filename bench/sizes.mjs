// Transfer sizes of a page's files: raw, gzip (level 9) and brotli (quality 11).
// Used by bench/run.mjs (on what the browser loaded) and, as a command, by
// scripts/check-size (on the files dist/index.html loads), which compares the
// gzip total with bench/budget.json:
//
//   node bench/sizes.mjs DIST_DIR [--budget bench/budget.json]
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

export function kindOf(name) {
  if (name.endsWith('.wasm')) return 'wasm';
  if (name.endsWith('.js') || name.endsWith('.mjs')) return 'js';
  if (name.endsWith('.css')) return 'css';
  if (name.endsWith('.html') || !name.includes('.')) return 'html';
  return 'other';
}

/** files: [{ name, bytes }] -> { files: [{ name, kind, raw, gzip, brotli }], byKind } */
export function sizesOf(files) {
  const out = files.map(({ name, bytes }) => ({
    name,
    kind: kindOf(name),
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }).length,
  }));
  out.sort((a, b) => b.gzip - a.gzip);
  const byKind = {};
  for (const f of out) {
    for (const kind of [f.kind, 'total']) {
      const k = (byKind[kind] ??= { raw: 0, gzip: 0, brotli: 0 });
      k.raw += f.raw;
      k.gzip += f.gzip;
      k.brotli += f.brotli;
    }
  }
  return { files: out, byKind };
}

/**
 * The files a page in `dir` loads, as paths relative to `dir`: index.html, what its tags name
 * (href, src, data-js, data-wasm), and what those scripts import, followed transitively. Other
 * files in the folder (examples for embedding hosts, say) are not the page's weight.
 */
export function pageFiles(dir) {
  const seen = new Set();
  const queue = ['index.html'];
  while (queue.length) {
    const file = queue.shift();
    if (seen.has(file)) continue;
    seen.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    const refs = file.endsWith('.html')
      ? [...text.matchAll(/\s(?:href|src|data-js|data-wasm)="([^"]+)"/g)].map((m) => m[1])
      : file.endsWith('.js')
        ? [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1])
        : [];
    for (const ref of refs) {
      if (/^[a-z]+:|^\/\/|^#/i.test(ref) || !/\.(js|mjs|wasm|css|html)$/.test(ref.split(/[?#]/)[0])) continue;
      const path = posix.normalize(posix.join(posix.dirname(file), ref.split(/[?#]/)[0]));
      if (!path.startsWith('..') && existsSync(join(dir, path))) queue.push(path);
    }
  }
  return [...seen];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, flag, budgetPath] = process.argv.slice(2);
  if (!dir || (flag && flag !== '--budget')) {
    console.error('usage: node bench/sizes.mjs DIST_DIR [--budget bench/budget.json]');
    process.exit(2);
  }
  const names = pageFiles(dir);
  const { files, byKind } = sizesOf(names.map((name) => ({ name, bytes: readFileSync(join(dir, name)) })));
  for (const f of files) {
    console.log(`${f.name.padEnd(44)} ${String(f.raw).padStart(8)} raw ${String(f.gzip).padStart(8)} gzip ${String(f.brotli).padStart(8)} brotli`);
  }
  const total = byKind.total;
  console.log(`${'total'.padEnd(44)} ${String(total.raw).padStart(8)} raw ${String(total.gzip).padStart(8)} gzip ${String(total.brotli).padStart(8)} brotli`);
  if (budgetPath) {
    const budget = JSON.parse(readFileSync(budgetPath, 'utf8'));
    const limit = budget.gzip_bytes;
    if (!Number.isInteger(limit)) throw new Error(`${budgetPath}: gzip_bytes must be an integer`);
    if (total.gzip > limit) {
      console.error(`size budget exceeded: ${total.gzip} gzip bytes > ${limit} (${budgetPath}).`);
      console.error('Find what grew (twiggy top, or bench/README), cut it, or raise the budget with a reason.');
      process.exit(1);
    }
    console.log(`size budget ok: ${total.gzip} gzip bytes <= ${limit} (${limit - total.gzip} to spare)`);
  }
}
