import { toCellSquares, type CellSquares } from '$lib/geo/cell-squares';
import { PRECISION_ZOOM, cellAt, type LatLng, type Precision } from '$lib/geo/cells';
import { precisionForAudience, type PlaceLabel } from './audience';
import type { Visibility } from './choices';
import type { LocationSource } from './validation';

/**
 * The place the profile form's audience preview is about: the point the form started with, then
 * each one chosen, where it came from, and its place labels, looked up afresh for each new point.
 * Only the answer for the latest point counts, however the lookups overlap.
 */
export class PreviewPlace {
	// Raw: each is replaced whole, never changed in place.
	point = $state.raw<LatLng | null>(null);
	source = $state<LocationSource | null>(null);
	/** `place_labels_for` the point; null without a point, or when they could not be looked up. */
	labels = $state.raw<readonly PlaceLabel[] | null>(null);
	/** True while the labels for a new point are on their way. */
	pending = $state(false);
	#latest = 0;

	constructor(start: Pick<PreviewPlace, 'point' | 'source' | 'labels'>) {
		this.point = start.point;
		this.source = start.source;
		this.labels = start.labels;
	}

	/** Moves to a new point, and looks up its labels when there is a way to. */
	async choose(
		{ lat, lng, source }: LatLng & { source: LocationSource },
		lookUp?: (point: LatLng) => Promise<PlaceLabel[]>
	): Promise<void> {
		this.point = { lat, lng };
		this.source = source;
		const request = ++this.#latest;
		if (!lookUp) {
			this.labels = null;
			return;
		}
		this.pending = true;
		let found: PlaceLabel[] | null = null;
		try {
			found = await lookUp({ lat, lng });
		} catch (error) {
			console.warn('Could not look up the place labels for the preview', error);
		}
		if (request !== this.#latest) return;
		this.labels = found;
		this.pending = false;
	}
}

/**
 * The squares members and strangers see around a point, for the picker's map to draw as the
 * choices change: none for a profile only its owner sees, and the strangers' one only for a
 * public profile. With the point's labels, they are the database's own answer (strangers' square
 * coarsened by the k = 3 rule, or none where strangers would not see the place at all); until
 * then, the cells around the point at each audience's precision.
 */
export function squaresAround({
	point,
	labels = null,
	precision,
	visibility
}: {
	point: LatLng | null;
	labels?: readonly PlaceLabel[] | null;
	precision: Precision;
	visibility: Visibility;
}): CellSquares | undefined {
	if (!point || visibility === 'only_me') return undefined;
	const chosen = labels?.find((row) => row.precision === precision);
	const around = (at: Precision) => cellAt({ ...point, zoom: PRECISION_ZOOM[at] });
	const strangers = chosen
		? chosen.stranger_cell
		: around(precisionForAudience({ precision, audience: 'anonymous' }));
	return toCellSquares([
		...(visibility === 'public' && strangers
			? [{ audience: 'strangers' as const, cell: strangers }]
			: []),
		{ audience: 'members', cell: chosen?.cell ?? around(precision) }
	]);
}
