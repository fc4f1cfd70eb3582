import type { MultiPolygon, Polygon, Position } from 'geojson';

/**
 * A point to hang a place's name on: inside its largest part, so a country's label sits on its
 * mainland rather than between islands.
 *
 * The centroid of the largest polygon's outer ring is used when it lies inside the polygon. For a
 * crescent or a ring-shaped country it can fall outside (or in a hole), so then the label goes to
 * the middle of the widest stretch of land along the centroid's latitude instead.
 */
export function labelPoint(geometry: Polygon | MultiPolygon): Position {
	const polygons = (
		geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates
	).map(outlineFirst);
	const largest = polygons.reduce((best, polygon) =>
		ringArea(polygon[0]) > ringArea(best[0]) ? polygon : best
	);
	const outerRing = largest[0];
	const centroid = ringCentroid(outerRing);
	if (centroid && contains(largest, centroid)) return centroid;
	const latitude = centroid ? centroid[1] : outerRing[0][1];
	return widestSpanMidpoint(largest, latitude) ?? outerRing[0];
}

/**
 * Puts a polygon's largest ring first. GeoJSON says the first ring is the outline, but data built
 * for spherical geometry (Antarctica in `world-atlas`) can start with a sliver along the pole.
 */
function outlineFirst(polygon: Position[][]): Position[][] {
	const outline = polygon.reduce((best, ring) => (ringArea(ring) > ringArea(best) ? ring : best));
	return [outline, ...polygon.filter((ring) => ring !== outline)];
}

/** The planar area of a polygon's outer ring, in square degrees: a rough size for ranking. */
export function ringArea(ring: Position[]): number {
	return Math.abs(doubleSignedArea(ring)) / 2;
}

/** Twice the signed area of a closed ring (the shoelace formula). */
function doubleSignedArea(ring: Position[]): number {
	let sum = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const [x0, y0] = ring[i];
		const [x1, y1] = ring[i + 1];
		sum += x0 * y1 - x1 * y0;
	}
	return sum;
}

/** The area-weighted centroid of a closed ring, or null for a ring with no area. */
function ringCentroid(ring: Position[]): Position | null {
	let doubleArea = 0;
	let x = 0;
	let y = 0;
	for (let i = 0; i < ring.length - 1; i++) {
		const [x0, y0] = ring[i];
		const [x1, y1] = ring[i + 1];
		const cross = x0 * y1 - x1 * y0;
		doubleArea += cross;
		x += (x0 + x1) * cross;
		y += (y0 + y1) * cross;
	}
	if (doubleArea === 0) return null;
	// One division each, so integer inputs give correctly rounded results.
	return [x / (3 * doubleArea), y / (3 * doubleArea)];
}

/** Even-odd point in polygon over all rings, so a point in a hole is outside. */
function contains(rings: Position[][], [x, y]: Position): boolean {
	let inside = false;
	for (const ring of rings) {
		for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
			const [xi, yi] = ring[i];
			const [xj, yj] = ring[j];
			if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
		}
	}
	return inside;
}

/** The middle of the widest inside stretch of a horizontal line through the polygon. */
function widestSpanMidpoint(rings: Position[][], y: number): Position | null {
	const crossings: number[] = [];
	for (const ring of rings) {
		for (let i = 0; i < ring.length - 1; i++) {
			const [x0, y0] = ring[i];
			const [x1, y1] = ring[i + 1];
			if (y0 > y !== y1 > y) crossings.push(x0 + ((y - y0) * (x1 - x0)) / (y1 - y0));
		}
	}
	crossings.sort((a, b) => a - b);
	let best: Position | null = null;
	let bestWidth = 0;
	for (let i = 0; i + 1 < crossings.length; i += 2) {
		const width = crossings[i + 1] - crossings[i];
		if (width > bestWidth) {
			bestWidth = width;
			best = [(crossings[i] + crossings[i + 1]) / 2, y];
		}
	}
	return best;
}
