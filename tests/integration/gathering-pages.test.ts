import { randomUUID } from 'node:crypto';
import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attendeesCsv } from '../../src/lib/gatherings/attendee-csv';
import { parseGatheringFilters } from '../../src/lib/gatherings/gathering-filters';
import {
	EMPTY_GATHERING_FORM,
	checkGatheringForm,
	type GatheringFormValues
} from '../../src/lib/gatherings/gathering-form';
import { gatheringPageActions, rsvpListActions } from '../../src/lib/server/gathering-actions';
import {
	cancelOccurrence,
	createGathering,
	listGatherings,
	listOwnGatherings,
	listRsvps,
	readGathering,
	readGatheringStanding,
	readHostedGathering,
	readInvitationOptIn,
	saveInvitationOptIn,
	setGatheringStatus,
	updateGathering
} from '../../src/lib/server/gatherings';
import { database } from '../support/privacy';
import { anonymousClient, membersNamedWith, type Member } from '../support/supabase';

/**
 * What the gathering pages read and write (`$lib/server/gatherings`), through the public key as
 * an anonymous visitor, a member, an attendee and a host: the form's checked values saved as a
 * draft and published, the list's filters, the page's standing (venue and attendees only where
 * allowed), a cancelled date, the hosts' export and the invitation setting. Everything here
 * happens in Tromsø, Norway, which no other test file uses, and is named with this run's token.
 */

const token = `tr${randomUUID().slice(0, 6)}`;
const tromso = { lat: 69.6492, lng: 18.9553 };
const person = membersNamedWith(token);

let host: Member;
let attendee: Member;
let waiting: Member;
let stranger: Member;

/** The form for a day in Tromsø `days` from now, as a host would fill it in. */
function dayForm(days: number, changes: Partial<GatheringFormValues> = {}): GatheringFormValues {
	const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
	return {
		...EMPTY_GATHERING_FORM,
		name: `${token} Arctic Day`,
		starts_on: day,
		starts_time: '10:00',
		ends_time: '16:00',
		time_zone: 'Europe/Oslo',
		lat: String(tromso.lat),
		lng: String(tromso.lng),
		address: 'Storgata 1, Tromsø',
		visibility: 'public',
		...changes
	};
}

/** A gathering made through the form's rules and the server module, as the new page does. */
async function create(member: Member, values: GatheringFormValues): Promise<string> {
	const checked = checkGatheringForm(values, { publishing: true });
	if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
	const created = await createGathering(member.client, { ...checked.value, inviteRegion: null });
	if (!created.ok) throw new Error(created.refusal);
	return created.value;
}

let dayId: string;
let callId: string;

beforeAll(async () => {
	[host, attendee, waiting, stranger] = await Promise.all([
		person('Host', {}, tromso),
		person('Attendee', {}, tromso),
		person('Waiting', {}, tromso),
		person('Stranger', {}, tromso)
	]);
	dayId = await create(host, dayForm(20, { capacity: '1' }));
	callId = await create(
		host,
		dayForm(3, {
			name: `${token} Monthly Call`,
			kind: 'call',
			meeting_mode: 'online',
			address: '',
			online_url: 'https://meet.example.org/arctic',
			starts_time: '19:00',
			ends_time: '20:00',
			repeat: 'WEEKLY',
			repeat_end: 'count',
			count: '4'
		})
	);
});

afterAll(async () => {
	await database().query('delete from public.gatherings where name like $1', [`%${token}%`]);
});

describe('a gathering made from the form', () => {
	it('is a draft its host reads back as the form saved it, and nobody else sees', async () => {
		const found = await readHostedGathering(host.client, { id: dayId, userId: host.id });
		expect(found && 'hosted' in found && found.hosted.gathering).toMatchObject({
			name: `${token} Arctic Day`,
			status: 'draft',
			time_zone: 'Europe/Oslo',
			capacity: 1,
			visibility: 'public'
		});
		expect(found && 'hosted' in found && found.hosted.venue).toEqual({
			address: 'Storgata 1, Tromsø',
			lat: tromso.lat,
			lng: tromso.lng,
			online_url: null
		});
		expect(await readGathering(anonymousClient(), dayId)).toBeNull();
		expect(
			await readHostedGathering(stranger.client, { id: dayId, userId: stranger.id })
		).toBeNull();
	});

	it('publishes with its venue, and then anyone sees it but not where it is', async () => {
		for (const id of [dayId, callId]) {
			const published = await setGatheringStatus(host.client, {
				id,
				name: 'it',
				status: 'published'
			});
			expect(published).toEqual({ ok: true, value: null });
		}
		expect((await readGathering(anonymousClient(), dayId))?.gathering.status).toBe('published');
		const standing = await readGatheringStanding(stranger.client, {
			id: dayId,
			userId: stranger.id
		});
		expect(standing).toMatchObject({ isHost: false, own: null, venue: null, attendees: null });
		expect(standing.hosts).toEqual([{ profile_id: host.id, display_name: `${token} Host` }]);
	});

	it('refuses publishing a draft without a venue, in the database’s words', async () => {
		const checked = checkGatheringForm(dayForm(30, { address: '' }));
		if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
		const created = await createGathering(host.client, { ...checked.value, inviteRegion: null });
		if (!created.ok) throw new Error(created.refusal);
		const refused = await setGatheringStatus(host.client, {
			id: created.value,
			name: 'it',
			status: 'published'
		});
		expect(refused).toEqual({
			ok: false,
			refusal: 'Add a venue (an address and its point on the map) before publishing.'
		});
	});

	it('tells a member who does not host it that only its hosts change it', async () => {
		const checked = checkGatheringForm(dayForm(20, { name: `${token} Taken over` }));
		if (!checked.ok) throw new Error(JSON.stringify(checked.errors));
		const saved = await updateGathering(stranger.client, {
			id: dayId,
			name: 'Arctic Day',
			...checked.value
		});
		expect(saved).toEqual({ ok: false, refusal: 'Only the hosts of Arctic Day can change it.' });
		expect((await readGathering(stranger.client, dayId))?.gathering.name).toBe(
			`${token} Arctic Day`
		);
	});
});

describe('the list of gatherings', () => {
	it('finds them near a place by kind and words, with distances rounded to their square', async () => {
		const { filters } = parseGatheringFilters(new URLSearchParams(`q=${token}&kind=call`));
		const { entries, total } = await listGatherings(anonymousClient(), {
			filters,
			place: { lat: 69.68, lng: 18.99 },
			page: 1,
			pageSize: 20
		});
		expect(total).toBe(1);
		expect(entries.map(({ name }) => name)).toEqual([`${token} Monthly Call`]);
		expect(entries[0].distance_km).toBeGreaterThan(0);
		expect(entries[0].distance_km! % 1).toBe(0);
	});

	it('lists upcoming ones by when they are over, soonest first, and none of them as past', async () => {
		const upcoming = await listGatherings(anonymousClient(), {
			filters: parseGatheringFilters(new URLSearchParams(`q=${token}`)).filters,
			place: null,
			page: 1,
			pageSize: 20
		});
		// The call starts first, but its fourth and last date is after the day (gathering_page).
		expect(upcoming.entries.map(({ id }) => id)).toEqual([dayId, callId]);
		const past = await listGatherings(anonymousClient(), {
			filters: parseGatheringFilters(new URLSearchParams(`q=${token}&when=past`)).filters,
			place: null,
			page: 1,
			pageSize: 20
		});
		expect(past.total).toBe(0);
	});
});

describe('who sees what of a gathering', () => {
	beforeAll(async () => {
		for (const member of [attendee, waiting]) {
			const { error } = await member.client.rpc('rsvp', { gathering_id: dayId, answer: 'going' });
			if (error) throw error;
		}
	});

	it('gives an attendee with a place the venue and who else is going', async () => {
		const standing = await readGatheringStanding(attendee.client, {
			id: dayId,
			userId: attendee.id
		});
		expect(standing.own).toEqual({ answer: 'going', state: 'confirmed' });
		expect(standing.venue?.address).toBe('Storgata 1, Tromsø');
		expect(standing.attendees?.map(({ profile_id }) => profile_id)).toEqual([attendee.id]);
	});

	it('keeps both from someone on the waitlist', async () => {
		const standing = await readGatheringStanding(waiting.client, {
			id: dayId,
			userId: waiting.id
		});
		expect(standing).toMatchObject({
			own: { answer: 'going', state: 'waitlisted' },
			venue: null,
			attendees: null
		});
	});

	it('gives its host everyone, the waitlist after the places, for the export', async () => {
		const rsvps = await listRsvps(host.client, dayId);
		expect(rsvps.map(({ profile_id, state }) => [profile_id, state])).toEqual([
			[attendee.id, 'confirmed'],
			[waiting.id, 'waitlisted']
		]);
		const csv = attendeesCsv(rsvps).split('\r\n');
		expect(csv[1]).toMatch(new RegExp(`^${token} Attendee,.*,Going,no,`));
		expect(csv[2]).toMatch(new RegExp(`^${token} Waiting,.*,On the waitlist,no,`));
	});

	it('lists them on each person’s own page with where they stand', async () => {
		const hosted = (await listOwnGatherings(host.client)).filter(({ name }) =>
			name.startsWith(token)
		);
		expect(hosted.every(({ is_host }) => is_host)).toBe(true);
		const own = (await listOwnGatherings(waiting.client)).find(({ id }) => id === dayId);
		expect(own).toMatchObject({
			is_host: false,
			answer: 'going',
			state: 'waitlisted',
			address: null
		});
	});
});

describe('cancelling a date of a series', () => {
	it('adds it to the cancelled dates once, and tells nobody who is not going', async () => {
		const found = await readGathering(host.client, callId);
		const starts = found!.gathering.starts_at;
		expect(await cancelOccurrence(host.client, { id: callId, startsAt: starts })).toEqual({
			ok: true,
			value: null
		});
		expect(await cancelOccurrence(host.client, { id: callId, startsAt: starts })).toEqual({
			ok: true,
			value: null
		});
		const after = await readGathering(anonymousClient(), callId);
		expect(
			after!.gathering.cancelled_occurrences.map((start) => new Date(start).getTime())
		).toEqual([new Date(starts).getTime()]);
	});

	it('is refused to a member who does not host it', async () => {
		const found = await readGathering(stranger.client, callId);
		const next = new Date(new Date(found!.gathering.starts_at).getTime() + 7 * 86_400_000);
		expect(
			await cancelOccurrence(stranger.client, { id: callId, startsAt: next.toISOString() })
		).toEqual({ ok: false, refusal: `Only the hosts of ${token} Monthly Call can cancel a date.` });
	});
});

describe('the invitation setting', () => {
	it('is off until turned on, and off again', async () => {
		expect(await readInvitationOptIn(stranger.client, stranger.id)).toBe(false);
		await saveInvitationOptIn(stranger.client, { userId: stranger.id, optIn: true });
		await saveInvitationOptIn(stranger.client, { userId: stranger.id, optIn: true });
		expect(await readInvitationOptIn(stranger.client, stranger.id)).toBe(true);
		// Nobody else reads it.
		expect(await readInvitationOptIn(host.client, stranger.id)).toBe(false);
		await saveInvitationOptIn(stranger.client, { userId: stranger.id, optIn: false });
		expect(await readInvitationOptIn(stranger.client, stranger.id)).toBe(false);
	});
});

describe('the gathering pages’ actions', () => {
	/** A form action's event, as SvelteKit makes it for a member posting a form. */
	function posting(member: Member, { id, fields }: { id: string; fields: Record<string, string> }) {
		const body = new FormData();
		for (const [name, value] of Object.entries(fields)) body.append(name, value);
		return {
			locals: { supabase: member.client, user: { id: member.id, is_anonymous: false } },
			params: { id },
			url: new URL(`http://app.test/gatherings/${id}`),
			request: new Request(`http://app.test/gatherings/${id}`, { method: 'POST', body })
		} as unknown as RequestEvent;
	}

	it('answers with where the person stands, and a host decides in approval mode', async () => {
		const [approvalHost, asker] = await Promise.all([person('Approver'), person('Asker')]);
		const id = await create(
			approvalHost,
			dayForm(25, { name: `${token} Approval Day`, registration: 'approval' })
		);
		await setGatheringStatus(approvalHost.client, { id, name: 'it', status: 'published' });

		expect(
			await gatheringPageActions.rsvp(posting(asker, { id, fields: { answer: 'going' } }))
		).toEqual({
			done: { action: 'rsvp', target: undefined, answer: 'going', state: 'pending' }
		});
		expect(
			await rsvpListActions.decide(
				posting(approvalHost, { id, fields: { profile_id: asker.id, approve: 'yes' } })
			)
		).toEqual({
			done: { action: 'decide', target: asker.id, approved: true, state: 'confirmed' }
		});
		expect(
			await rsvpListActions.addHost(posting(approvalHost, { id, fields: { profile_id: asker.id } }))
		).toEqual({ done: { action: 'addHost', target: asker.id } });
		expect((await readGatheringStanding(asker.client, { id, userId: asker.id })).isHost).toBe(true);
	});

	it('says what it refuses beside the form that was refused', async () => {
		expect(
			await gatheringPageActions.rsvp(posting(stranger, { id: dayId, fields: { answer: 'maybe' } }))
		).toMatchObject({
			status: 400,
			data: { refused: { action: 'rsvp', message: 'Choose going, interested or not going.' } }
		});
		expect(
			await gatheringPageActions.removeHost(
				posting(host, { id: dayId, fields: { profile_id: host.id } })
			)
		).toMatchObject({
			status: 400,
			data: {
				refused: {
					action: 'removeHost',
					target: host.id,
					message: `${token} Arctic Day needs a host: add another before this one steps down.`
				}
			}
		});
		expect(
			await rsvpListActions.decide(
				posting(stranger, { id: dayId, fields: { profile_id: attendee.id, approve: 'no' } })
			)
		).toMatchObject({
			status: 400,
			data: { refused: { action: 'decide', target: attendee.id } }
		});
	});
});
