import { describe, expect, it } from 'vitest';
import { PLAIN_TEXT_MESSAGE } from '$lib/plain-text';
import {
	EMPTY_GROUP_FORM,
	checkGroupChanges,
	checkNewGroupForm,
	formValuesFromGroup,
	groupFormValues,
	meetingAreaCell,
	parseInvitees,
	type GroupFormValues
} from './group-form';

/** Ghent, where the seed's crew meets, and the cells the database gives it (`private.cell_at`). */
const ghent = { lat: '51.0543', lng: '3.7174' };
const GHENT_TOWN = '1202021230300';
/** The seed's Scheldt Valley Congregation publishes an area square, coarser than a town. */
const GHENT_AREA = '12020212303';
const GHENT_AREA_CENTRE = { lat: 51.01375465718819, lng: 3.779296875 };

function values(overrides: Partial<GroupFormValues> = {}): GroupFormValues {
	return { ...EMPTY_GROUP_FORM, name: 'Ghent Parents Crew', ...ghent, ...overrides };
}

function errorsOf(form: GroupFormValues) {
	const result = checkNewGroupForm(form);
	if (result.ok) throw new Error('expected the form to be refused');
	return result.errors;
}

describe('checkNewGroupForm', () => {
	it('gives a new group with only its town square, never the point', () => {
		const result = checkNewGroupForm(
			values({
				name: '  Ghent   Parents Crew ',
				purpose: ' Parents supporting each other. ',
				status: 'open',
				size_limit: ' 6 ',
				meeting_mode: 'mixed',
				rhythm: 'every other  Tuesday',
				commitment: '6 weeks, then we review',
				languages: 'Dutch, English, dutch',
				visibility: 'public'
			})
		);
		expect(result).toMatchObject({ ok: true });
		expect(result.ok && result.value).toEqual({
			kind: 'crew',
			name: 'Ghent Parents Crew',
			purpose: 'Parents supporting each other.',
			status: 'open',
			size_limit: 6,
			meeting_mode: 'mixed',
			rhythm: 'every other Tuesday',
			commitment: '6 weeks, then we review',
			languages: ['Dutch', 'English'],
			visibility: 'public',
			area_cell: GHENT_TOWN,
			congregation_id: null
		});
	});

	it('refuses control and text-direction characters beside their fields, lines in the purpose', () => {
		expect(
			errorsOf(
				values({
					name: 'Ghent \u2067Parents',
					purpose: 'Meet\nand share',
					rhythm: 'Every\tweek',
					languages: 'Dutch\u200e'
				})
			)
		).toEqual({
			name: PLAIN_TEXT_MESSAGE,
			rhythm: PLAIN_TEXT_MESSAGE,
			languages: PLAIN_TEXT_MESSAGE
		});
	});

	it('asks for a name, a place, and a crew’s size from 3 to 8', () => {
		expect(errorsOf(values({ name: ' ', lat: '', lng: '', size_limit: '9' }))).toEqual({
			name: 'Give the group a name, like “Ghent Parents Crew”.',
			size_limit: 'A crew is 3 to 8 people: choose a size limit from 3 to 8.',
			place_query:
				'Choose where the group meets: search for a town, click the map, or enter coordinates.'
		});
		expect(errorsOf(values({ size_limit: '' })).size_limit).toMatch(/from 3 to 8/);
		expect(errorsOf(values({ size_limit: '4.5' })).size_limit).toMatch(/from 3 to 8/);
	});

	it('takes a congregation without a limit, or with one above any crew’s', () => {
		const unlimited = checkNewGroupForm(values({ kind: 'congregation', size_limit: '' }));
		expect(unlimited.ok && unlimited.value.size_limit).toBeNull();
		const limited = checkNewGroupForm(values({ kind: 'congregation', size_limit: '40' }));
		expect(limited.ok && limited.value.size_limit).toBe(40);
		expect(errorsOf(values({ kind: 'congregation', size_limit: '8' })).size_limit).toBe(
			'A congregation is bigger than a crew: give a limit from 9 to 10,000, or leave it empty for no limit.'
		);
	});

	it('starts a group forming or open, never paused, closed or full', () => {
		for (const status of ['paused', 'closed', 'full']) {
			expect(errorsOf(values({ status })).status).toBe(
				'Choose forming or open: a new group starts as one of these.'
			);
		}
	});

	it('refuses what is too long, naming the field and its length', () => {
		expect(errorsOf(values({ name: 'x'.repeat(81) })).name).toBe(
			'The name can be at most 80 characters long (it has 81).'
		);
		expect(errorsOf(values({ purpose: 'x'.repeat(501) })).purpose).toBe(
			'The purpose can be at most 500 characters long (it has 501).'
		);
		expect(errorsOf(values({ rhythm: 'x'.repeat(81) })).rhythm).toBe(
			'How often you meet can be at most 80 characters long (it has 81).'
		);
		expect(errorsOf(values({ commitment: 'x'.repeat(121) })).commitment).toBe(
			'The commitment can be at most 120 characters long (it has 121).'
		);
		expect(errorsOf(values({ languages: 'x'.repeat(41) })).languages).toMatch(
			/^Each language can be at most 40 characters long/
		);
	});

	it('refuses choices the form does not offer', () => {
		expect(
			errorsOf(values({ kind: 'party', meeting_mode: 'telepathy', visibility: 'crewmates' }))
		).toMatchObject({
			kind: 'Choose whether this is a crew or a congregation.',
			meeting_mode: 'Choose how the group meets.',
			visibility: 'Choose who can see the group.'
		});
	});

	it('says which coordinate is wrong', () => {
		expect(errorsOf(values({ lat: '95' }))).toEqual({
			lat: 'Latitude must be a number from -90 to 90, like 52.09.'
		});
	});

	it('asks a crew’s congregation by id, and ignores one for a congregation', () => {
		const id = '00000000-0000-4000-a000-000000000001';
		const crew = checkNewGroupForm(values({ congregation_id: id }));
		expect(crew.ok && crew.value.congregation_id).toBe(id);
		const congregation = checkNewGroupForm(
			values({ kind: 'congregation', size_limit: '', congregation_id: id })
		);
		expect(congregation.ok && congregation.value.congregation_id).toBeNull();
		expect(errorsOf(values({ congregation_id: 'scheldt' })).congregation_id).toBe(
			'Choose a congregation from the list, or none.'
		);
	});
});

describe('checkGroupChanges', () => {
	const congregation = { kind: 'congregation' as const, areaCell: GHENT_AREA };

	it('lets a host pause or close a group', () => {
		for (const status of ['paused', 'closed']) {
			const result = checkGroupChanges(values({ kind: 'crew', status }), {
				kind: 'crew',
				areaCell: GHENT_TOWN
			});
			expect(result.ok && result.value.status).toBe(status);
		}
	});

	it('reads the size limit by the group’s kind, not the posted one', () => {
		const result = checkGroupChanges(values({ kind: 'crew', size_limit: '' }), congregation);
		expect(result.ok && result.value.size_limit).toBeNull();
	});

	it('keeps a coarser square while the point stays in it', () => {
		const unmoved = checkGroupChanges(
			values({
				size_limit: '',
				lat: String(GHENT_AREA_CENTRE.lat),
				lng: String(GHENT_AREA_CENTRE.lng)
			}),
			congregation
		);
		expect(unmoved.ok && unmoved.value.area_cell).toBe(GHENT_AREA);
		const moved = checkGroupChanges(
			values({ size_limit: '', lat: '51.1', lng: '3.9' }),
			congregation
		);
		expect(moved.ok && moved.value.area_cell).toBe('1202021231020');
	});
});

describe('meetingAreaCell', () => {
	it('is the town square around the point', () => {
		expect(meetingAreaCell({ lat: 51.0543, lng: 3.7174 })).toBe(GHENT_TOWN);
	});

	it('is the present square when the point is in it, however coarse', () => {
		expect(meetingAreaCell(GHENT_AREA_CENTRE, GHENT_AREA)).toBe(GHENT_AREA);
		expect(meetingAreaCell(GHENT_AREA_CENTRE)).toBe('1202021230330');
	});
});

describe('formValuesFromGroup', () => {
	it('shows a full group as open, and its area by its square’s centre', () => {
		expect(
			formValuesFromGroup({
				kind: 'crew',
				name: 'Lyon Facilitators Crew',
				purpose: 'Facilitators practising together.',
				status: 'full',
				size_limit: 3,
				meeting_mode: 'mixed',
				rhythm: 'monthly',
				commitment: '',
				languages: ['French', 'English'],
				visibility: 'public',
				area_cell: '1202033003002',
				area_lat: 45.76,
				area_lng: 4.84,
				area_label: 'near Lyon, FR'
			})
		).toEqual({
			...EMPTY_GROUP_FORM,
			name: 'Lyon Facilitators Crew',
			purpose: 'Facilitators practising together.',
			status: 'open',
			size_limit: '3',
			meeting_mode: 'mixed',
			rhythm: 'monthly',
			languages: 'French, English',
			visibility: 'public',
			lat: '45.76',
			lng: '4.84',
			place_name: 'near Lyon, FR'
		});
	});
});

describe('groupFormValues', () => {
	it('reads every field as posted, missing ones as empty', () => {
		const posted = new FormData();
		posted.append('name', ' Crew ');
		posted.append('size_limit', '5');
		expect(groupFormValues(posted)).toEqual({
			...Object.fromEntries(Object.keys(EMPTY_GROUP_FORM).map((field) => [field, ''])),
			name: ' Crew ',
			size_limit: '5'
		});
	});
});

describe('parseInvitees', () => {
	const ada = '00000000-0000-4000-8000-000000000001';
	const bram = '00000000-0000-4000-8000-000000000002';

	it('takes profile ids, each once, in order, and leaves out anything else', () => {
		expect(parseInvitees(` ${bram},nobody,${ada},${bram.toUpperCase()},`)).toEqual([bram, ada]);
		expect(parseInvitees(null)).toEqual([]);
	});

	it('takes at most as many as a day’s invitations', () => {
		const many = Array.from(
			{ length: 25 },
			(_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`
		);
		expect(parseInvitees(many.join(','))).toEqual(many.slice(0, 20));
	});
});
