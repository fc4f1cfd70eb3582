import { describe, expect, it } from 'vitest';
import type { Bounds } from '$lib/geo/view-boxes';
import { crewItem, gatheringItem, mapItem } from './factories';
import type { PlaceCount } from './map-items';
import { countsByKind, inView, shownCounts, shownItems } from './view-contents';

const ada = mapItem();
const ghentCrew = crewItem();
const camp = gatheringItem();

/** Utrecht: 40 people, 2 crews, 1 congregation. Lisbon: 5 people, 1 gathering. */
const utrechtCounts: PlaceCount = [52.09, 5.12, 40, 2, 1, 0];
const lisbonCounts: PlaceCount = [38.72, -9.14, 5, 0, 0, 1];

/** The Low Countries and around: Utrecht and Ghent, not Lisbon or Melbourne. */
const netherlands: Bounds = [3, 50, 8, 54];

describe('shownItems', () => {
	it('gives each item the line drawn under its point: open seats, dates, or none', () => {
		expect(shownItems([ada, ghentCrew, camp], []).map(({ id, detail }) => [id, detail])).toEqual([
			['ada', null],
			['ghent-crew', '3 open seats of 6'],
			['camp', '6–8 February 2027']
		]);
	});

	it('leaves out the hidden kinds', () => {
		expect(shownItems([ada, ghentCrew, camp], ['practitioner', 'gathering'])).toEqual([
			{ ...ghentCrew, detail: '3 open seats of 6' }
		]);
	});
});

describe('shownCounts', () => {
	it('keeps every count when no kind is hidden', () => {
		expect(shownCounts([utrechtCounts, lisbonCounts], [])).toEqual([utrechtCounts, lisbonCounts]);
	});

	it('counts none of the hidden kinds, and drops places left with none', () => {
		expect(shownCounts([utrechtCounts, lisbonCounts], ['practitioner', 'gathering'])).toEqual([
			[52.09, 5.12, 0, 2, 1, 0]
		]);
	});
});

describe('countsByKind', () => {
	it('adds up the items and the counts by place of each kind, leaving out kinds with none', () => {
		expect(countsByKind({ items: [ada, ghentCrew], counts: [] })).toEqual({
			practitioner: 1,
			crew: 1
		});
		expect(countsByKind({ items: [], counts: [utrechtCounts, lisbonCounts] })).toEqual({
			practitioner: 45,
			crew: 2,
			congregation: 1,
			gathering: 1
		});
	});
});

describe('inView', () => {
	describe('when the data has every item', () => {
		const items = [ada, ghentCrew, camp];

		it('lists those in the box, and counts them', () => {
			expect(inView({ detail: 'items', items, counts: [], bounds: netherlands })).toEqual({
				items: [ada, ghentCrew],
				count: 2
			});
		});

		it('lists everything before the map has said what is in view', () => {
			expect(inView({ detail: 'items', items, counts: [], bounds: null })).toEqual({
				items,
				count: 3
			});
		});

		it('goes round the antimeridian with a box that crosses it', () => {
			const auckland = mapItem({ id: 'auckland', lat: -36.85, lng: 174.76 });
			const apia = mapItem({ id: 'apia', lat: -13.83, lng: -171.76 });
			expect(
				inView({
					detail: 'items',
					items: [ada, auckland, apia],
					counts: [],
					bounds: [170, -40, -170, -10]
				}).items
			).toEqual([auckland, apia]);
		});
	});

	describe('when the data has counts by place', () => {
		const counts = [utrechtCounts, lisbonCounts];

		it('lists nothing, and counts everyone at the places in the box', () => {
			expect(inView({ detail: 'counts', items: [], counts, bounds: netherlands })).toEqual({
				items: null,
				count: 43
			});
		});

		it('counts every place before the map has said what is in view', () => {
			expect(inView({ detail: 'counts', items: [], counts, bounds: null })).toEqual({
				items: null,
				count: 49
			});
		});
	});

	describe('when the filters had too many people to read', () => {
		it('lists nothing and counts nothing, rather than say nobody is here', () => {
			expect(inView({ detail: 'narrow', items: [], counts: [], bounds: netherlands })).toEqual({
				items: null,
				count: null
			});
		});
	});
});
