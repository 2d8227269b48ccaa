// What the eye gets: states told by more than colour, no motion for those
// who ask for none. (Text contrast in both themes is axe's job, in
// axe.test.js; focus rings are checked in keyboard.test.js.)
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useSuite } from '../support/browser.js';
import { StagesPage } from '../support/stages_page.js';

const suite = useSuite();

const withPage = (options, body) => StagesPage.with(suite, options, body);

/** Starts a reload that takes a while, and waits until the progress bar runs. */
async function startSlowReload(stages) {
  stages.scenario = 'slow-10000';
  await stages.refreshButton.click();
  await stages.page.locator('.cs-progress-active').waitFor();
}

const animationOf = (locator) => locator.evaluate((el) => getComputedStyle(el).animationName);

describe('motion', () => {
  test('the progress bar slides by default', async () => {
    await withPage({}, async (stages) => {
      await startSlowReload(stages);
      assert.equal(await animationOf(stages.progressBar), 'cs-slide');
    });
  });

  test('prefers-reduced-motion stops the progress animation but keeps the bar', async () => {
    await withPage({ reducedMotion: 'reduce' }, async (stages) => {
      await startSlowReload(stages);
      assert.equal(await animationOf(stages.progressBar), 'none');
      assert.ok(await stages.progressBar.isVisible(), 'loading is still shown');
    });
  });
});

describe('states are not told by colour alone', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`sort, expansion and disabled buttons differ in shape (${colorScheme})`, async () => {
      await withPage({ colorScheme }, async (stages) => {
        const icon = (label) => stages.sortButton(label).locator('.cs-sort-icon').innerText();
        assert.equal(await icon('Name'), '↑');
        assert.equal(await icon('Provider'), '↕');
        await stages.sortButton('Name').click();
        await stages.waitForSort('Name', 'descending');
        assert.equal(await icon('Name'), '↓');

        const toggle = stages.toggles.first();
        assert.equal(await toggle.innerText(), '▸');
        await toggle.click();
        assert.equal(await toggle.innerText(), '▾');

        const border = (label) => stages.pagerButton(label).evaluate((el) => getComputedStyle(el).borderTopStyle);
        assert.ok(await stages.pagerButton('Previous').isDisabled());
        assert.equal(await border('Previous'), 'dashed');
        assert.equal(await border('Next'), 'solid');
      });
    });
  }

  test('an error says so in words, not only in red', async () => {
    await withPage({ scenario: 'status-503', wait: 'none' }, async (stages) => {
      await stages.alert.waitFor();
      assert.match(await stages.alert.innerText(), /^Could not load captcha stages/);
    });
  });

  test('links in the flow list are underlined', async () => {
    await withPage({}, async (stages) => {
      const row = stages.rows.filter({ has: stages.page.locator('td', { hasText: /^\d+ flows?$/ }) }).first();
      await row.locator('button.cs-toggle').click();
      const link = stages.page.locator('.cs-flow a').first();
      await link.waitFor();
      const decoration = await link.evaluate((el) => getComputedStyle(el).textDecorationLine);
      assert.equal(decoration, 'underline');
    });
  });
});

describe('layout', () => {
  /** Left edge and width of every header cell, rounded to whole pixels. */
  const columns = (stages) =>
    stages.root.locator('thead th').evaluateAll((cells) =>
      cells.map((cell) => {
        const box = cell.getBoundingClientRect();
        return `${Math.round(box.left)}+${Math.round(box.width)}`;
      }));

  // Laid out automatically, the columns followed the longest name and key of
  // each page, so Next moved every column under the pointer.
  test('the columns keep their place from page to page and on a search', async () => {
    await withPage({}, async (stages) => {
      const first = await columns(stages);
      const firstNames = await stages.stageNames();
      await stages.pagerButton('Last').click();
      await stages.page.waitForFunction((before) => document.querySelector('.cs-name')?.textContent !== before, firstNames[0]);
      await stages.waitIdle();
      assert.deepEqual(await columns(stages), first, 'last page');
      await stages.searchBox.fill('turnstile');
      await stages.waitForStatus(/matching/);
      assert.deepEqual(await columns(stages), first, 'a search');
    });
  });
});

describe('375 px wide', () => {
  // 800 px: between the card breakpoint and the table's minimum width the
  // box once scrolled sideways, hiding Flows. All 60 demo stages: one has a
  // custom provider host that did not wrap and pushed the cards wider.
  for (const width of [375, 800]) {
    test(`nothing scrolls sideways at ${width} px: each stage is a card with its column labels`, async () => {
      await withPage({ viewport: { width, height: 800 }, path: '?page_size=100' }, async (stages) => {
        const widths = await stages.page.evaluate(() => {
          const wrap = document.querySelector('.cs-table-wrap');
          return {
            scroll: document.documentElement.scrollWidth,
            client: document.documentElement.clientWidth,
            tableScroll: wrap.scrollWidth,
            tableClient: wrap.clientWidth,
          };
        });
        assert.equal(await stages.rows.count(), 60);
        assert.ok(widths.scroll <= widths.client, `the document is ${widths.scroll}px wide in a ${widths.client}px window`);
        assert.ok(widths.tableScroll <= widths.tableClient, `the table is ${widths.tableScroll}px wide in a ${widths.tableClient}px box`);
        // Everything in the pager, the toolbar and the headers stays within reach.
        const controls = [stages.searchBox, stages.refreshButton, stages.pagerButton('Next'), stages.pageSize,
          stages.sortButton('Name'), stages.sortButton('Error on invalid score'), stages.toggles.first()];
        for (const control of controls) {
          const box = await control.boundingBox();
          assert.ok(box.x >= 0 && box.x + box.width <= width, `${await control.evaluate((el) => el.outerHTML.slice(0, 60))} fits`);
        }
        // A card: the cells stack under the name, each labelled by CSS text
        // that a screen reader skips (it hears the column header instead).
        const card = await stages.rows.first().evaluate((row) => {
          const cells = [...row.cells];
          return {
            lefts: cells.slice(2).map((cell) => Math.round(cell.getBoundingClientRect().left)),
            tops: cells.slice(1).map((cell) => Math.round(cell.getBoundingClientRect().top)),
            labels: cells.slice(2).map((cell) => getComputedStyle(cell, '::before').content),
          };
        });
        assert.equal(new Set(card.lefts).size, 1, `cells in one column: ${card.lefts}`);
        assert.deepEqual([...card.tops].sort((a, b) => a - b), card.tops, 'stacked in column order');
        assert.equal(new Set(card.tops).size, card.tops.length, `one cell per line: ${card.tops}`);
        assert.deepEqual(card.labels, ['"Provider" / ""', '"Public key" / ""', '"Score range" / ""',
          '"Error on invalid score" / ""', '"Flows" / ""']);
        // A closed stage's detail row takes no room (the cards' display rule
        // once overrode [hidden] and left a band under every card).
        const closed = await stages.page.locator('tr.cs-detail[hidden]').evaluateAll((rows) =>
          rows.map((row) => row.getBoundingClientRect().height));
        assert.equal(closed.length, 60);
        assert.deepEqual([...new Set(closed)], [0]);
      });
    });
  }

  // In a narrow column of a wide page (a host's sidebar) only the container
  // query applies; its rule once lost to the later two-column one.
  test('an expanded stage in a narrow column of a wide window stacks its settings above its flows', async () => {
    await withPage({ viewport: { width: 1280, height: 800 } }, async (stages) => {
      await stages.page.addStyleTag({ content: 'captcha-stages { max-width: 380px; }' });
      await stages.toggles.first().click();
      const box = (selector) => stages.page.locator(`tr.cs-detail:not([hidden]) ${selector}`).first().boundingBox();
      const settings = await box('.cs-settings');
      const flows = await box('.cs-flows');
      assert.ok(flows.y >= settings.y + settings.height, 'flows below the settings');
      assert.ok(Math.abs(flows.x - settings.x) < 1, 'in one column');
    });
  });

  // Pinned to its button, the form ran off the left edge once the toolbar wrapped.
  test('the API token form opens inside the window', async () => {
    await withPage({ viewport: { width: 375, height: 800 } }, async (stages) => {
      await stages.tokenSummary.click();
      const form = await stages.page.locator('.cs-token-form').boundingBox();
      assert.ok(form.x >= 0 && form.x + form.width <= 375, `the form spans ${form.x}..${form.x + form.width}`);
    });
  });

  test('a long unbroken search that matches nothing wraps in its notice', async () => {
    const search = 'zzzqqqxxxyyy-averyveryverylongsearchtermwithoutspaces';
    await withPage({ viewport: { width: 375, height: 800 }, path: `?search=${search}`, wait: 'none' }, async (stages) => {
      await stages.waitForStatus(/^No stages match/);
      const scroll = await stages.page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scroll <= 375, `the document is ${scroll}px wide`);
    });
  });

  test('the table is still a table to assistive technology', async () => {
    await withPage({ viewport: { width: 375, height: 800 } }, async (stages) => {
      const snapshot = await stages.table.ariaSnapshot();
      assert.match(snapshot, /^- table "Captcha stages/);
      assert.match(snapshot, /- columnheader "Provider/);
      assert.match(snapshot, /- row "[^"]*account-deletion-captcha/);
      assert.match(snapshot, /- cell "Cloudflare Turnstile"/);
    });
  });
});
