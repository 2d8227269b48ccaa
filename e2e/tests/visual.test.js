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

describe('375 px wide', () => {
  test('the page does not scroll sideways; only the table does, inside its frame', async () => {
    await withPage({ viewport: { width: 375, height: 800 } }, async (stages) => {
      const page = await stages.page.evaluate(() => ({
        scroll: document.documentElement.scrollWidth,
        client: document.documentElement.clientWidth,
      }));
      assert.ok(page.scroll <= page.client, `the document is ${page.scroll}px wide in a ${page.client}px window`);
      // Everything in the pager and toolbar stays within reach.
      for (const control of [stages.searchBox, stages.refreshButton, stages.pagerButton('Next'), stages.pageSize]) {
        const box = await control.boundingBox();
        assert.ok(box.x >= 0 && box.x + box.width <= 375, `${await control.evaluate((el) => el.outerHTML.slice(0, 60))} fits`);
      }
    });
  });
});
