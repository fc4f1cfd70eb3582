import { afterEach, describe, expect, it, vi } from 'vitest';
import { place } from '$lib/people/factories';
import { mapItem } from './factories';
import { searchMap } from './search-client';

afterEach(() => {
	vi.unstubAllGlobals();
});

/** A `fetch` that answers every request with `body` and `status`. */
function answering(body: unknown, status = 200) {
	const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status }));
	vi.stubGlobal('fetch', fetch);
	return fetch;
}

describe('searchMap', () => {
	it('asks the map’s search for the query, and gives its places and people', async () => {
		const found = { places: [place()], people: [mapItem()] };
		const fetch = answering(found);
		const signal = new AbortController().signal;

		expect(await searchMap('Ghent Parents & co', signal)).toEqual(found);
		expect(fetch).toHaveBeenCalledWith('/map/search?q=Ghent+Parents+%26+co', { signal });
	});

	it('fails, saying how, when the search does not answer', async () => {
		answering({ message: 'q must name a place or a person.' }, 400);

		await expect(searchMap('x', new AbortController().signal)).rejects.toThrow(
			'Search answered 400'
		);
	});
});
