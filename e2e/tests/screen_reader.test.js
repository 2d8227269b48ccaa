// What a screen reader gets, read from Chromium's own accessibility tree
// (through the DevTools protocol): names, roles and states, the live region's
// announcements, and words instead of symbols.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useSuite } from '../support/browser.js';
import { LOADING, StagesPage } from '../support/stages_page.js';

const suite = useSuite();

const withPage = (options, body) => StagesPage.with(suite, options, body);

/** Chromium joins a visible label and hidden words with a space; readers ignore it. */
const tidy = (name) => name.replace(/\s+/g, ' ').replace(/ ,/g, ',').trim();

describe('the table', () => {
  test('is named by its caption, which says the order', async () => {
    await withPage({}, async (stages) => {
      const table = await stages.axNode(stages.table);
      assert.equal(table.role, 'table');
      assert.equal(tidy(table.name), 'Captcha stages, sorted by Name, ascending');
      await stages.sortButton('Provider').click();
      await stages.waitForSort('Provider', 'ascending');
      assert.equal(tidy((await stages.axNode(stages.table)).name), 'Captcha stages, sorted by Provider, ascending');
    });
  });

  test('sort headers expose aria-sort and their buttons say what a click does', async () => {
    await withPage({}, async (stages) => {
      const columns = [
        ['Name', 'Name', 'Name, sorted ascending; click to sort descending'],
        ['Provider', 'Provider', 'Provider, not sorted; click to sort ascending'],
        ['Public key', 'Public key', 'Public key, not sorted; click to sort ascending'],
        ['min', 'Score range', 'min score, not sorted; click to sort ascending'],
        ['max', 'Score range', 'max score, not sorted; click to sort ascending'],
        ['Error on invalid score', 'Error on invalid score', 'Error on invalid score, not sorted; click to sort ascending'],
      ];
      for (const [label, , name] of columns) {
        const button = await stages.axNode(stages.sortButton(label));
        assert.equal(button.role, 'button');
        assert.equal(tidy(button.name), name);
        // WCAG 2.5.3: the spoken name starts with the words on screen.
        const visible = await stages.visibleText(stages.sortButton(label));
        assert.equal(visible, label);
        assert.ok(tidy(button.name).startsWith(visible), `"${button.name}" starts with "${visible}"`);
      }
      assert.equal(await stages.sortHeader('Name').getAttribute('aria-sort'), 'ascending');
      assert.equal(await stages.sortHeader('Provider').getAttribute('aria-sort'), 'none');

      await stages.sortButton('Name').click();
      await stages.waitForSort('Name', 'descending');
      assert.equal(tidy((await stages.axNode(stages.sortButton('Name'))).name), 'Name, sorted descending; click to sort ascending');

      await stages.sortButton('max').click();
      await stages.waitForSort('Score range', 'ascending');
      assert.equal(await stages.sortHeader('Name').getAttribute('aria-sort'), 'none');
      assert.equal(tidy((await stages.axNode(stages.sortButton('max'))).name), 'max score, sorted ascending; click to sort descending');
      assert.equal(tidy((await stages.axNode(stages.sortButton('min'))).name), 'min score, not sorted; click to sort ascending');
      // Only the column that is sorted says so.
      const sorted = await stages.page.locator('thead th[aria-sort]:not([aria-sort="none"])').count();
      assert.equal(sorted, 1);
    });
  });

  test('expand toggles expose aria-expanded and aria-controls', async () => {
    await withPage({}, async (stages) => {
      const first = (await stages.stageNames())[0];
      const toggle = stages.toggleOf(first);
      let node = await stages.axNode(toggle);
      assert.equal(node.name, `Show flows of ${first}`);
      assert.equal(node.properties.expanded, false);
      const controls = await toggle.getAttribute('aria-controls');
      const detail = stages.page.locator(`[id="${controls}"]`);
      assert.equal(await detail.count(), 1, 'aria-controls names an element on the page');
      assert.ok(await detail.isHidden());

      await toggle.click();
      node = await stages.axNode(toggle);
      assert.equal(node.properties.expanded, true);
      assert.ok(await detail.isVisible());
      assert.match(await detail.innerText(), /Used by \d+ flows?/);
    });
  });
});

describe('the live region', () => {
  test('is a polite status region that exists before anything loads', async () => {
    await withPage({ scenario: 'slow-4000', wait: 'none' }, async (stages) => {
      const status = await stages.axNode(stages.status);
      assert.equal(status.role, 'status');
      assert.equal(status.properties.live, 'polite');
      assert.equal(await stages.statusText(), LOADING);
      await stages.waitForRows();
      assert.equal(await stages.statusText(), 'Showing 1 to 20 of 60 stages, sorted by Name, ascending');
    });
  });

  test('announces a search once, not per keystroke', async () => {
    await withPage({}, async (stages) => {
      const announcements = await stages.recordAnnouncements();
      // When each keystroke reaches the page, by the page's clock: on a busy
      // machine a gap can exceed the search's 300 ms pause, and then a search
      // (and its announcement) is due in between.
      await stages.page.evaluate(() => {
        window.__keystrokes = [];
        document.addEventListener('input', () => window.__keystrokes.push(performance.now()), true);
      });
      await stages.searchBox.focus();
      await stages.page.keyboard.type('turnstile', { delay: 60 });
      await stages.waitForStatus(/matching “turnstile”/);
      await stages.page.waitForTimeout(500);
      const said = await announcements();
      const times = await stages.page.evaluate(() => window.__keystrokes);
      const gaps = times.slice(1).map((t, i) => t - times[i]);
      // A gap right at 300 ms may go either way (timer granularity).
      const surePauses = gaps.filter((gap) => gap >= 320).length;
      const maybePauses = gaps.filter((gap) => gap >= 280).length;

      assert.equal(times.length, 'turnstile'.length);
      // Each search: "Loading…", then its result; one search per pause, plus the last.
      const searches = said.length / 2;
      const context = `announcements: ${JSON.stringify(said)}; gaps: ${gaps.map(Math.round)}`;
      assert.ok(searches >= surePauses + 1 && searches <= maybePauses + 1, context);
      said.forEach((text, i) => {
        if (i % 2 === 0) assert.equal(text, LOADING);
        else assert.match(text, /^Showing 1 to \d+ of \d+ stages? matching “t[a-z]*”, sorted by Name, ascending$/);
      });
      assert.match(said.at(-1), /matching “turnstile”/);
    });
  });

  test('announces loading and the result once per page change and per sort', async () => {
    await withPage({ scenario: 'slow-300' }, async (stages) => {
      let announcements = await stages.recordAnnouncements();
      await stages.pagerButton('Next').click();
      await stages.waitForStatus(/^Showing 21 to 40/);
      assert.deepEqual(await announcements(), [LOADING, 'Showing 21 to 40 of 60 stages, sorted by Name, ascending']);

      // A new sort keeps the range, and is still announced.
      announcements = await stages.recordAnnouncements();
      await stages.sortButton('Public key').click();
      await stages.waitForStatus(/Public key/);
      assert.deepEqual(await announcements(), [LOADING, 'Showing 1 to 20 of 60 stages, sorted by Public key, ascending']);
    });
  });

  test('says when the page asked for no longer exists', async () => {
    await withPage({}, async (stages) => {
      await stages.pagerButton('Last').click();
      await stages.waitForStatus(/^Showing 41 to 60/);
      stages.scenario = 'stages-30';
      await stages.refreshButton.click();
      await stages.waitForStatus(/^Page 3 no longer exists; showing page 2, the last one\. Showing 21 to 30 of 30 stages/);
    });
  });

  test('announces the empty and no-match states', async () => {
    await withPage({ scenario: 'empty', wait: 'none' }, async (stages) => {
      await stages.waitForStatus('No captcha stages yet');
    });
    await withPage({}, async (stages) => {
      await stages.searchBox.fill('zzz-none');
      await stages.searchBox.press('Enter');
      await stages.waitForStatus('No stages match “zzz-none”');
    });
  });
});

describe('errors', () => {
  for (const [scenario, words] of [
    ['status-503', /HTTP 503 Service Unavailable/],
    ['token-s3cret', /Authentication credentials were not provided\..*API token/],
    ['network-down', /Could not reach the authentik server/],
  ]) {
    test(`${scenario}: the error region is an alert, announced once`, async () => {
      await withPage({ scenario, wait: 'none' }, async (stages) => {
        await stages.alert.waitFor();
        const alert = await stages.axNode(stages.alert);
        assert.equal(alert.role, 'alert');
        assert.match(await stages.alert.innerText(), /Could not load captcha stages/);
        assert.match((await stages.alert.innerText()).replace(/\s+/g, ' '), words);
        // The status region stays quiet, so the failure is not said twice.
        assert.equal(await stages.statusText(), '');
      });
    });
  }
});

describe('retry', () => {
  test('a Retry that fails the same way says "Loading…", and the alert is not repeated (FIXME)', async () => {
    await withPage({ scenario: 'status-503', wait: 'none' }, async (stages) => {
      await stages.alert.waitFor();
      const before = await stages.alert.innerText();
      const announcements = await stages.recordAnnouncements();
      await stages.page.getByRole('button', { name: 'Retry' }).click();
      await stages.waitIdle();
      assert.equal(await stages.alert.innerText(), before);
      assert.deepEqual(await announcements(), [LOADING]);
      // FIXME: the second failure is only heard by re-reading the alert. Wanted: the alert
      // re-inserted (or its text changed) on every failed request.
      assert.equal(await stages.statusText(), '');
    });
  });
});

describe('words, not symbols', () => {
  const GLYPHS = /^[\s↑↓↕▸▾–—]+$/;

  test('icons are hidden or named; booleans read Yes/No; ranges read "to"', async () => {
    await withPage({}, async (stages) => {
      await stages.toggles.first().click();
      await stages.page.locator('.cs-flow').first().waitFor();
      const texts = await stages.axTexts();
      assert.deepEqual(texts.filter((t) => GLYPHS.test(t)), [], 'no bare arrow, triangle or dash is read out');
      assert.deepEqual(texts.filter((t) => /\b(true|false|null|undefined|NaN)\b/.test(t)), []);

      const cells = stages.rows.first().locator('td');
      assert.equal((await stages.axNode(cells.nth(4))).name, '0.5 to 1.0');
      assert.match((await stages.axNode(cells.nth(5))).name, /^(Yes|No)$/);
      assert.match((await stages.axNode(cells.nth(6))).name, /^(Not used|1 flow|\d+ flows)$/);
      const compatibility = stages.page.locator('.cs-flow dt', { hasText: 'Compatibility mode' }).first();
      assert.match(await compatibility.locator('xpath=following-sibling::dd[1]').innerText(), /^(Yes|No)$/);
    });
  });

  test('an unset flow setting reads "Not set", not a dash', async () => {
    await withPage({ wait: 'none' }, async (stages) => {
      await stages.page.route(
        (url) => url.pathname.endsWith('/stages/captcha/'),
        async (route) => {
          const response = await route.fetch();
          const body = await response.json();
          const stage = body.results.find((s) => s.flow_set.length > 0);
          delete stage.flow_set[0].designation;
          await route.fulfill({ response, json: body });
        },
      );
      await stages.page.reload();
      await stages.waitForRows();
      const row = stages.rows.filter({ has: stages.page.locator('td', { hasText: /^\d+ flows?$/ }) }).first();
      await row.locator('button.cs-toggle').click();
      const designation = stages.page.locator('.cs-flow dt', { hasText: 'Designation' }).first();
      const value = designation.locator('xpath=following-sibling::dd[1]');
      // The dash is generated content whose alternative text is the words.
      const seen = await value.evaluate((dd) => getComputedStyle(dd, '::before').content);
      assert.match(seen, /^"—"/, 'seen as a dash');
      assert.equal((await stages.axNode(value)).name || (await stages.axTexts()).find((t) => t === 'Not set'), 'Not set', 'heard as "Not set"');
      assert.ok(!(await stages.axTexts()).includes('—'), 'the dash itself is not read');
    });
  });
});
