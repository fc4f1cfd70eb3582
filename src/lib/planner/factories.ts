/**
 * Test data: what `plan_region` answers for a circle around Leeds, as a member sees it, and the
 * meeting point with its towns.
 */
import type { MeetingSuggestion, RegionPlan } from './plan';

export function regionPlan(overrides: Partial<RegionPlan> = {}): RegionPlan {
	return {
		region: { lat: 53.8008, lng: -1.5491, radius_km: 100, country: null, label: null },
		cells: [
			{
				cell: '0313131311',
				lat: 53.48,
				lng: -2.24,
				label: 'near Manchester, GB',
				people: 2,
				open_to_gatherings: 1
			},
			{
				cell: '0313131303',
				lat: 53.8,
				lng: -1.55,
				label: 'near Leeds, GB',
				people: 5,
				open_to_gatherings: 3
			}
		],
		groups: [
			{
				id: '00000000-0000-4000-8000-000000000071',
				kind: 'crew',
				name: 'Leeds Makers Crew',
				area_label: 'near Leeds, GB',
				lat: 53.8,
				lng: -1.55
			}
		],
		totals: { people: 7, open_to_gatherings: 4, crews: 1, congregations: 0 },
		...overrides
	};
}

export function meetingSuggestion(): MeetingSuggestion {
	const town = { country_code: 'GB', region: null, population: 100_000 };
	return {
		point: { lat: 53.7312, lng: -1.7123 },
		towns: [
			{
				...town,
				id: 2644688,
				name: 'Leeds',
				lat: 53.7965,
				lng: -1.5478,
				distance_km: 12.6,
				shares: [
					{ km: 50, people: 3, share: 0.75 },
					{ km: 100, people: 4, share: 1 },
					{ km: 200, people: 4, share: 1 }
				]
			},
			{
				...town,
				id: 2654993,
				name: 'Bradford',
				lat: 53.7939,
				lng: -1.7521,
				distance_km: 7.5,
				shares: [
					{ km: 50, people: 4, share: 1 },
					{ km: 100, people: 4, share: 1 },
					{ km: 200, people: 4, share: 1 }
				]
			}
		]
	};
}
