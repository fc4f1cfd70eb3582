import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Chooses a place in a form's place search as a person does: types the query, searches, and
 * picks the result whose name matches `place`. Works with JavaScript (the search answers in
 * place) and without (the search and the choice are form posts).
 */
export async function choosePlace(
	page: Page,
	{ label, query, place }: { label: string; query: string; place: RegExp }
) {
	await page.getByLabel(label).fill(query);
	await page.getByRole('button', { name: 'Search places' }).click();
	const result = page
		.getByRole('list', { name: 'Places found' })
		.getByRole('button', { name: place });
	// Polled so that a failure says what the search said instead (no places, an error).
	await expect
		.poll(
			async () =>
				(await result.count()) > 0 ? 'found' : page.locator('.place-search').innerText(),
			{ timeout: 15_000 }
		)
		.toBe('found');
	await result.click();
}
