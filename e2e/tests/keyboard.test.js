// Every action with the keyboard alone (Tab, Shift+Tab, Enter, Space,
// Escape), in a sensible order, with a visible focus ring, and with focus
// kept on the control used or moved somewhere sensible, never dropped to
// the top of the document.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useSuite } from '../support/browser.js';
import { StagesPage } from '../support/stages_page.js';

const suite = useSuite();

/** Opens the page, runs `body`, and checks the page logged no errors. */
async function withPage(options, body) {
  const stages = await StagesPage.open(suite, options);
  try {
    await body(stages);
    assert.deepEqual(stages.errors, [], 'the page logged errors');
  } finally {
    await stages.close();
  }
}

async function assertFocusRing(stages, what) {
  const ring = await stages.focusRing();
  assert.notEqual(ring.style, 'none', `${what} has no focus outline`);
  assert.ok(ring.width >= 2, `${what}: focus outline is ${ring.width}px, want at least 2px`);
  assert.ok(ring.contrast >= 3, `${what}: focus outline contrast ${ring.contrast}:1, want at least 3:1`);
}

const SORT_LABELS = ['Name', 'Provider', 'Public key', 'min', 'max', 'Error on invalid score'];

describe('tab order and focus ring', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`Tab visits the controls in reading order, each with a visible ring (${colorScheme})`, async () => {
      await withPage({ colorScheme }, async (stages) => {
        await stages.startFromTop();
        const stops = await stages.tabTo(stages.pagerButton('Last'), { max: 60 });
        const labels = stops.map((s) => s.label);
        const expected = [
          'Search',
          'Refresh',
          'API token',
          ...SORT_LABELS.map((l) => new RegExp(`^${l}\\b`)),
          ...Array.from({ length: 20 }, () => /^Show flows of /),
          'Rows per page',
          // First and Previous are disabled on page 1 and skipped.
          'Next',
          'Last',
        ];
        assert.equal(labels.length, expected.length, `stops: ${labels.join(' | ')}`);
        expected.forEach((want, i) => {
          if (want instanceof RegExp) assert.match(labels[i], want, `stop ${i + 1}`);
          else assert.equal(labels[i], want, `stop ${i + 1}`);
        });

        // Each stop again, backwards, checking its focus ring.
        for (let i = stops.length - 2; i >= 0; i--) {
          await stages.press('Shift+Tab');
          const now = await stages.focused();
          assert.equal(now.label, labels[i], `Shift+Tab stop ${i + 1}`);
          await assertFocusRing(stages, `"${now.label}"`);
        }
      });
    });
  }
});

describe('search', () => {
  test('typing searches, Escape clears, Enter searches at once', async () => {
    await withPage({}, async (stages) => {
      const all = await stages.stageNames();
      await stages.startFromTop();
      await stages.tabTo(stages.searchBox);
      await stages.page.keyboard.type('turnstile', { delay: 30 });
      await stages.waitForStatus(/^Showing 1 to \d+ of \d+ stages? matching “turnstile”/);
      for (const name of await stages.stageNames()) assert.match(name.toLowerCase(), /turnstile/);

      await stages.press('Escape');
      await stages.waitForStatus(/^Showing 1 to 20 of 60 stages, /);
      assert.equal(await stages.searchBox.inputValue(), '');
      assert.deepEqual(await stages.stageNames(), all);
      assert.ok(await stages.hasFocus(stages.searchBox), 'focus stays in the search box');

      await stages.page.keyboard.type('hcaptcha');
      await stages.press('Enter');
      await stages.waitForStatus(/matching “hcaptcha”/);
    });
  });

  test('Clear search (Enter) brings the rows back and focus to the search box', async () => {
    await withPage({}, async (stages) => {
      await stages.startFromTop();
      await stages.tabTo(stages.searchBox);
      await stages.page.keyboard.type('no such stage anywhere');
      await stages.press('Enter');
      const clear = stages.page.getByRole('button', { name: 'Clear search' });
      await clear.waitFor();
      await stages.tabTo(clear);
      await assertFocusRing(stages, 'Clear search');
      await stages.press('Enter');
      await stages.waitForRows();
      assert.ok(await stages.hasFocus(stages.searchBox), 'focus moves to the emptied search box');
      assert.equal(await stages.searchBox.inputValue(), '');
    });
  });

  test('Clear search with Space works too', async () => {
    await withPage({}, async (stages) => {
      await stages.searchBox.fill('no such stage anywhere');
      await stages.searchBox.press('Enter');
      const clear = stages.page.getByRole('button', { name: 'Clear search' });
      await clear.waitFor();
      await stages.tabTo(clear);
      await stages.press('Space');
      await stages.waitForRows();
      assert.ok(await stages.hasFocus(stages.searchBox));
    });
  });
});

describe('sorting', () => {
  test('every column sorts with Enter and flips with Space; focus stays on its button', async () => {
    await withPage({}, async (stages) => {
      await stages.startFromTop();
      for (const label of SORT_LABELS) {
        const button = stages.sortButton(label);
        await stages.tabTo(button, { max: 10 });
        const header = label === 'min' || label === 'max' ? 'Score range' : label;
        // Name starts sorted ascending, so its first press flips it.
        const [first, second] = label === 'Name' ? ['descending', 'ascending'] : ['ascending', 'descending'];
        await stages.press('Enter');
        await stages.waitForSort(header, first);
        await stages.waitIdle();
        assert.ok(await stages.hasFocus(button), `focus stays on ${label} after Enter`);
        await stages.press('Space');
        await stages.waitForSort(header, second);
        await stages.waitIdle();
        assert.ok(await stages.hasFocus(button), `focus stays on ${label} after Space`);
      }
    });
  });
});

describe('pagination', () => {
  test('Next keeps focus; on the last page focus moves to the caption; First likewise', async () => {
    await withPage({}, async (stages) => {
      await stages.startFromTop();
      const next = stages.pagerButton('Next');
      await stages.tabTo(next);
      await stages.press('Enter');
      await stages.waitForStatus(/^Showing 21 to 40 of 60/);
      assert.ok(await stages.hasFocus(next), 'focus stays on Next');

      // Page 3 is the last: Next disables itself, focus goes to the caption.
      await stages.press('Space');
      await stages.waitForStatus(/^Showing 41 to 60 of 60/);
      assert.equal((await stages.focused()).tag, 'caption');
      await assertFocusRing(stages, 'the caption');

      // From the caption, Tab goes on into the table, not back to the top.
      await stages.press('Tab');
      assert.match((await stages.focused()).label, /^Name\b/);

      const previous = stages.pagerButton('Previous');
      await stages.tabTo(previous);
      await stages.press('Enter');
      await stages.waitForStatus(/^Showing 21 to 40 of 60/);
      assert.ok(await stages.hasFocus(previous), 'focus stays on Previous');

      await stages.tabTo(stages.pagerButton('Last'));
      await stages.press('Enter');
      await stages.waitForStatus(/^Showing 41 to 60 of 60/);
      assert.equal((await stages.focused()).tag, 'caption');

      await stages.tabTo(stages.pagerButton('First'));
      await stages.press('Enter');
      await stages.waitForStatus(/^Showing 1 to 20 of 60/);
      assert.equal((await stages.focused()).tag, 'caption');
    });
  });

  test('a slow page change keeps focus on the page while it loads', async () => {
    await withPage({}, async (stages) => {
      stages.scenario = 'slow-800';
      await stages.pagerButton('Last').focus();
      await stages.press('Enter');
      // Mid-flight: focus is already on the caption, not the body.
      await stages.page.locator('.cs-progress-active').waitFor();
      assert.equal((await stages.focused()).tag, 'caption');
      await stages.waitForStatus(/^Showing 41 to 60 of 60/);
      assert.equal((await stages.focused()).tag, 'caption');
    });
  });

  test('the page size changes from the keyboard and focus stays on the select', async () => {
    await withPage({}, async (stages) => {
      await stages.startFromTop();
      await stages.tabTo(stages.pageSize);
      await stages.press('ArrowDown');
      await stages.waitForStatus(/^Showing 1 to 50 of 60/);
      assert.equal(await stages.rows.count(), 50);
      assert.ok(await stages.hasFocus(stages.pageSize), 'focus stays on the select');
    });
  });

  test('a page change that fails moves focus to Retry, which recovers', async () => {
    await withPage({}, async (stages) => {
      stages.scenario = 'status-503';
      await stages.pagerButton('Next').focus();
      await stages.press('Enter');
      await stages.alert.waitFor();
      const retry = stages.page.getByRole('button', { name: 'Retry' });
      await stages.page.waitForFunction(() => document.activeElement?.textContent.trim() === 'Retry');
      await assertFocusRing(stages, 'Retry');
      stages.scenario = null;
      await stages.press('Enter');
      await stages.waitForStatus(/^Showing 21 to 40 of 60/);
      assert.equal(await retry.count(), 0);
      assert.equal((await stages.focused()).tag, 'caption', 'focus lands on the caption, not the top');
    });
  });
});

describe('two tables on one page', () => {
  test('paging the second table moves focus to its own caption', async () => {
    await withPage({ path: 'examples/host.html', within: '#second' }, async (stages) => {
      const last = stages.pagerButton('Last');
      await last.focus();
      await stages.press('Enter');
      await stages.waitForStatus(/^Showing 51 to 60 of 60/);
      const where = await stages.page.evaluate(() => ({
        tag: document.activeElement?.tagName,
        table: document.activeElement?.closest('captcha-stages')?.id,
      }));
      assert.deepEqual(where, { tag: 'CAPTION', table: 'second' });
    });
  });
});

describe('rows', () => {
  test('Enter expands a row, Space collapses it, focus stays on the toggle', async () => {
    await withPage({}, async (stages) => {
      await stages.startFromTop();
      const toggle = stages.toggles.first();
      await stages.tabTo(toggle);
      await stages.press('Enter');
      await assertFocusRing(stages, 'the row toggle');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
      const detail = stages.page.locator(`#${await toggle.getAttribute('aria-controls')}`);
      assert.ok(await detail.isVisible());
      await stages.press('Space');
      assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
      assert.ok(await detail.isHidden());
      assert.ok(await stages.hasFocus(toggle));
    });
  });

  test('a flow link in an expanded row is reached by Tab and followed with Enter', async () => {
    await withPage({}, async (stages) => {
      const row = stages.rows.filter({ has: stages.page.locator('td', { hasText: /^\d+ flows?$/ }) }).first();
      const toggle = row.locator('button.cs-toggle');
      await toggle.focus();
      await stages.press('Enter');
      const link = stages.page.locator('.cs-detail:not([hidden]) a.cs-flow-name').first();
      await link.waitFor();
      // The flows follow their row: the next Tab stops are inside it.
      await stages.tabTo(link, { max: 3 });
      await assertFocusRing(stages, 'the flow link');
      const href = await link.getAttribute('href');
      assert.match(href, /\/if\/admin\/#\/flow\/flows\/[\w-]+$/);
      // authentik's admin interface is not part of the stand-in.
      await stages.page.route('**/if/admin/**', (route) =>
        route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>authentik admin</title>' }),
      );
      await Promise.all([stages.page.waitForURL((url) => url.href.endsWith(href)), stages.press('Enter')]);
      assert.equal(await stages.page.title(), 'authentik admin');
    });
  });
});

describe('retry, refresh and the token form', () => {
  test('Retry (Enter) recovers from a failed first load; focus lands on the caption', async () => {
    await withPage({ scenario: `flaky-${Date.now()}${Math.floor(Math.random() * 1e6)}`, wait: 'none' }, async (stages) => {
      const retry = stages.page.getByRole('button', { name: 'Retry' });
      await retry.waitFor();
      await stages.startFromTop();
      await stages.tabTo(retry);
      await stages.press('Enter');
      await stages.waitForRows();
      assert.equal(await stages.alert.count(), 0);
      await stages.page.waitForFunction(() => document.activeElement?.tagName === 'CAPTION');
    });
  });

  test('Refresh reloads with Enter and with Space, keeping focus', async () => {
    await withPage({}, async (stages) => {
      await stages.startFromTop();
      await stages.tabTo(stages.refreshButton);
      const before = stages.requests.length;
      await stages.press('Enter');
      await stages.waitIdle();
      await stages.press('Space');
      await stages.waitIdle();
      assert.equal(stages.requests.length, before + 2, 'one request per press');
      assert.ok(await stages.hasFocus(stages.refreshButton));
    });
  });

  test('the token form opens with Enter, submits with Enter, closes with Escape', async () => {
    await withPage({ scenario: 'token-s3cret', wait: 'none' }, async (stages) => {
      await stages.alert.waitFor();
      await stages.startFromTop();
      await stages.tabTo(stages.tokenSummary);
      await stages.press('Enter');
      await stages.tabTo(stages.tokenInput, { max: 2 });
      await stages.page.keyboard.type('s3cret');
      await stages.press('Enter');
      await stages.waitForRows();
      assert.ok(await stages.hasFocus(stages.tokenInput), 'focus stays in the token field');
      await stages.press('Escape');
      assert.ok(await stages.hasFocus(stages.tokenSummary), 'Escape returns focus to the summary');
      assert.equal(await stages.page.locator('details.cs-token[open]').count(), 0);
      await assertFocusRing(stages, 'the API token summary');
    });
  });
});
