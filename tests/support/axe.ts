import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** The impacts that fail a test; `minor` and `moderate` ones are left to review. */
const failingImpacts = new Set(['serious', 'critical']);

/**
 * Runs axe-core on the page as it is now and fails, naming each rule, what it asks for and
 * the elements that break it, if any violation is serious or critical. The page must come from
 * `browser.newContext()`: AxeBuilder refuses pages made by `browser.newPage()`.
 */
export async function expectNoSeriousA11yViolations(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	const serious = violations.filter((violation) => failingImpacts.has(violation.impact ?? ''));
	const report = serious.map((violation) =>
		[
			`${violation.id} (${violation.impact}) on ${page.url()}: ${violation.help}`,
			...violation.nodes.map((node) => `  ${node.target.join(' ')}`)
		].join('\n')
	);
	expect(report, report.join('\n')).toEqual([]);
}
