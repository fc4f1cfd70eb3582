/**
 * The fairest place to meet: the point that makes the total travel of the people coming least,
 * and how many of them live near a town. Pure, deterministic, with exact-value tests.
 *
 * The point is the weighted geometric median of their places (each place weighs as many as are
 * there), found by Weiszfeld's method on the sphere: from the current guess, step to the average
 * of the places weighted by how many are there over how far they are, and repeat. On a plane
 * that is Weiszfeld's (1937) iteration; on the sphere the average is taken in the tangent plane
 * at the guess, with great-circle distances (the Riemannian form: Fletcher, Venkatasubramanian
 * and Joshi, "The geometric median on Riemannian manifolds with application to robust atlas
 * estimation", NeuroImage 45, 2009). Where a guess falls on a place, the step follows Vardi and
 * Zhang ("The multivariate L1-median and associated data depth", PNAS 97, 2000): the place is the
 * answer when its weight outweighs the pull of all the others, and otherwise the guess moves off
 * it, so the iteration never divides by zero and never sticks.
 */
import type { LatLng } from '$lib/geo/cells';
import {
	angleBetween,
	fromVector,
	greatCircleKm,
	toUnitVector,
	type UnitVector
} from '$lib/geo/great-circle';

/** A place and how many people there count towards the meeting point. */
export interface WeightedPlace extends LatLng {
	weight: number;
}

export const medianDefaults = {
	/**
	 * Stop when a step is shorter than this, in radians (about 0.6 µm on the ground). Weiszfeld
	 * converges linearly and sometimes slowly, so the guess can be a hundred steps' length from the
	 * median when it stops: this keeps that well under a millimetre, in a few hundred steps.
	 */
	tolerance: 1e-13,
	/** A bound, never reached in tests: a few hundred steps settle a region of thousands of places. */
	maxIterations: 1000,
	/** A guess this close to a place (radians, about 6 µm) is on it. */
	onPlace: 1e-12
} as const;

/**
 * The weighted geometric median of the places: where the sum over places of weight × great-circle
 * distance is least. Null when no place has any weight. The same places give the same point to
 * the last bit, in whatever order they come: they are sorted before anything is added up.
 * Meant for places within a hemisphere (a region, a country); an antipodal pair has no median.
 */
export function geometricMedian(places: readonly WeightedPlace[]): LatLng | null {
	const weighted = places
		.filter(({ weight }) => Number.isFinite(weight) && weight > 0)
		.sort((a, b) => a.lat - b.lat || a.lng - b.lng || a.weight - b.weight);
	if (weighted.length === 0) return null;
	if (weighted.length === 1) return { lat: weighted[0].lat, lng: weighted[0].lng };

	const points = weighted.map((place) => ({ at: toUnitVector(place), weight: place.weight }));
	// Start at the weighted centroid brought up to the sphere: close to the answer, and fixed.
	let guess = normalise(sum(points.map(({ at, weight }) => scale(at, weight))));
	if (!guess) return { lat: weighted[0].lat, lng: weighted[0].lng };

	for (let iteration = 0; iteration < medianDefaults.maxIterations; iteration += 1) {
		const step = weiszfeldStep(guess, points);
		if (!step) break;
		guess = exponential(guess, step);
		if (length(step) < medianDefaults.tolerance) break;
	}
	// Weiszfeld only creeps towards a median that is one of the places: when the place nearest the
	// guess outweighs the pull of the others, it is the median, exactly.
	const nearest = nearestTo(guess, points);
	if (!weiszfeldStep(points[nearest].at, points)) {
		return { lat: weighted[nearest].lat, lng: weighted[nearest].lng };
	}
	return fromVector(guess);
}

/** The index of the point nearest `guess` (the first of equals, so the same every time). */
function nearestTo(guess: UnitVector, points: readonly { at: UnitVector }[]): number {
	let nearest = 0;
	let least = Infinity;
	points.forEach(({ at }, index) => {
		const distance = angleBetween(guess, at);
		if (distance < least) {
			least = distance;
			nearest = index;
		}
	});
	return nearest;
}

/**
 * One step of the iteration from `guess`, as a vector in the tangent plane there; null when the
 * guess is the median already (it sits on a place that outweighs the pull of the others).
 */
function weiszfeldStep(
	guess: UnitVector,
	points: readonly { at: UnitVector; weight: number }[]
): UnitVector | null {
	/** The weights pulling along unit tangents towards each place: minus the gradient. */
	let pull: UnitVector = [0, 0, 0];
	/** The sum of weight over distance: the iteration's denominator. */
	let closeness = 0;
	/** The weight of the place the guess sits on, if any. */
	let here = 0;
	for (const { at, weight } of points) {
		const distance = angleBetween(guess, at);
		const towards = normalise(tangentTowards(guess, at));
		if (distance < medianDefaults.onPlace || !towards) {
			here += weight;
			continue;
		}
		pull = add(pull, scale(towards, weight));
		closeness += weight / distance;
	}
	const strength = length(pull);
	if (closeness === 0 || strength <= here) return null;
	// Off a place, the plain Weiszfeld step; on one, shortened by its weight (Vardi and Zhang).
	return scale(pull, (1 - here / strength) / closeness);
}

/** The part of `to` across the tangent plane at `from`: it points along the great circle. */
function tangentTowards(from: UnitVector, to: UnitVector): UnitVector {
	return add(to, scale(from, -dot(from, to)));
}

/** Walks from `from` along the great circle in the tangent direction `step`, its length in radians. */
function exponential(from: UnitVector, step: UnitVector): UnitVector {
	const distance = length(step);
	if (distance === 0) return from;
	return normalise(
		add(scale(from, Math.cos(distance)), scale(step, Math.sin(distance) / distance))
	)!;
}

function add(a: UnitVector, b: UnitVector): UnitVector {
	return [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
}

function scale(a: UnitVector, factor: number): UnitVector {
	return [a[0] * factor, a[1] * factor, a[2] * factor];
}

function dot(a: UnitVector, b: UnitVector): number {
	return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function length(a: UnitVector): number {
	return Math.hypot(a[0], a[1], a[2]);
}

function sum(vectors: readonly UnitVector[]): UnitVector {
	return vectors.reduce(add, [0, 0, 0]);
}

function normalise(a: UnitVector): UnitVector | null {
	const size = length(a);
	return size === 0 ? null : scale(a, 1 / size);
}

/** The distances the planner reports how many people live within, in km. */
export const SHARE_DISTANCES_KM = [50, 100, 200] as const;

/** How many of the people counted live within a distance of a point. */
export interface ShareWithin {
	km: number;
	people: number;
	/** people / everyone counted, from 0 to 1; 0 when nobody is counted. */
	share: number;
}

/**
 * How many of the people at these places live within each distance of `from`, and what share of
 * all of them that is. Distances are measured to each place as given (a published cell's centre),
 * as the database measures them, and a place exactly at a distance counts as within it.
 */
export function sharesWithin(
	from: LatLng,
	places: readonly WeightedPlace[],
	distancesKm: readonly number[] = SHARE_DISTANCES_KM
): ShareWithin[] {
	const measured = places
		.filter(({ weight }) => weight > 0)
		.map((place) => ({ km: greatCircleKm(from, place), weight: place.weight }));
	const everyone = measured.reduce((total, { weight }) => total + weight, 0);
	return distancesKm.map((km) => {
		const people = measured
			.filter((place) => place.km <= km)
			.reduce((total, { weight }) => total + weight, 0);
		return { km, people, share: everyone === 0 ? 0 : people / everyone };
	});
}
