// Saves a PNG of the page in Debian's headless Chromium, after the stages table
// has loaded and with the first row expanded.
//
//   node e2e/screenshot.mjs URL OUT.png
//
// Env: CHROMIUM (default /usr/bin/chromium), WIDTH/HEIGHT (1280x900),
//      COLOR_SCHEME=dark for prefers-color-scheme: dark,
//      TIMEOUT_MS (default 30000), FULL_PAGE=1 for the whole scrollable page.
import { launch } from './support/browser.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const [url, out = 'shots/page.png'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node e2e/screenshot.mjs URL [OUT.png]');
  process.exit(2);
}
const width = Number(process.env.WIDTH || 1280);
const height = Number(process.env.HEIGHT || 900);
const timeout = Number(process.env.TIMEOUT_MS || 30000);

// A fresh temporary profile, kept off the (closed) network (support/browser.js).
const browser = await launch();

let failed = false;
try {
  const colorScheme = process.env.COLOR_SCHEME || 'light';
  const page = await browser.newPage({ viewport: { width, height }, colorScheme });
  page.on('console', (msg) => {
    if (msg.type() === 'error' || msg.type() === 'warning') {
      console.error(`[console ${msg.type()}] ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => console.error(`[page error] ${err.message}`));

  await page.goto(url, { waitUntil: 'load', timeout });
  await page.waitForSelector('table tbody tr', { state: 'visible', timeout });
  const rows = await page.locator('table tbody tr').count();

  const toggle = page.locator('tbody button[aria-expanded]').first();
  if (await toggle.count()) {
    await toggle.click();
    await page.waitForSelector('tbody button[aria-expanded="true"]', { timeout });
  } else {
    console.error('warning: no expand button (tbody button[aria-expanded]) found');
  }
  // let transitions and fonts settle
  await page.evaluate(() => document.fonts.ready);
  await page.waitForTimeout(300);

  mkdirSync(dirname(out), { recursive: true });
  await page.screenshot({ path: out, fullPage: process.env.FULL_PAGE === '1' });
  console.log(`saved ${out} (${width}x${height}, ${rows} table rows)`);
} catch (err) {
  failed = true;
  console.error(`screenshot failed: ${err.message}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
