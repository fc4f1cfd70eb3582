/**
 * The map's search box asks `/map/search` for places and people matching what was typed. The
 * endpoint answers with what the visitor may see; this only carries the question and the answer.
 */
import { resolve } from '$app/paths';
import type { Place } from '$lib/people/places';
import type { MapItem } from './map-items';

/** What `/map/search` answers: places to fly to, and people to show. */
export interface MapSearchResults {
	places: Place[];
	people: MapItem[];
}

/** Places and people matching `query`; stopped through `signal` when a newer search starts. */
export async function searchMap(query: string, signal: AbortSignal): Promise<MapSearchResults> {
	const response = await fetch(`${resolve('/map/search')}?${new URLSearchParams({ q: query })}`, {
		signal
	});
	if (!response.ok) throw new Error(`Search answered ${response.status}`);
	return (await response.json()) as MapSearchResults;
}
