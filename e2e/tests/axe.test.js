// axe-core's WCAG 2.2 A and AA rules on every state of the page, in the
// light and the dark theme and at 375 px wide. Each state is reached the way
// an admin reaches it, against the real stand-in.
import { describe, test } from 'node:test';
import { useSuite } from '../support/browser.js';
import { expectNoViolations } from '../support/axe.js';
import { StagesPage } from '../support/stages_page.js';

/** A stage used by at least `flows` flows in the stand-in's demo data (first page). */
async function expandStageWithFlows(stages, { unused = false } = {}) {
  const row = stages.rows.filter({ has: stages.page.locator('td', { hasText: unused ? /^Not used$/ : /^\d+ flows?$/ }) }).first();
  await row.locator('button.cs-toggle').click();
  await stages.page.locator(unused ? '.cs-detail:not([hidden]) .cs-details' : '.cs-detail:not([hidden]) .cs-flow').first().waitFor();
}

async function showError(stages) {
  await stages.alert.waitFor();
}

const STATES = [
  {
    name: 'loading (first load)',
    scenario: 'slow-10000',
    wait: 'none',
    reach: (s) => s.page.locator('.cs-loading-row').waitFor(),
  },
  {
    name: 'loading (later load, old rows stay)',
    reach: async (s) => {
      s.scenario = 'slow-10000';
      await s.refreshButton.click();
      await s.page.locator('table[aria-busy="true"]').waitFor();
      await s.page.locator('.cs-progress-active').waitFor();
    },
  },
  { name: 'loaded', reach: async () => {} },
  {
    name: 'sorted (Provider, descending)',
    reach: async (s) => {
      await s.sortButton('Provider').click();
      await s.waitForSort('Provider', 'ascending');
      await s.waitIdle();
      await s.sortButton('Provider').click();
      await s.waitForSort('Provider', 'descending');
      await s.waitIdle();
    },
  },
  { name: 'expanded row (with flows)', reach: (s) => expandStageWithFlows(s) },
  { name: 'expanded row (used by no flow)', reach: (s) => expandStageWithFlows(s, { unused: true }) },
  {
    name: 'last page (Next and Last disabled)',
    reach: async (s) => {
      await s.pagerButton('Last').click();
      await s.waitForStatus(/^Showing 41 to 60 of 60/);
    },
  },
  {
    name: 'page gone, moved to the last one',
    reach: async (s) => {
      await s.pagerButton('Last').click();
      await s.waitForStatus(/^Showing 41 to 60/);
      s.scenario = 'stages-30';
      await s.refreshButton.click();
      await s.page.locator('.cs-notice-bar').waitFor();
      await s.waitIdle();
    },
  },
  {
    name: 'partial answer (a row that could not be shown)',
    scenario: 'body-wrongtype',
    reach: (s) => s.page.locator('.cs-problems').waitFor(),
  },
  {
    name: 'broken pagination (rows shown, problem named)',
    scenario: 'body-badpagination',
    reach: (s) => s.page.locator('.cs-problems').waitFor(),
  },
  { name: 'names of 100,000 characters', scenario: 'body-longnames', reach: async () => {} },
  { name: 'API token form open', reach: (s) => s.tokenSummary.click() },
  {
    name: 'host page embedding two tables',
    path: 'examples/host.html',
    wait: 'none',
    reach: (s) => s.page.locator('captcha-stages tbody tr.cs-row').nth(25).waitFor(),
  },
  { name: 'empty', scenario: 'empty', wait: 'none', reach: (s) => s.page.locator('.cs-empty').waitFor() },
  {
    name: 'no match',
    reach: async (s) => {
      await s.searchBox.fill('no such stage anywhere');
      await s.searchBox.press('Enter');
      await s.page.locator('.cs-no-match').waitFor();
    },
  },
  { name: 'error: HTTP 400 with validation messages', scenario: 'status-400', wait: 'none', reach: showError },
  { name: 'error: HTTP 403, no credentials', scenario: 'token-s3cret', wait: 'none', reach: showError },
  {
    name: 'error: HTTP 403, token invalid',
    scenario: 'token-s3cret',
    wait: 'none',
    reach: async (s) => {
      await s.alert.waitFor();
      await s.tokenSummary.click();
      await s.tokenInput.fill('wrong');
      await s.tokenInput.press('Enter');
      await s.alert.filter({ hasText: 'Token invalid/expired' }).waitFor();
    },
  },
  { name: 'error: HTTP 404', scenario: 'status-404', wait: 'none', reach: showError },
  { name: 'error: HTTP 429 throttled', scenario: 'status-429', wait: 'none', reach: showError },
  { name: 'error: HTTP 500 (HTML error page)', scenario: 'status-500', wait: 'none', reach: showError },
  { name: 'error: HTTP 503 (proxy without upstream)', scenario: 'status-503', wait: 'none', reach: showError },
  { name: 'error: answer is not JSON', scenario: 'body-notjson', wait: 'none', reach: showError },
  { name: 'error: answer cut off', scenario: 'body-truncated', wait: 'none', reach: showError },
  { name: 'error: network down', scenario: 'network-down', wait: 'none', reach: showError },
  {
    name: 'error, retry in flight',
    scenario: 'status-503',
    wait: 'none',
    reach: async (s) => {
      await s.alert.waitFor();
      s.scenario = 'slow-10000';
      await s.page.getByRole('button', { name: 'Retry' }).click();
      await s.page.locator('.cs-progress-active').waitFor();
    },
  },
];

const VARIANTS = [
  { label: 'light', options: {} },
  { label: 'dark', options: { colorScheme: 'dark' } },
  { label: '375 px', options: { viewport: { width: 375, height: 800 } } },
];

const suite = useSuite();

for (const variant of VARIANTS) {
  describe(`axe, ${variant.label}`, () => {
    for (const state of STATES) {
      test(state.name, async (t) => {
        const stages = await StagesPage.open(suite, {
          ...variant.options,
          scenario: state.scenario,
          path: state.path,
          wait: state.wait ?? 'rows',
        });
        try {
          await state.reach(stages, state.scenario);
          await expectNoViolations(t, stages.page, `${state.name} [${variant.label}]`);
        } finally {
          await stages.close();
        }
      });
    }
  });
}
