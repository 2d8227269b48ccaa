// axe-core (from npm, injected into the page) with the WCAG 2.0, 2.1 and
// 2.2 level A and AA rules, and nothing else: best-practice rules are not
// requirements.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Runs axe on the whole document as it is now. */
export async function runAxe(page) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) {
    await page.addScriptTag({ path: AXE_PATH });
  }
  return page.evaluate(
    (tags) =>
      window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations', 'incomplete'],
      }),
    WCAG_TAGS,
  );
}

/**
 * Fails the test `t` with every violation axe finds in the current state,
 * and reports the count either way as a diagnostic line that scripts/test
 * collects: "axe <state>: 0 violations (...)".
 */
export async function expectNoViolations(t, page, state) {
  const result = await runAxe(page);
  const violations = result.violations;
  // "Incomplete" are checks axe could not decide (e.g. the contrast of a
  // glyph, or of text scrolled out of a narrow table): listed, not failed.
  const review = result.incomplete.map((r) => `${r.id}\u00d7${r.nodes.length}`).join(', ') || 'none';
  t.diagnostic(
    `axe ${state}: ${violations.length} violations ` +
      `(${result.passes.length} rules passed; needs review: ${review})`,
  );
  assert.deepEqual(violations.map(describe), [], `axe found violations in state "${state}"`);
}

function describe(violation) {
  const nodes = violation.nodes.slice(0, 5).map((n) => `${n.target.join(' ')}: ${n.failureSummary.replace(/\s+/g, ' ')}`);
  return `${violation.id} (${violation.impact}, ${violation.nodes.length} nodes): ${violation.help}\n    ${nodes.join('\n    ')}`;
}
