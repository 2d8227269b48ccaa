// One suite per test file: the stand-in serving the release build, and
// Debian's Chromium driven by playwright-core (no browser download).
//
// The stand-in is target/release/standin on a free port, serving E2E_DIST
// (default dist/); scripts/test builds both. E2E_BASE_URL points the tests at
// a server started by hand instead.
import { after, before } from 'node:test';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** How long a step may take before a test fails; the build is a release one. */
export const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 10000);

/**
 * Registers `before`/`after` hooks that start the stand-in and the browser
 * for this test file and stop them; returns the object they fill in:
 * `{ browser, baseUrl }`.
 */
export function useSuite() {
  const suite = { browser: null, baseUrl: process.env.E2E_BASE_URL || '' };
  let server = null;
  before(async () => {
    if (!suite.baseUrl) {
      server = await startStandin(['--dist', process.env.E2E_DIST || 'dist']);
      suite.baseUrl = `${server.url}/`;
    }
    suite.browser = await launch();
  });
  after(async () => {
    await suite.browser?.close();
    server?.child.kill();
  });
  return suite;
}

// The flags keep Chromium off the (closed) network and fit a container.
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Starts the release stand-in on a free port; resolves once it listens. */
function startStandin(args) {
  const binary = `${ROOT}target/release/standin`;
  const child = spawn(binary, ['--addr', '127.0.0.1:0', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let output = '';
    child.on('error', (error) => reject(new Error(`cannot start ${binary} (build it with cargo build --release -p standin): ${error.message}`)));
    child.on('exit', (code) => reject(new Error(`the stand-in exited (${code}) before listening: ${output}`)));
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /standin listening on (http:\/\/\S+)/.exec(output);
      if (match) resolve({ child, url: match[1] });
    });
  });
}
