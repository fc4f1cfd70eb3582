import { describe, expect, it } from 'vitest';
import { inviteRegionOf, openToGatherings, percent, townName, withShares } from './plan';

const cell = { cell: '1202', label: 'near Leeds, GB', people: 4 };

describe('openToGatherings', () => {
	it('weighs each place by the people there open to gatherings, leaving out places with none', () => {
		expect(
			openToGatherings({
				cells: [
					{ ...cell, lat: 53.8, lng: -1.55, open_to_gatherings: 3 },
					{ ...cell, lat: 53.5, lng: -2.24, open_to_gatherings: 0 }
				]
			})
		).toEqual([{ lat: 53.8, lng: -1.55, weight: 3 }]);
	});
});

describe('withShares', () => {
	it('adds to each town the share of people within 50, 100 and 200 km', () => {
		const town = {
			id: 1,
			name: 'Nowhere',
			country_code: 'XX',
			region: null,
			population: 20000,
			lat: 0,
			lng: 0,
			distance_km: 0
		};
		const [suggested] = withShares(
			[town],
			[
				{ lat: 0, lng: 0.1, weight: 1 },
				{ lat: 0, lng: 3, weight: 3 }
			]
		);
		expect(suggested).toEqual({
			...town,
			shares: [
				{ km: 50, people: 1, share: 0.25 },
				{ km: 100, people: 1, share: 0.25 },
				{ km: 200, people: 1, share: 0.25 }
			]
		});
	});
});

describe('inviteRegionOf', () => {
	it('keeps a country as a country', () => {
		expect(
			inviteRegionOf({
				lat: 52.37,
				lng: 4.89,
				radius_km: null,
				country: 'NL',
				label: 'Netherlands'
			})
		).toEqual({ country: 'NL' });
	});

	it('keeps a circle as a circle, its radius rounded up to a whole km', () => {
		expect(
			inviteRegionOf({
				lat: 52.09,
				lng: 5.12,
				radius_km: 73.2,
				country: null,
				label: 'Utrecht Congregation'
			})
		).toEqual({ lat: 52.09, lng: 5.12, radius_km: 74 });
	});
});

describe('townName and percent', () => {
	it('names a town with its region where one is given, and its country', () => {
		expect(townName({ name: 'Leeds', region: null, country_code: 'GB' })).toBe('Leeds, GB');
		expect(townName({ name: 'Bristol', region: 'TN', country_code: 'US' })).toBe('Bristol, TN, US');
	});

	it('says a share as a whole percentage', () => {
		expect(percent(0.666)).toBe('67%');
		expect(percent(0)).toBe('0%');
	});
});
