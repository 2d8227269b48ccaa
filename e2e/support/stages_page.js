// The captcha stages page as a user meets it: its controls found by role and
// name (as a screen reader finds them), keyboard helpers, and what Chromium's
// own accessibility tree says about an element.
//
// Every state comes from the real stand-in. The page always calls
// /api/v3/stages/captcha/; `scenario` reroutes those calls to the stand-in's
// /scenario/<spec>/api/v3/stages/captcha/ (empty, status-503, slow-800, ...)
// and can change mid-test, e.g. to make the next page fail.
import assert from 'node:assert/strict';
import { TIMEOUT_MS } from './browser.js';

const LIST_PATH = '/api/v3/stages/captcha/';
export const LOADING = 'Loading captcha stages\u2026';

export class StagesPage {
  /**
   * Opens the page in a fresh browser context of `suite` (see useSuite).
   * Options: scenario (a stand-in spec), colorScheme ('light' | 'dark'),
   * reducedMotion ('reduce' | 'no-preference'), viewport ({width, height}),
   * wait ('rows' | 'none'), path (a page other than the standalone one, such
   * as 'examples/host.html') and within (a selector for the one table to
   * drive when the page holds several).
   */
  /** Opens a page, runs `body` with it, and closes it whatever happens. */
  static async with(suite, options, body) {
    const stages = await StagesPage.open(suite, options);
    try {
      await body(stages);
    } finally {
      await stages.close();
    }
  }

  static async open(suite, options = {}) {
    const { viewport = { width: 1280, height: 900 }, wait = 'rows' } = options;
    const context = await suite.browser.newContext({ viewport });
    const page = await context.newPage();
    page.setDefaultTimeout(TIMEOUT_MS);
    const stages = new StagesPage(page, options.scenario ?? null, options.within ?? 'body');
    await page.emulateMedia({
      colorScheme: options.colorScheme ?? 'light',
      reducedMotion: options.reducedMotion ?? 'no-preference',
    });
    await page.route((url) => url.pathname.endsWith(LIST_PATH), (route) => stages.#reroute(route));
    await page.goto(new URL(options.path ?? '', suite.baseUrl).href);
    if (wait === 'rows') await stages.waitForRows();
    return stages;
  }

  constructor(page, scenario, within) {
    this.page = page;
    /** The part of the page that holds the table driven here. */
    this.root = page.locator(within);
    this.within = within;
    /** A stand-in scenario spec, 'network-down', or null for the plain API. */
    this.scenario = scenario;
    /** Every list request the page made, as URLs. */
    this.requests = [];
    /** Console errors and uncaught exceptions; a test may assert there are none. */
    this.errors = [];
    page.on('pageerror', (error) => this.errors.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Failed requests are logged on purpose (one warning each); errors are not expected.
      if (message.type() === 'error' && !/status of \d{3}|ERR_CONNECTION_REFUSED/.test(message.text())) {
        this.errors.push(`console: ${message.text()}`);
      }
    });
  }

  #reroute(route) {
    const url = new URL(route.request().url());
    this.requests.push(url.pathname + url.search);
    if (this.scenario === 'network-down') return route.abort('connectionrefused');
    if (!this.scenario) return route.continue();
    url.pathname = `/scenario/${this.scenario}${url.pathname}`;
    return route.continue({ url: url.toString() });
  }

  async close() {
    await this.page.context().close();
  }

  // --- what is on the page --------------------------------------------------

  get table() { return this.root.locator('table.cs-table'); }
  get caption() { return this.root.locator('table.cs-table caption'); }
  get status() { return this.root.getByRole('status'); }
  get alert() { return this.root.getByRole('alert'); }
  get searchBox() { return this.root.getByRole('searchbox', { name: 'Search' }); }
  get refreshButton() { return this.root.getByRole('button', { name: 'Refresh', exact: true }); }
  get tokenSummary() { return this.root.locator('.cs-token summary'); }
  get tokenInput() { return this.root.getByLabel('API token', { exact: true }); }
  get pager() { return this.root.getByRole('navigation', { name: 'Pagination' }); }
  get pageSize() { return this.root.getByLabel('Rows per page'); }
  get rows() { return this.root.locator('tbody tr.cs-row'); }
  get toggles() { return this.root.locator('tbody button.cs-toggle'); }
  get progressBar() { return this.root.locator('.cs-progress span'); }

  /** The sort button of a column by its visible label: Name, Provider, min, ... */
  sortButton(label) {
    return this.root.locator('thead').locator(sortButtonLabelled(this.page, label));
  }

  /** The header cell (with `aria-sort`) that holds a sort button. */
  sortHeader(label) {
    return this.root.locator('thead th').filter({ has: sortButtonLabelled(this.page, label) });
  }

  pagerButton(label) {
    return this.pager.getByRole('button', { name: label, exact: true });
  }

  /** The toggle of the row of the stage called `name`. */
  toggleOf(name) {
    return this.rows.filter({ has: this.page.locator('.cs-name', { hasText: name }) }).locator('button.cs-toggle');
  }

  async stageNames() {
    return this.rows.locator('.cs-name').allTextContents();
  }

  async statusText() {
    return (await this.status.textContent()).trim();
  }

  // --- waiting ----------------------------------------------------------------

  /** Until rows are shown and no request is in flight. */
  async waitForRows() {
    await this.root.locator('table.cs-table[aria-busy="false"] tbody tr.cs-row').first().waitFor();
    await this.waitIdle();
  }

  /** Until no request is in flight. */
  async waitIdle() {
    await this.page.waitForFunction(
      ({ within, loading }) => {
        const root = document.querySelector(within);
        const status = root?.querySelector('[role=status]');
        return !root.querySelector('.cs-progress-active') && status && status.textContent.trim() !== loading;
      },
      { within: this.within, loading: LOADING },
    );
  }

  /** Until the live region says `text` (a string or a RegExp). */
  async waitForStatus(text) {
    await this.page.waitForFunction(
      ({ within, source, flags, exact }) => {
        const status = document.querySelector(within)?.querySelector('[role=status]')?.textContent.trim() ?? '';
        return exact !== null ? status === exact : new RegExp(source, flags).test(status);
      },
      typeof text === 'string'
        ? { within: this.within, source: '', flags: '', exact: text }
        : { within: this.within, source: text.source, flags: text.flags, exact: null },
    );
  }

  /** Until the column's header has `aria-sort` = `direction`. */
  async waitForSort(label, direction) {
    await this.page.waitForFunction(
      ({ within, label, direction }) =>
        [...document.querySelector(within).querySelectorAll('thead th')].some(
          (th) => th.textContent.trim().startsWith(label) && th.getAttribute('aria-sort') === direction,
        ),
      { within: this.within, label, direction },
    );
  }

  // --- keyboard ---------------------------------------------------------------

  async press(key) {
    await this.page.keyboard.press(key);
  }

  /**
   * Presses Tab (or Shift+Tab) until `target` has focus; returns what held
   * focus at each stop. Fails if the target is not reached in `max` presses.
   */
  async tabTo(target, { backwards = false, max = 80 } = {}) {
    const stops = [];
    for (let i = 0; i < max; i++) {
      await this.press(backwards ? 'Shift+Tab' : 'Tab');
      stops.push(await this.focused());
      if (await target.evaluate((el) => el === document.activeElement)) return stops;
    }
    assert.fail(`${backwards ? 'Shift+Tab' : 'Tab'} never reached the target; stops: ${stops.map((s) => s.label).join(' | ')}`);
  }

  /** Puts the sequential focus starting point at the top of the document. */
  async startFromTop() {
    await this.page.evaluate(() => {
      document.activeElement?.blur();
      window.scrollTo(0, 0);
    });
    // Clicking the table's own heading moves the starting point there without focusing anything.
    await this.root.locator('h1').first().click();
  }

  /** What holds focus: tag, id, accessible-ish label, and whether it is the body. */
  async focused() {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      // A field's own words in its label, without the field (a select's options) inside it.
      const labelText = (field) => {
        const label = field.labels?.[0]?.cloneNode(true);
        label?.querySelectorAll('input, select, textarea').forEach((inner) => inner.remove());
        return label?.textContent.replace(/\s+/g, ' ').trim() ?? '';
      };
      const label =
        el?.getAttribute('aria-label') ||
        (el?.tagName === 'INPUT' || el?.tagName === 'SELECT'
          ? labelText(el)
          : el?.textContent.replace(/\s+/g, ' ').trim().slice(0, 80));
      return { tag: el?.tagName.toLowerCase() ?? 'none', id: el?.id ?? '', label: label ?? '', body: el === document.body || !el };
    });
  }

  /** The words of `locator` a sighted user reads: no screen-reader-only text, no icons. */
  async visibleText(locator) {
    return locator.evaluate((el) => {
      const copy = el.cloneNode(true);
      copy.querySelectorAll('.cs-sr-only, [aria-hidden="true"]').forEach((hidden) => hidden.remove());
      return copy.textContent.replace(/\s+/g, ' ').trim();
    });
  }

  /** Whether `locator` holds focus. */
  async hasFocus(locator) {
    return locator.evaluate((el) => el === document.activeElement);
  }

  /**
   * The focus indicator of the element that holds focus: its outline and
   * the contrast of the outline against what is behind it (WCAG 2.4.7 and
   * 1.4.11 ask for a visible indicator of at least 3:1).
   */
  async focusRing() {
    return this.page.evaluate(() => {
      const el = document.activeElement;
      const style = getComputedStyle(el);
      const parse = (c) => {
        const m = c.match(/rgba?\(([^)]+)\)/);
        if (!m) return null;
        const [r, g, b, a = 1] = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
        return { r, g, b, a };
      };
      let background = null;
      for (let node = el.parentElement; node; node = node.parentElement) {
        const c = parse(getComputedStyle(node).backgroundColor);
        if (c && c.a > 0) { background = c; break; }
      }
      background ??= parse(getComputedStyle(document.body).backgroundColor) ?? { r: 255, g: 255, b: 255, a: 1 };
      const luminance = ({ r, g, b }) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const ring = parse(style.outlineColor);
      const [l1, l2] = [luminance(ring), luminance(background)].sort((a, b) => b - a);
      return {
        style: style.outlineStyle,
        width: parseFloat(style.outlineWidth),
        contrast: Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100,
      };
    });
  }

  // --- the accessibility tree -------------------------------------------------

  /** Chromium's computed role, name and states of the first element of `locator`. */
  async axNode(locator) {
    const cdp = await this.#cdp();
    const marker = `ax-${Math.random().toString(36).slice(2)}`;
    await locator.first().evaluate((el, m) => el.setAttribute('data-ax-probe', m), marker);
    try {
      const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: `[data-ax-probe="${marker}"]` });
      const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
      const node = nodes[0];
      const properties = Object.fromEntries((node.properties ?? []).map((p) => [p.name, p.value.value]));
      return { role: node.role?.value, name: node.name?.value ?? '', ignored: node.ignored, properties };
    } finally {
      await locator.first().evaluate((el) => el.removeAttribute('data-ax-probe'));
    }
  }

  /** The text of every node a screen reader can reach, in document order. */
  async axTexts() {
    const cdp = await this.#cdp();
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    return nodes
      .filter((n) => !n.ignored && n.role?.value === 'StaticText')
      .map((n) => n.name?.value ?? '')
      .filter((text) => text.trim() !== '');
  }

  async #cdp() {
    this.cdpSession ??= await this.page.context().newCDPSession(this.page);
    return this.cdpSession;
  }

  /**
   * Records every text the live region takes, from now on. Returns a
   * function that yields the announcements: each distinct text it held, in
   * order (a screen reader speaks a polite region once per change).
   */
  async recordAnnouncements() {
    await this.page.evaluate((within) => {
      const region = document.querySelector(within).querySelector('[role=status]');
      window.__announcements = [];
      const note = () => {
        const text = region.textContent.trim();
        const list = window.__announcements;
        if (text && list[list.length - 1] !== text) list.push(text);
      };
      window.__announcer?.disconnect();
      window.__announcer = new MutationObserver(note);
      window.__announcer.observe(region, { childList: true, characterData: true, subtree: true });
    }, this.within);
    return () => this.page.evaluate(() => window.__announcements.slice());
  }
}

function sortButtonLabelled(page, label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.locator('button.cs-sort').filter({ hasText: new RegExp(`^\\s*${escaped}\\b`) });
}
