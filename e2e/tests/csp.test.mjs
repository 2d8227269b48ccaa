// The built page under the strict Content-Security-Policy the stand-in sends
// with --csp, and with server text that tries to run script. Needs a release
// build in dist/ and target/release/standin (scripts/test makes both).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chromium } from 'playwright-core';

const root = new URL('../../', import.meta.url).pathname;
let server;
let baseUrl;
let browser;

/** Starts the stand-in on a free port and resolves with its address. */
async function startStandin(args) {
  const child = spawn(`${root}target/release/standin`, ['--addr', '127.0.0.1:0', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await Promise.race([
    once(child.stdout, 'data'),
    once(child, 'exit').then(() => { throw new Error('the stand-in exited'); }),
  ]);
  const match = /listening on (http:\/\/\S+)/.exec(String(line));
  assert.ok(match, `unexpected stand-in output: ${line}`);
  return { child, url: match[1] };
}

before(async () => {
  ({ child: server, url: baseUrl } = await startStandin(['--dist', process.env.E2E_DIST || 'dist', '--csp']));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--no-first-run'],
  });
});

after(async () => {
  await browser?.close();
  server?.kill();
});

/** Opens the page and collects CSP violations and page errors. */
async function openPage(url, page) {
  page ??= await browser.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (/Content.Security.Policy|Refused to/i.test(msg.text())) problems.push(msg.text());
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations = (window.__cspViolations || []).concat(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  await page.goto(url);
  return { page, problems };
}

test('the page runs under the strict CSP with no violation', async () => {
  const response = await fetch(`${baseUrl}/`);
  assert.match(response.headers.get('content-security-policy'), /script-src 'self' 'wasm-unsafe-eval'/);
  const { page, problems } = await openPage(`${baseUrl}/`);
  await page.waitForSelector('tbody tr.cs-row');
  assert.equal(await page.locator('tbody tr.cs-row').count(), 20);
  await page.locator('tbody button.cs-toggle').first().click();
  await page.waitForSelector('.cs-flow, .cs-detail:not([hidden]) .cs-muted');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations || []), []);
  assert.deepEqual(problems, []);
  await page.close();
});

test('markup from the server never runs under the CSP either', async () => {
  // The page reads its API base from a meta tag; route its list requests to
  // the hostile scenario instead.
  const hostile = await browser.newPage();
  await hostile.route('**/api/v3/stages/captcha/**', (route) => {
    const url = new URL(route.request().url());
    route.continue({ url: `${baseUrl}/scenario/body-markup/api/v3/stages/captcha/${url.search}` });
  });
  const { page, problems } = await openPage(`${baseUrl}/`, hostile);
  await page.waitForSelector('tbody tr.cs-row');
  for (const toggle of await page.locator('tbody button.cs-toggle').all()) await toggle.click();
  await page.waitForTimeout(200);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  assert.equal(await page.locator('tbody img, tbody script, tbody svg').count(), 0);
  assert.match(await page.locator('tbody').innerText(), /<img src=x/);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations || []), []);
  assert.deepEqual(problems, []);
  await page.close();
});
