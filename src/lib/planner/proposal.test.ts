import { describe, expect, it } from 'vitest';
import { checkProposal, inviteRegionFields, proposalDefaults, proposeAction } from './proposal';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

const fields = {
	town: '2644688',
	name: '  Leeds   regional day ',
	kind: 'regional_gathering',
	first_day: '2027-02-06',
	time_zone: 'Europe/London'
};
const circle = { lat: '53.800800', lng: '-1.549100', km: '100' };
const good = { ...fields, ...circle };

describe('checkProposal', () => {
	it('reads a proposal for a circle: the town, the name tidied, the kind, the day, the zone', () => {
		expect(checkProposal(form(good), '2026-12-03')).toMatchObject({
			ok: true,
			proposal: {
				townId: 2644688,
				name: 'Leeds regional day',
				kind: 'regional_gathering',
				firstDay: '2027-02-06',
				timeZone: 'Europe/London',
				inviteRegion: { lat: 53.8008, lng: -1.5491, radius_km: 100 }
			}
		});
	});

	it('reads a proposal for a country', () => {
		expect(checkProposal(form({ ...fields, country: 'GB' }), '2026-12-03')).toMatchObject({
			ok: true,
			proposal: { inviteRegion: { country: 'GB' } }
		});
	});

	it('says what is wrong with each field, keeping what was typed', () => {
		const result = checkProposal(
			form({
				...good,
				town: 'Leeds',
				name: 'x'.repeat(121),
				kind: 'call',
				first_day: '2027-02-30',
				time_zone: 'Europe/Leeds'
			}),
			'2026-12-03'
		);
		expect(result).toEqual({
			ok: false,
			values: expect.objectContaining({ town: 'Leeds', first_day: '2027-02-30' }),
			errors: {
				town: 'Choose one of the suggested towns.',
				name: 'Keep the name to 120 characters (it has 121).',
				kind: 'Choose what kind of gathering it is.',
				first_day: 'Give the first day as a date, such as 2027-06-12.',
				time_zone: 'Choose a time zone from the list.'
			}
		});
	});

	it('refuses a first day before today', () => {
		expect(checkProposal(form({ ...good, first_day: '2026-12-02' }), '2026-12-03')).toMatchObject({
			ok: false,
			errors: { first_day: 'Choose a first day from today on.' }
		});
	});

	it('says the region was lost when the form comes without one', () => {
		expect(checkProposal(form(fields), '2026-12-03')).toMatchObject({
			ok: false,
			errors: { form: 'The region to invite was lost: choose the region again.' }
		});
	});
});

describe('proposalDefaults', () => {
	it('starts with the first town, named after it, eight weeks from today', () => {
		expect(proposalDefaults({ townId: 7, townName: 'Leeds', today: '2026-12-03' })).toEqual({
			town: '7',
			name: 'Regional gathering near Leeds',
			kind: 'regional_gathering',
			first_day: '2027-01-28',
			time_zone: 'UTC'
		});
	});
});

describe('inviteRegionFields', () => {
	it('writes a circle as the region’s URL fields, a country as its code', () => {
		expect(inviteRegionFields({ lat: 53.8008, lng: -1.5491, radius_km: 100 })).toEqual({
			lat: '53.800800',
			lng: '-1.549100',
			km: '100'
		});
		expect(inviteRegionFields({ country: 'GB' })).toEqual({ country: 'GB' });
	});
});

describe('proposeAction', () => {
	it('posts to the propose action with the region kept in the URL', () => {
		expect(proposeAction(new URLSearchParams('near=Leeds&km=100'))).toBe(
			'?near=Leeds&km=100&/propose'
		);
		expect(proposeAction(new URLSearchParams('country=GB&/propose'))).toBe('?country=GB&/propose');
		expect(proposeAction(new URLSearchParams(''))).toBe('?/propose');
	});
});
