import type { Feature, FeatureCollection, Point } from 'geojson';
import type { MapPractitioner } from '$lib/practitioners/types';

/** What the map knows about a point: enough to label it and to find the person in the list. */
export interface PractitionerPointProperties {
	id: string;
	displayName: string;
	placeLabel: string | null;
}

export type PractitionerPoint = Feature<Point, PractitionerPointProperties>;
export type PractitionerPoints = FeatureCollection<Point, PractitionerPointProperties>;

/** `[west, south, east, north]`, as MapLibre's `fitBounds` takes it. */
export type Bounds = [number, number, number, number];

/**
 * Turns practitioners into the GeoJSON the map draws. People without a published location are
 * left out: they are in the directory, not on the map.
 */
export function toFeatureCollection(practitioners: readonly MapPractitioner[]): PractitionerPoints {
	const features: PractitionerPoint[] = [];
	for (const practitioner of practitioners) {
		const { published_lat: lat, published_lng: lng } = practitioner;
		if (lat === null || lng === null) continue;
		features.push({
			type: 'Feature',
			geometry: { type: 'Point', coordinates: [lng, lat] },
			properties: {
				id: practitioner.id,
				displayName: practitioner.display_name,
				placeLabel: practitioner.place_label
			}
		});
	}
	return { type: 'FeatureCollection', features };
}

/** The smallest box holding every point, or null when there are none. */
export function boundsOf(points: PractitionerPoints): Bounds | null {
	if (points.features.length === 0) return null;
	let [west, south, east, north] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const { geometry } of points.features) {
		const [lng, lat] = geometry.coordinates;
		west = Math.min(west, lng);
		south = Math.min(south, lat);
		east = Math.max(east, lng);
		north = Math.max(north, lat);
	}
	return [west, south, east, north];
}
