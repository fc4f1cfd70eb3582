import { describe, expect, it } from 'vitest';
import { cellAt } from '$lib/geo/cells';
import { PLAIN_TEXT_MESSAGE } from '$lib/plain-text';
import {
	EMPTY_GATHERING_FORM,
	checkGatheringForm,
	formValuesFromGathering,
	gatheringFormValues,
	parsePlanProposal,
	type GatheringFormValues
} from './gathering-form';

const LEEDS = { lat: 53.80091, lng: -1.54912 };
const TOWN_CELL = cellAt({ ...LEEDS, zoom: 13 });

/** A regional day in Leeds, in person, on a summer Saturday. */
function values(changes: Partial<GatheringFormValues> = {}): GatheringFormValues {
	return {
		...EMPTY_GATHERING_FORM,
		name: '  Yorkshire   Day  ',
		starts_on: '2027-07-10',
		starts_time: '10:00',
		ends_time: '17:30',
		time_zone: 'Europe/London',
		lat: String(LEEDS.lat),
		lng: String(LEEDS.lng),
		address: '1 Hall Lane, Leeds',
		...changes
	};
}

describe('checkGatheringForm', () => {
	it('reads a day in its own zone as instants, with the venue at the pin', () => {
		const result = checkGatheringForm(values(), { publishing: true });
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.value.gathering).toMatchObject({
			name: 'Yorkshire Day',
			// London is on summer time in July.
			starts_at: '2027-07-10T09:00:00.000Z',
			ends_at: '2027-07-10T16:30:00.000Z',
			time_zone: 'Europe/London',
			all_day: false,
			recurrence: null,
			repeats_until: null,
			area_cell: TOWN_CELL,
			capacity: null
		});
		expect(result.value.venue).toEqual({
			address: '1 Hall Lane, Leeds',
			lat: LEEDS.lat,
			lng: LEEDS.lng,
			online_url: null
		});
	});

	it('runs an all-day camp from local midnight to the midnight after its last day', () => {
		const result = checkGatheringForm(
			values({
				all_day: 'on',
				starts_on: '2027-08-02',
				ends_on: '2027-08-06',
				time_zone: 'Europe/Berlin'
			})
		);
		expect(result.ok && result.value.gathering).toMatchObject({
			starts_at: '2027-08-01T22:00:00.000Z',
			ends_at: '2027-08-06T22:00:00.000Z',
			all_day: true
		});
	});

	it('keeps the wall clock of a series and saves when its last session ends', () => {
		const result = checkGatheringForm(
			values({
				kind: 'program',
				starts_on: '2027-03-23',
				starts_time: '19:00',
				ends_time: '20:30',
				repeat: 'WEEKLY',
				by_day: ['TU', 'TH'],
				repeat_end: 'count',
				count: '4'
			})
		);
		expect(result.ok && result.value.gathering).toMatchObject({
			recurrence: 'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=4',
			// The fourth session is on Thursday 1 April, after the clocks go forward on 28 March.
			repeats_until: '2027-04-01T19:30:00.000Z'
		});
	});

	it('keeps an address typed over several lines as one line, as the database takes it', () => {
		const result = checkGatheringForm(values({ address: '  1 Hall Lane\r\n\nLeeds\tLS1 \n' }), {
			publishing: true
		});
		expect(result.ok && result.value.venue?.address).toBe('1 Hall Lane, Leeds LS1');
	});

	it('refuses control and text-direction characters beside their fields', () => {
		const result = checkGatheringForm(
			values({
				name: 'Yorkshire \u202eDay',
				description: 'Tea\nand\tcake',
				contribution: 'Free\u0007',
				accessibility_note: 'Step-free\u2029'
			}),
			{ publishing: true }
		);
		expect(result.ok).toBe(false);
		expect(!result.ok && result.errors).toEqual({
			name: PLAIN_TEXT_MESSAGE,
			contribution: PLAIN_TEXT_MESSAGE,
			accessibility_note: PLAIN_TEXT_MESSAGE
		});
	});

	it('refuses an end before the start, beside the field that is wrong', () => {
		const result = checkGatheringForm(values({ ends_time: '09:00' }));
		expect(result.ok).toBe(false);
		expect(!result.ok && result.errors).toEqual({
			ends_time: 'It ends after it starts: choose a later end.'
		});
	});

	it('refuses places that are not a whole number from 1, and an unknown time zone', () => {
		const result = checkGatheringForm(values({ capacity: '0', time_zone: 'Mars/Olympus' }));
		expect(!result.ok && result.errors).toEqual({
			capacity:
				'Give the number of places as a whole number from 1, or leave it empty for no limit.',
			time_zone:
				'“Mars/Olympus” is not a time zone: choose one from the list, like Europe/Amsterdam or America/New_York.'
		});
	});

	it('asks for a venue or a link only when publishing', () => {
		const bare = values({
			address: '',
			lat: '',
			lng: '',
			area_cell: TOWN_CELL,
			meeting_mode: 'mixed'
		});
		expect(checkGatheringForm(bare).ok).toBe(true);
		const published = checkGatheringForm(bare, { publishing: true });
		expect(!published.ok && published.errors).toEqual({
			address: 'Give the venue’s address before publishing: people who come need it.',
			place_query:
				'Choose the venue on the map before publishing: search for the town, then place the pin.',
			online_url: 'Give the joining link before publishing: people taking part online need it.'
		});
	});

	it('takes an online call’s link, places its area without a venue, and refuses a script', () => {
		const call = values({
			meeting_mode: 'online',
			address: 'ignored',
			online_url: 'https://meet.example.org/call'
		});
		const result = checkGatheringForm(call, { publishing: true });
		expect(result.ok && result.value.venue).toEqual({
			address: '',
			lat: null,
			lng: null,
			online_url: 'https://meet.example.org/call'
		});
		const script = checkGatheringForm(
			values({ meeting_mode: 'online', online_url: 'javascript:alert(1)' })
		);
		expect(!script.ok && script.errors.online_url).toMatch(
			/^Give the joining link as a web address/
		);
	});

	it('asks where it is when there is neither a pin nor an area', () => {
		const result = checkGatheringForm(values({ lat: '', lng: '' }));
		expect(!result.ok && result.errors.place_query).toBe(
			'Choose where it happens: search for the town, then place the pin on the venue.'
		);
	});

	it('keeps everything typed on a refusal', () => {
		const typed = values({ name: '', description: 'Bring food to share' });
		const result = checkGatheringForm(typed);
		expect(result.values).toBe(typed);
		expect(!result.ok && result.errors.name).toBe(
			'Give the gathering a name, like “North Sea Summer Camp 2027”.'
		);
	});
});

describe('gatheringFormValues and formValuesFromGathering', () => {
	it('reads the posted fields, lists as lists', () => {
		const form = new FormData();
		form.append('name', 'Camp');
		form.append('accessibility', 'step_free');
		form.append('accessibility', 'childcare');
		form.append('by_day', 'TU');
		const read = gatheringFormValues(form);
		expect(read.name).toBe('Camp');
		expect(read.accessibility).toEqual(['step_free', 'childcare']);
		expect(read.by_day).toEqual(['TU']);
		expect(read.time_zone).toBe('');
	});

	it('gives a saved gathering back as the form that saves it unchanged', () => {
		const first = checkGatheringForm(values({ repeat: 'MONTHLY', monthly_on: '2SA' }));
		if (!first.ok) throw new Error(JSON.stringify(first.errors));
		const saved = {
			...first.value.gathering,
			area_label: 'near Leeds, GB',
			visibility: 'members' as const,
			host_group_id: null,
			recurrence: first.value.gathering.recurrence ?? null,
			repeats_until: first.value.gathering.repeats_until ?? null,
			capacity: null,
			all_day: false,
			meeting_mode: 'in_person',
			registration: 'open',
			contribution: '',
			accessibility: [],
			accessibility_note: '',
			description: ''
		};
		const again = checkGatheringForm(formValuesFromGathering(saved, first.value.venue));
		expect(again.ok && again.value).toEqual(first.value);
	});
});

describe('parsePlanProposal', () => {
	it('takes a town square and a region from the planner', () => {
		const text = JSON.stringify({
			cell: TOWN_CELL,
			region: { lat: 53.8, lng: -1.55, radius_km: 50 },
			label: 'near Leeds, GB'
		});
		expect(parsePlanProposal(text)).toEqual({
			cell: TOWN_CELL,
			region: { lat: 53.8, lng: -1.55, radius_km: 50 },
			label: 'near Leeds, GB'
		});
		expect(
			parsePlanProposal(JSON.stringify({ cell: TOWN_CELL, region: { country: 'GB' } }))
		).toEqual({ cell: TOWN_CELL, region: { country: 'GB' }, label: '' });
	});

	it('ignores a cell finer than a town, a region it does not know, and anything else', () => {
		const fine = cellAt({ ...LEEDS, zoom: 15 });
		expect(parsePlanProposal(JSON.stringify({ cell: fine, region: { country: 'GB' } }))).toBeNull();
		expect(
			parsePlanProposal(JSON.stringify({ cell: TOWN_CELL, region: { congregation_id: 'x' } }))
		).toBeNull();
		expect(
			parsePlanProposal(
				JSON.stringify({ cell: TOWN_CELL, region: { lat: 1, lng: 2, radius_km: 5000 } })
			)
		).toBeNull();
		expect(parsePlanProposal('not json')).toBeNull();
		expect(parsePlanProposal(null)).toBeNull();
	});
});
