// Debian's Chromium, driven by playwright-core (no browser download), and
// the address of the stand-in that serves the built page (scripts/test
// starts it and sets E2E_BASE_URL).
import { chromium } from 'playwright-core';

export const BASE_URL = process.env.E2E_BASE_URL || '';
if (!BASE_URL) {
  throw new Error(
    'E2E_BASE_URL is not set: start the stand-in with the built page, e.g.\n' +
      '  trunk build --release && target/release/standin --addr 127.0.0.1:8792 --dist dist\n' +
      '  E2E_BASE_URL=http://127.0.0.1:8792/ node --test e2e/tests/\n' +
      '(scripts/test does all of this)',
  );
}

/** How long a step may take before a test fails; the build is a release one. */
export const TIMEOUT_MS = Number(process.env.E2E_TIMEOUT_MS || 10000);

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
