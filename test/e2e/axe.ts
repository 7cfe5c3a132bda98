import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Runs axe-core over the page as it is now (WCAG 2.1 A/AA and best practices) and fails
 * with a readable list if it finds anything serious or critical. Any e2e can call it at a
 * state worth checking; `where` names that state in the failure. `rules` narrows the run
 * to those rules (e.g. only colour contrast when re-checking a page in the other theme).
 */
export async function expectNoSeriousAxeFindings(page: Page, where: string, rules?: string[]): Promise<void> {
  const builder = new AxeBuilder({ page });
  if (rules) builder.withRules(rules);
  else builder.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice', 'experimental']);
  const { violations } = await builder.analyze();
  const serious = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`)
          .join('\n')}`,
    );
  expect(serious.join('\n') || 'none', `axe on ${where}`).toBe('none');
}
