// Measures the built page against the plain-JavaScript baseline (bench/baseline/)
// in one headless Chromium run and prints a Markdown report. scripts/bench builds
// everything first and calls this; see BENCHMARKS.md for what each figure means.
//
//   node bench/run.mjs --standin target/release/standin --dist dist \
//       --baseline bench/baseline --css style/main.css,style/standalone.css [--runs 10] [--changes 200]
//
// Both pages are served by their own stand-in (same origin as their API), each
// holding the same 1,000 stages and answering without added latency.
//
// While cutting, `--only loads`, `--only interactions` or `--only memory` runs
// one part and prints raw figures (after the transfer sizes are taken), and
// `--only profile` prints where our page spends its script time on a cold load
// of 1,000 rows (self time per function, from Chromium's CPU profiler; build
// with names kept to see Rust functions, see BENCHMARKS.md).
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, totalmem, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';
import { sizesOf } from './sizes.mjs';

const require = createRequire(new URL('../e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const args = parseArgs(process.argv.slice(2), {
  standin: 'target/release/standin', dist: 'dist', baseline: 'bench/baseline',
  css: 'style/main.css,style/standalone.css', runs: '10', changes: '200', chromium: '/usr/bin/chromium', only: '',
  sizes: '20,100,1000',
});
const RUNS = Number(args.runs);
const CHANGES = Number(args.changes);
const STAGES = 1000;
// Rows per page of the cold loads; `--sizes 1000 --only loads` times one size alone.
const SIZES = args.sizes.split(',').map(Number);
const SEARCH_TEXT = 'login captch'; // 12 characters; matches the stand-in's generated names
// Pauses after each typed character (ms): a steady typist who stops once
// after the first word, longer than the 300 ms debounce.
const TYPING_GAPS = [110, 90, 130, 100, 420, 120, 95, 140, 105, 125, 90, 0];
const TIMEOUT = 30_000;
const WARMUP = 2; // uncounted repetitions before each interaction's figures
const MEMORY_WARMUP = 10; // page changes before the baseline of memory growth

const work = mkdtempSync(join(tmpdir(), 'cs-bench-'));
const servers = [];
let browser;
process.on('exit', () => {
  for (const server of servers) server.kill();
  rmSync(work, { recursive: true, force: true });
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(130));

// --- serving -------------------------------------------------------------------

/** Copies a site into the work folder and adds rows-N.html, the same page asking for N rows. */
function prepareSite(name, from, extraFiles = []) {
  const dir = join(work, name);
  cpSync(from, dir, { recursive: true, filter: (src) => !/\/\.[^/]*$/.test(src) });
  for (const file of extraFiles) cpSync(file.from, join(dir, file.to));
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const sizeMeta = /(<meta name="captcha-stages-page-size" content=")\d+(")/;
  if (!sizeMeta.test(index)) throw new Error(`${name}: index.html has no captcha-stages-page-size meta`);
  for (const size of SIZES) {
    writeFileSync(join(dir, `rows-${size}.html`), index.replace(sizeMeta, `$1${size}$2`));
  }
  return dir;
}

function startStandin(dir) {
  return new Promise((resolve, reject) => {
    const child = spawn(args.standin, ['--addr', '127.0.0.1:0', '--dist', dir, '--stages', String(STAGES)],
      { stdio: ['ignore', 'pipe', 'ignore'] });
    servers.push(child);
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const match = /standin listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.on('exit', (code) => reject(new Error(`stand-in exited (${code}) before listening`)));
  });
}

// --- in-page probe --------------------------------------------------------------

// Installed before any page script. "Painted" is the first moment after the
// DOM matches what is expected at which a frame has been produced: a
// MutationObserver notices the change, requestAnimationFrame waits for the
// next frame, and a MessageChannel message runs right after that frame's
// paint. Event times are the events' own timeStamps (capture listeners).
function probe(expectedRows) {
  const b = (window.__bench = { clickAt: 0, inputAt: 0 });
  addEventListener('click', (e) => { b.clickAt = e.timeStamp; }, true);
  addEventListener('input', (e) => { b.inputAt = e.timeStamp; }, true);
  b.afterPaint = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));
  b.shown = () => {
    const rows = document.querySelectorAll('tbody tr.cs-row');
    const name = (row) => row?.querySelector('.cs-name')?.textContent ?? null;
    return {
      rows: rows.length,
      first: name(rows[0]),
      last: name(rows[rows.length - 1]),
      range: document.querySelector('.cs-range')?.textContent ?? null,
    };
  };
  b.matches = (want) => {
    const have = b.shown();
    return Object.keys(want).every((key) => have[key] === want[key]);
  };
  b.until = (want) => new Promise((resolve) => {
    let done = false;
    const check = () => {
      if (done || !b.matches(want)) return;
      done = true;
      observer.disconnect();
      b.afterPaint().then(resolve);
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { subtree: true, childList: true, characterData: true });
    check();
  });
  b.firstRows = b.until({ rows: expectedRows });
  b.wait = (want) => { b.pending = b.until(want); };
}

const API_PATH = '/api/v3/stages/captcha/';

/** What the stand-in answers for a query, as the table should show it. */
async function expected(origin, { page = 1, size = 20, ordering = 'name', search = '' } = {}) {
  const params = new URLSearchParams({ page, page_size: size, ordering });
  if (search) params.set('search', search);
  const body = await (await fetch(`${origin}${API_PATH}?${params}`)).json();
  const p = body.pagination;
  return {
    rows: body.results.length,
    first: body.results[0]?.name ?? null,
    last: body.results.at(-1)?.name ?? null,
    range: p.count === 0 ? '0 of 0' : `${p.start_index}\u2013${p.end_index} of ${p.count}`,
  };
}

async function openPage(origin, file, expectedRows, context) {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT);
  page.on('pageerror', (error) => console.error(`[page error ${origin}] ${error.message}`));
  await page.addInitScript(probe, expectedRows);
  await page.goto(`${origin}/${file}`);
  const paintedAt = await page.evaluate(() => window.__bench.firstRows);
  const responseEnd = await page.evaluate((path) => performance.getEntriesByType('resource')
    .filter((entry) => entry.name.includes(path)).at(-1)?.responseEnd, API_PATH);
  return { page, paintedAt, responseEnd };
}

/** Runs `act` and resolves with the time from the event it causes to `want` painted. */
async function timed(page, want, act, eventKind) {
  await page.evaluate((w) => window.__bench.wait(w), want);
  await act();
  const paintedAt = await page.evaluate(() => window.__bench.pending);
  const eventAt = await page.evaluate((k) => window.__bench[k], eventKind);
  return paintedAt - eventAt;
}

// --- measurements ---------------------------------------------------------------

async function transfer(origin) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const bodies = new Map();
  page.on('response', async (response) => {
    const url = new URL(response.url());
    if (url.pathname.startsWith('/api/') || bodies.has(url.pathname)) return;
    bodies.set(url.pathname, response.body().catch(() => null));
  });
  await page.addInitScript(probe, 20);
  await page.goto(`${origin}/`);
  await page.evaluate(() => window.__bench.firstRows);
  const files = [];
  for (const [path, body] of bodies) {
    const bytes = await body;
    if (bytes) files.push({ name: path === '/' ? 'index.html' : path.slice(1), bytes });
  }
  await context.close();
  return sizesOf(files);
}

async function interactions(site) {
  const context = await browser.newContext();
  const { page } = await openPage(site.origin, '', 20, context);
  const out = { sort: [], search: [], next: [] };
  // Steady state, not first use: the first WARMUP repetitions are not counted.
  const reps = RUNS * 2 + WARMUP; // even, so the sort ends ascending again
  const keep = (list, i, value) => { if (i > WARMUP) list.push(value); };

  const sortButton = page.locator('thead th button.cs-sort').first();
  for (let i = 1; i <= reps; i++) {
    const want = await expected(site.origin, { ordering: i % 2 ? '-name' : 'name' });
    keep(out.sort, i, await timed(page, want, () => sortButton.click(), 'clickAt'));
  }

  const search = page.locator('input[type=search]');
  const unfiltered = await expected(site.origin);
  const chars = await searchChars(site.origin, unfiltered);
  for (let i = 1; i <= reps; i++) {
    const ch = chars[i % chars.length];
    const want = await expected(site.origin, { search: ch });
    await search.focus();
    // The page waits 300 ms after typing stops; that wait is not the page's cost.
    keep(out.search, i, await timed(page, want, () => page.keyboard.type(ch), 'inputAt') - 300);
    await page.evaluate((w) => window.__bench.wait(w), unfiltered);
    await page.keyboard.press('Escape');
    await page.evaluate(() => window.__bench.pending);
  }

  const next = page.getByRole('button', { name: 'Next', exact: true });
  for (let i = 1; i <= reps; i++) {
    const want = await expected(site.origin, { page: i + 1 });
    keep(out.next, i, await timed(page, want, () => next.click(), 'clickAt'));
  }
  await context.close();
  return out;
}

/** Single characters whose search changes the first page but still finds stages. */
async function searchChars(origin, unfiltered) {
  const chars = [];
  for (const ch of 'bcdfghkmpsuvwy') {
    const want = await expected(origin, { search: ch });
    if (want.rows > 0 && want.range !== unfiltered.range) chars.push(ch);
  }
  if (!chars.length) throw new Error('no single-character search changes the first page');
  return chars;
}

async function memoryOf(page, cdp) {
  for (let i = 0; i < 3; i++) await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const { result: proto } = await cdp.send('Runtime.evaluate', { expression: 'WebAssembly.Memory.prototype' });
  const { objects } = await cdp.send('Runtime.queryObjects', { prototypeObjectId: proto.objectId });
  const { result } = await cdp.send('Runtime.callFunctionOn', {
    objectId: objects.objectId, returnByValue: true,
    functionDeclaration: 'function () { return this.reduce((sum, m) => sum + m.buffer.byteLength, 0); }',
  });
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value ?? 0;
  const jsHeap = heap.usedSize + (heap.embedderHeapUsedSize ?? 0);
  return { jsHeap, wasm: result.value, total: jsHeap + result.value, nodes: metric('Nodes') };
}

async function memory(site) {
  const context = await browser.newContext();
  const { page } = await openPage(site.origin, '', 20, context);
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.waitForTimeout(500);
  const loaded = await memoryOf(page, cdp);
  const pages = Math.ceil(STAGES / 20);
  const next = page.getByRole('button', { name: 'Next', exact: true });
  const first = page.getByRole('button', { name: 'First', exact: true });
  let at = 1;
  const change = async (count) => {
    for (let i = 0; i < count; i++) {
      const target = at === pages ? 1 : at + 1;
      const want = await expected(site.origin, { page: target });
      await timed(page, want, () => (target === 1 ? first : next).click(), 'clickAt');
      at = target;
    }
    await page.waitForTimeout(500);
  };
  // Growth is counted from after a few changes, once lazily compiled code
  // and first-use caches exist, so that what remains is what the changes keep.
  await change(MEMORY_WARMUP);
  const warm = await memoryOf(page, cdp);
  await change(CHANGES);
  const after = await memoryOf(page, cdp);
  await context.close();
  return { loaded, warm, after };
}

async function searchRequests(site) {
  const context = await browser.newContext();
  const { page } = await openPage(site.origin, '', 20, context);
  const sent = [];
  page.on('request', (request) => {
    if (request.url().includes(API_PATH)) sent.push(new URL(request.url()).searchParams.get('search'));
  });
  await page.locator('input[type=search]').focus();
  for (let i = 0; i < SEARCH_TEXT.length; i++) {
    await page.keyboard.type(SEARCH_TEXT[i]);
    if (TYPING_GAPS[i]) await page.waitForTimeout(TYPING_GAPS[i]);
  }
  await page.waitForTimeout(1500);
  await context.close();
  return { count: sent.length, finalSent: sent.at(-1) === SEARCH_TEXT, sent };
}

// --- report ---------------------------------------------------------------------

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const ms = (x) => x.toFixed(1);
const quote = (text) => `“${text ?? ''}”`;
const kb = (bytes) => (bytes / 1024).toFixed(1);
const ratio = (a, b) => (b > 0 ? (a / b).toFixed(2) + 'x' : '—');

function machine() {
  const sh = (cmd, cmdArgs) => {
    try {
      return execFileSync(cmd, cmdArgs, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '?';
    }
  };
  return [
    `- CPU: ${cpus()[0]?.model ?? '?'}, ${cpus().length} cores (nproc ${sh('nproc', [])})`,
    `- memory: ${(totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(freemem() / 2 ** 30).toFixed(1)} GiB free at start`,
    `- load average at start: ${loadavg().map((x) => x.toFixed(2)).join(', ')} (1, 5, 15 min)`,
    `- browser: ${sh(args.chromium, ['--version'])} (headless, via playwright-core)`,
    `- node ${process.version}; ${sh('uname', ['-sr'])}`,
    `- commit: ${sh('git', ['rev-parse', '--short', 'HEAD'])}${sh('git', ['status', '--porcelain', '--untracked-files=no']) ? ' (with uncommitted changes)' : ''}; ${new Date().toISOString()}`,
  ].join('\n');
}

function sizeTable(ours, base) {
  const lines = [
    '| what the page loads | ours raw | ours gzip | ours brotli | baseline raw | baseline gzip | baseline brotli | gzip ours/baseline |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const kind of ['wasm', 'js', 'css', 'html', 'total']) {
    const o = ours.byKind[kind] ?? { raw: 0, gzip: 0, brotli: 0 };
    const b = base.byKind[kind] ?? { raw: 0, gzip: 0, brotli: 0 };
    lines.push(`| ${kind} | ${o.raw} | ${o.gzip} | ${o.brotli} | ${b.raw} | ${b.gzip} | ${b.brotli} | ${ratio(o.gzip, b.gzip)} |`);
  }
  lines.push('', 'Files of our page (bytes):', '', '| file | raw | gzip | brotli |', '| --- | ---: | ---: | ---: |');
  for (const f of ours.files) lines.push(`| ${f.name} | ${f.raw} | ${f.gzip} | ${f.brotli} |`);
  return lines.join('\n');
}

function row(label, o, b, paired = '—') {
  return `| ${label} | ${ms(o)} | ${ms(b)} | ${ratio(o, b)} | ${paired} |`;
}

// --- main -----------------------------------------------------------------------

const ourDir = prepareSite('ours', args.dist);
const baseDir = prepareSite('baseline', args.baseline,
  args.css.split(',').map((from) => ({ from, to: basename(from) })));
const [ourOrigin, baseOrigin] = await Promise.all([startStandin(ourDir), startStandin(baseDir)]);
const sites = { ours: { origin: ourOrigin }, base: { origin: baseOrigin } };

browser = await chromium.launch({
  executablePath: args.chromium,
  headless: true,
  args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const log = (text) => console.error(`bench: ${text}`);
try {
  log(`ours at ${ourOrigin}, baseline at ${baseOrigin}; ${RUNS} runs`);
  log('transfer sizes');
  const size = { ours: await transfer(ourOrigin), base: await transfer(baseOrigin) };
  if (args.only === 'memory') {
    const mem = { ours: await memory(sites.ours), base: await memory(sites.base) };
    console.log(JSON.stringify(mem, null, 1));
    process.exit();
  }
  if (args.only === 'interactions') {
    const act = { ours: await interactions(sites.ours), base: await interactions(sites.base) };
    for (const key of ['sort', 'search', 'next']) {
      console.log(key, median(act.ours[key]).toFixed(1), median(act.base[key]).toFixed(1));
    }
    process.exit();
  }
  if (args.only === 'profile') {
    for (const key of ['ours', 'base']) {
      console.log(`## ${key}`);
      await profile(sites[key], 1000);
    }
    process.exit();
  }
  if (args.only === 'loads') {
    // A quick look while cutting: the cold-load figures alone, each run
    // printed, then medians and the median of the runs' own ratios (each run
    // measures both pages back to back, so drift cancels within a pair).
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      const pair = {};
      for (const key of run % 2 ? ['base', 'ours'] : ['ours', 'base']) {
        pair[key] = await coldLoadsOnce(sites[key]);
        console.log(key, JSON.stringify(pair[key]));
      }
      runs.push(pair);
    }
    for (const s of SIZES) {
      for (const what of ['nav', 'render']) {
        const of = (key) => runs.map((pair) => pair[key][s][what][0]);
        const ratios = runs.map((pair) => pair.ours[s][what][0] / pair.base[s][what][0]);
        const [ours, base] = [median(of('ours')), median(of('base'))];
        console.log(`${s} rows ${what}: ours ${ms(ours)} ms, baseline ${ms(base)} ms, ` +
          `${(ours / base).toFixed(2)}x; median of per-run ratios ${median(ratios).toFixed(2)}x`);
      }
    }
    process.exit();
  }
  log('cold loads');
  const loads = { ours: { 20: { nav: [], render: [] }, 100: { nav: [], render: [] }, 1000: { nav: [], render: [] } } };
  loads.base = structuredClone(loads.ours);
  // Alternate the two pages run by run so drift hits both alike.
  for (let run = 0; run < RUNS; run++) {
    for (const key of run % 2 ? ['base', 'ours'] : ['ours', 'base']) {
      const one = await coldLoadsOnce(sites[key]);
      for (const s of SIZES) {
        loads[key][s].nav.push(...one[s].nav);
        loads[key][s].render.push(...one[s].render);
      }
    }
  }
  log('interactions');
  const act = { ours: await interactions(sites.ours), base: await interactions(sites.base) };
  log(`memory over ${CHANGES} page changes`);
  const mem = { ours: await memory(sites.ours), base: await memory(sites.base) };
  log('search requests');
  const typing = { ours: await searchRequests(sites.ours), base: await searchRequests(sites.base) };

  const m = (key, s, what) => median(loads[key][s][what]);
  // Run k loads both pages back to back, so the median of the runs' own
  // ratios is less moved by drift than the ratio of the two medians.
  const paired = (s, what) =>
    median(loads.ours[s][what].map((ours, k) => ours / loads.base[s][what][k])).toFixed(2) + 'x';
  const a = (key, what) => median(act[key][what]);
  const out = [
    '## Machine', '', machine(), '',
    '## Transfer size', '', sizeTable(size.ours, size.base), '',
    `## Time (ms, median; ${RUNS} cold loads per figure, ${RUNS * 2} repetitions per interaction)`, '',
    '| measure | ours | baseline | ours/baseline | median of per-run ratios |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('navigation → first rows painted (20 rows, cold cache)', m('ours', 20, 'nav'), m('base', 20, 'nav'), paired(20, 'nav')),
    ...SIZES.map((s) => row(`API response → rows painted, ${s} rows`, m('ours', s, 'render'), m('base', s, 'render'), paired(s, 'render'))),
    row('click a sort header → new rows painted', a('ours', 'sort'), a('base', 'sort')),
    row('type a search character → new rows painted (less the 300 ms debounce)', a('ours', 'search'), a('base', 'search')),
    row('click Next → new rows painted', a('ours', 'next'), a('base', 'next')),
    '',
    `## Memory (bytes, after garbage collection; 20 rows per page)`, '',
    '| measure | ours | baseline | ours/baseline |', '| --- | ---: | ---: | ---: |',
    ...[['after loading', 'loaded'], [`after ${MEMORY_WARMUP} + ${CHANGES} page changes`, 'after']].flatMap(([label, k]) => [
      `| JS heap ${label} | ${mem.ours[k].jsHeap} | ${mem.base[k].jsHeap} | ${ratio(mem.ours[k].jsHeap, mem.base[k].jsHeap)} |`,
      `| wasm memory ${label} | ${mem.ours[k].wasm} | ${mem.base[k].wasm} | — |`,
      `| JS heap + wasm memory ${label} | ${mem.ours[k].total} | ${mem.base[k].total} | ${ratio(mem.ours[k].total, mem.base[k].total)} |`,
      `| DOM nodes ${label} | ${mem.ours[k].nodes} | ${mem.base[k].nodes} | ${ratio(mem.ours[k].nodes, mem.base[k].nodes)} |`,
    ]),
    `| growth of JS heap + wasm memory over the last ${CHANGES} page changes | ${mem.ours.after.total - mem.ours.warm.total} | ${mem.base.after.total - mem.base.warm.total} | — |`,
    '',
    `## Requests while typing “${SEARCH_TEXT}” (12 characters)`, '',
    '| measure | ours | baseline |', '| --- | ---: | ---: |',
    `| search requests sent | ${typing.ours.count} | ${typing.base.count} |`,
    `| last request carries the whole text | ${typing.ours.finalSent ? 'yes' : 'NO'} | ${typing.base.finalSent ? 'yes' : 'NO'} |`,
    `| searches sent, in order | ${typing.ours.sent.map(quote).join(', ')} | ${typing.base.sent.map(quote).join(', ')} |`,
    '',
    `Total gzip transfer of our page: ${size.ours.byKind.total.gzip} bytes (${kb(size.ours.byKind.total.gzip)} KiB).`,
  ];
  console.log(out.join('\n'));
  if (!typing.ours.finalSent || !typing.base.finalSent) process.exitCode = 1;
} finally {
  await browser.close();
}
// The stand-ins' pipes would keep node alive; the exit handler stops them.
process.exit();

/** One cold load of each size; a fresh context (empty cache) per load. */
async function coldLoadsOnce(site) {
  const result = Object.fromEntries(SIZES.map((s) => [s, { nav: [], render: [] }]));
  for (const s of SIZES) {
    const context = await browser.newContext();
    const file = s === 20 ? '' : `rows-${s}.html`;
    const { paintedAt, responseEnd } = await openPage(site.origin, file, Math.min(s, STAGES), context);
    result[s].nav.push(paintedAt);
    result[s].render.push(paintedAt - responseEnd);
    await context.close();
  }
  return result;
}

/** Prints the functions with the most self time from the response to the rows painted. */
async function profile(site, rows) {
  for (let run = 0; run < Math.max(1, RUNS); run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await page.addInitScript(probe, rows);
    await cdp.send('Profiler.start');
    await page.goto(`${site.origin}/rows-${rows}.html`);
    await page.evaluate(() => window.__bench.firstRows);
    const { profile: prof } = await cdp.send('Profiler.stop');
    await context.close();
    // Self time per function, and inclusive time (the function anywhere on
    // the stack) for the ones named in Rust or in the page's scripts.
    const self = new Map();
    const inclusive = new Map();
    const byId = new Map(prof.nodes.map((node) => [node.id, node]));
    const parentOf = new Map();
    for (const node of prof.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
    const nameOf = ({ callFrame: f }) => `${f.functionName || '(anonymous)'} ${f.url ? basename(f.url) : ''}`.trim();
    const gaps = prof.timeDeltas;
    prof.samples.forEach((id, i) => {
      const dt = (gaps[i + 1] ?? 0) / 1000;
      const leaf = nameOf(byId.get(id));
      self.set(leaf, (self.get(leaf) ?? 0) + dt);
      const seen = new Set();
      for (let at = id; at !== undefined; at = parentOf.get(at)) {
        const name = nameOf(byId.get(at));
        if (!seen.has(name) && /::|\.js$/.test(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + dt);
        seen.add(name);
      }
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const print = (title, map) => {
      console.log(title);
      const top = [...map].sort((a, b) => b[1] - a[1]).slice(0, 25);
      for (const [name, t] of top) console.log(`${ms(t).padStart(8)} ms ${(100 * t / total).toFixed(1).padStart(5)}%  ${name.slice(0, 160)}`);
    };
    console.log(`run ${run + 1}: ${ms(total)} ms sampled`);
    print('self time:', self);
    print('inclusive time:', inclusive);
  }
}

function parseArgs(argv, defaults) {
  const out = { ...defaults };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    if (!(key in defaults)) throw new Error(`unknown option ${argv[i]}`);
    out[key] = argv[++i];
  }
  return out;
}
