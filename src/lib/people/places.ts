/**
 * Places from the offline GeoNames gazetteer, as the browser asks the app for them while someone
 * picks where they are. Without JavaScript the same searches run in the page's form actions.
 */
import type { LatLng } from '$lib/geo/cells';
import type { PlaceLabel } from './audience';

/** One row of `search_places`. */
export interface Place {
	id: number;
	name: string;
	country_code: string;
	country_name: string;
	/** The first-level division ("TN"), only where the country has another place of this name. */
	region: string | null;
	population: number;
	lat: number;
	lng: number;
}

/** GeoNames asks for this attribution wherever its data is shown (CC BY 4.0). */
export const GEONAMES_ATTRIBUTION = 'Places from GeoNames (CC BY 4.0)';
export const GEONAMES_URL = 'https://www.geonames.org/';

/** Search results to offer at once. */
export const PLACE_RESULTS = 8;
/** Shorter queries match half the world; ask for more letters instead. */
export const MIN_PLACE_QUERY = 2;

/** "Utrecht, Netherlands"; "Bristol, TN, United States" where the name alone is not enough. */
export function placeName(place: Pick<Place, 'name' | 'region' | 'country_name'>): string {
	return [place.name, place.region, place.country_name].filter(Boolean).join(', ');
}

export class PlaceLookupError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'PlaceLookupError';
	}
}

/** Asks the app's `/places` endpoint for places whose names start like the query. */
export async function searchPlaces(query: string, fetcher: typeof fetch = fetch): Promise<Place[]> {
	const response = await fetcher(`/places?${new URLSearchParams({ q: query })}`, {
		headers: { accept: 'application/json' }
	});
	if (!response.ok) throw new PlaceLookupError(await messageOf(response));
	return (await response.json()) as Place[];
}

/** Asks the app what each precision would show for a point (signed-in people only). */
export async function lookUpPlaceLabels(
	{ lat, lng }: LatLng,
	fetcher: typeof fetch = fetch
): Promise<PlaceLabel[]> {
	const response = await fetcher(
		`/places/labels?${new URLSearchParams({ lat: String(lat), lng: String(lng) })}`,
		{ headers: { accept: 'application/json' } }
	);
	if (!response.ok) throw new PlaceLookupError(await messageOf(response));
	return (await response.json()) as PlaceLabel[];
}

async function messageOf(response: Response): Promise<string> {
	try {
		const body = (await response.json()) as { message?: unknown };
		if (typeof body.message === 'string') return body.message;
	} catch {
		// Not JSON: fall through to the generic message.
	}
	return 'The place search is not answering. Try again in a moment, or enter coordinates.';
}
