import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	answer,
	attendeesAs,
	decide,
	draftGathering,
	gatheringNotices,
	inDays,
	publishedGathering,
	removeGatherings,
	storedGathering,
	storedRsvps,
	venueAs
} from '../../support/gatherings';
import { refusal } from '../../support/groups';
import { anonymousSignIn, database } from '../../support/privacy';
import {
	anonymousClient,
	membersNamedWith,
	type Client,
	type Member
} from '../../support/supabase';

/**
 * RSVPs (issue 11): going, interested, not going; a full gathering waitlists, and the first on
 * the waitlist moves up when a place frees, under 50 RSVPs at once for the last places; approval
 * mode, where hosts alone decide; the RSVP rows, which change only through rsvp and decide_rsvp;
 * and who reads the attendee list. Attacked as an anonymous visitor, an anonymous sign-in, another
 * member, an attendee, a waitlisted person, someone pending and declined, and a host. Blocks are
 * in gatherings-blocking.test.ts, venues in gatherings-venues.test.ts. Everyone meets in Harare,
 * Zimbabwe, and is named with this run's token.
 */

const token = `zw${randomUUID().slice(0, 6)}`;
const named = membersNamedWith(token);
const harare = { lat: -17.8252, lng: 31.0335 };

function person(name: string, profile: Parameters<typeof named>[1] = {}) {
	return named(name, { precision: 'town', ...profile }, harare);
}

let host: Member;
let attendee: Member; // going, confirmed
let hidden: Member; // going, confirmed, 'only me'
let curious: Member; // interested
let outsider: Member; // no RSVP
let open: string; // open registration, capacity 3: attendee and hidden confirmed, curious interested

beforeAll(async () => {
	[host, attendee, hidden, curious, outsider] = await Promise.all([
		person('Host'),
		person('Attendee'),
		person('Hidden', { visibility: 'only_me' }),
		person('Curious'),
		person('Outsider')
	]);
	open = await publishedGathering(host, { name: `${token} Open day`, at: harare, capacity: 3 });
	expect(await answer(attendee, open, 'going')).toBe('confirmed');
	expect(await answer(hidden, open, 'going')).toBe('confirmed');
	expect(await answer(curious, open, 'interested')).toBeNull();
});

afterAll(() => removeGatherings(token));

/** The people in the attendee list `reader` is shown, leaving out their own answer. */
async function othersShown(reader: Member, gatheringId: string) {
	return (await attendeesAs(reader.client, gatheringId))
		.map((row) => row.profile_id)
		.filter((id) => id !== reader.id);
}

describe('answering', () => {
	it('is refused to anonymous visitors and anonymous sign-ins, and stores nothing', async () => {
		const stranger = await anonymousSignIn(await person('Stranger'));
		for (const client of [anonymousClient(), stranger.client]) {
			const { error } = await client.rpc('rsvp', { gathering_id: open, answer: 'going' });
			expect(error?.code).toBe('42501');
		}
		expect((await storedRsvps(open)).map((row) => row.profile_id)).not.toContain(stranger.id);
	});

	it('refuses a draft exactly as a gathering that does not exist, to anyone but its hosts', async () => {
		const draft = await draftGathering(host, { name: `${token} Draft`, at: harare });
		const [toDraft, toNothing] = await Promise.all([
			outsider.client.rpc('rsvp', { gathering_id: draft, answer: 'going' }),
			outsider.client.rpc('rsvp', { gathering_id: randomUUID(), answer: 'going' })
		]);
		expect(refusal(toNothing)?.code).toBe('P0002');
		expect(refusal(toDraft)).toEqual(refusal(toNothing));
		expect(await storedRsvps(draft)).toEqual([]);
	});

	it('refuses a members-only gathering’s RSVP to an anonymous sign-in as one that does not exist', async () => {
		const stranger = await anonymousSignIn(await person('Stranger2'));
		const { error } = await stranger.client.rpc('rsvp', {
			gathering_id: open,
			answer: 'interested'
		});
		expect(error?.code).toBe('42501');
	});

	it('refuses cancelled and ended gatherings', async () => {
		const cancelled = await publishedGathering(host, { name: `${token} Called off`, at: harare });
		const cancelling = await host.client
			.from('gatherings')
			.update({ status: 'cancelled' })
			.eq('id', cancelled);
		expect(cancelling.error).toBeNull();
		const ended = await publishedGathering(host, {
			name: `${token} Last week`,
			at: harare,
			starts_at: inDays(-8),
			ends_at: inDays(-7)
		});
		for (const id of [cancelled, ended]) {
			const { error } = await outsider.client.rpc('rsvp', { gathering_id: id, answer: 'going' });
			expect(error?.code, id).toBe('P0001');
			expect(await storedRsvps(id)).toEqual([]);
		}
	});

	it('gives interested and not going no state and no place', async () => {
		const before = (await storedGathering(open)).going_count;
		expect(await answer(outsider, open, 'not_going')).toBeNull();
		expect(await answer(outsider, open, 'interested')).toBeNull();
		expect((await storedGathering(open)).going_count).toBe(before);
		const mine = (await storedRsvps(open)).find((row) => row.profile_id === outsider.id);
		expect(mine).toMatchObject({ answer: 'interested', state: null });
		await answer(outsider, open, 'not_going');
	});
});

describe('the RSVP rows', () => {
	it('show each person their own, a confirmed attendee the confirmed ones, a host every one, and nobody else any', async () => {
		const rowsAs = async (client: Client) => {
			const { data, error } = await client
				.from('gathering_rsvps')
				.select('profile_id, answer, state')
				.eq('gathering_id', open);
			expect(error).toBeNull();
			return data!.map((row) => row.profile_id).sort();
		};
		expect(await rowsAs(attendee.client)).toEqual([attendee.id, hidden.id].sort());
		expect(await rowsAs(curious.client)).toEqual([curious.id]);
		expect(await rowsAs(host.client)).toEqual(
			[attendee.id, hidden.id, curious.id, outsider.id].sort()
		);
		const stranger = await person('Reader');
		expect(await rowsAs(stranger.client)).toEqual([]);
		const counted = await stranger.client
			.from('gathering_rsvps')
			.select('profile_id', { count: 'exact', head: true })
			.eq('gathering_id', open);
		expect(counted.count).toBe(0);
		const anonymous = await anonymousClient().from('gathering_rsvps').select('profile_id');
		expect(anonymous.error?.code).toBe('42501');
	});

	const writers: { who: string; client: () => Client; them: () => Member }[] = [
		{ who: 'an anonymous visitor', client: () => anonymousClient(), them: () => outsider },
		{ who: 'another member', client: () => outsider.client, them: () => outsider },
		{ who: 'an interested person', client: () => curious.client, them: () => curious },
		{ who: 'an attendee', client: () => attendee.client, them: () => attendee },
		{ who: 'a host', client: () => host.client, them: () => host }
	];

	it.each(writers)('change only through rsvp and decide_rsvp: nothing as $who', async (w) => {
		const before = await storedRsvps(open);
		const inserted = await w
			.client()
			.from('gathering_rsvps')
			.insert({ gathering_id: open, profile_id: w.them().id, answer: 'going', state: 'confirmed' });
		expect(inserted.error?.code).toBe('42501');
		const promoted = await w
			.client()
			.from('gathering_rsvps')
			.update({ state: 'confirmed', answer: 'going', queued_at: inDays(-365) })
			.eq('gathering_id', open);
		expect(promoted.error?.code).toBe('42501');
		const removed = await w.client().from('gathering_rsvps').delete().eq('gathering_id', open);
		expect(removed.error?.code).toBe('42501');
		expect(await storedRsvps(open)).toEqual(before);
		const stored = await storedGathering(open);
		expect(stored.going_count).toBe(2);
	});

	it('keeps going_count the database’s own', async () => {
		const { error } = await host.client
			.from('gatherings')
			.update({ going_count: 0 })
			.eq('id', open);
		expect(error?.code).toBe('42501');
		expect((await storedGathering(open)).going_count).toBe(2);
	});
});

describe('the attendee list', () => {
	it('shows a host every RSVP, each person named as their profile lets the host see them', async () => {
		const list = await attendeesAs(host.client, open);
		const byId = new Map(list.map((row) => [row.profile_id, row]));
		expect(byId.get(attendee.id)).toMatchObject({
			display_name: `${token} Attendee`,
			answer: 'going',
			state: 'confirmed',
			is_host: false
		});
		expect(byId.get(hidden.id)).toMatchObject({ display_name: null, place_label: null });
		expect(byId.get(curious.id)).toMatchObject({ answer: 'interested', state: null });
	});

	it('shows a confirmed attendee the confirmed “going” list only', async () => {
		const list = await attendeesAs(attendee.client, open);
		expect(list.map((row) => [row.profile_id, row.state]).sort()).toEqual(
			[
				[attendee.id, 'confirmed'],
				[hidden.id, 'confirmed']
			].sort()
		);
		const shown = list.find((row) => row.profile_id === hidden.id);
		expect(shown).toMatchObject({ display_name: null, place_label: null });
	});

	it('shows an interested person, another member and someone not going nobody but themselves', async () => {
		for (const reader of [curious, outsider, await person('Passerby')]) {
			expect(await othersShown(reader, open)).toEqual([]);
		}
	});

	it('is refused to anonymous visitors', async () => {
		const { data, error } = await anonymousClient().rpc('gathering_attendees', {
			gathering_id: open
		});
		expect(error?.code ?? (data as unknown[]).length).toBeTruthy();
		expect(JSON.stringify(data ?? [])).not.toContain(attendee.id);
	});
});

describe('a full gathering under 50 RSVPs at once for its last 3 places', () => {
	let gathering: string;
	let organiser: Member;
	let early: Member[]; // the first 7, confirmed before the rush
	let rush: Member[]; // 50 people answering "going" at once
	/** Everyone who answered, to find a member by id. */
	const everyone: Member[] = [];
	const byId = (id: string) => everyone.find((member) => member.id === id)!;
	let states: Map<string, string | null>;

	beforeAll(async () => {
		organiser = await person('RushHost');
		gathering = await publishedGathering(organiser, {
			name: `${token} Rush`,
			at: harare,
			capacity: 10
		});
		early = await Promise.all(Array.from({ length: 7 }, (_, i) => person(`Early${i}`)));
		for (const member of early) expect(await answer(member, gathering, 'going')).toBe('confirmed');
		rush = await Promise.all(Array.from({ length: 50 }, (_, i) => person(`Rush${i}`)));
		everyone.push(...early, ...rush);
		const answers = await Promise.all(
			rush.map(async (member) => [member.id, await answer(member, gathering, 'going')] as const)
		);
		states = new Map(answers);
	}, 120_000);

	it('confirms exactly the 3 free places and waitlists the other 47', async () => {
		const told = [...states.values()];
		expect(told.filter((state) => state === 'confirmed')).toHaveLength(3);
		expect(told.filter((state) => state === 'waitlisted')).toHaveLength(47);
		const stored = await storedRsvps(gathering);
		expect(stored.filter((row) => row.state === 'confirmed')).toHaveLength(10);
		expect(stored.filter((row) => row.state === 'waitlisted')).toHaveLength(47);
		for (const row of stored) {
			if (states.has(row.profile_id)) expect(row.state).toBe(states.get(row.profile_id));
		}
		expect((await storedGathering(gathering)).going_count).toBe(10);
	});

	it('shows the hosts the waitlist in the order it was joined', async () => {
		const waitlist = (await storedRsvps(gathering))
			.filter((row) => row.state === 'waitlisted')
			.map((row) => row.profile_id);
		const shown = (await attendeesAs(organiser.client, gathering))
			.filter((row) => row.state === 'waitlisted')
			.map((row) => row.profile_id);
		expect(shown).toEqual(waitlist);
	});

	it('moves the first on the waitlist up when someone leaves, and tells them alone', async () => {
		const before = (await storedRsvps(gathering)).filter((row) => row.state === 'waitlisted');
		const [first, second] = before.map((row) => byId(row.profile_id));
		expect(await answer(early[0], gathering, 'not_going')).toBeNull();
		const after = await storedRsvps(gathering);
		expect(after.find((row) => row.profile_id === first.id)?.state).toBe('confirmed');
		expect(after.filter((row) => row.state === 'confirmed')).toHaveLength(10);
		expect(await gatheringNotices(first, gathering)).toContainEqual(
			expect.objectContaining({ kind: 'waitlist_moved_up' })
		);
		expect(
			(await gatheringNotices(second, gathering)).filter((n) => n.kind === 'waitlist_moved_up')
		).toEqual([]);
		expect((await storedGathering(gathering)).going_count).toBe(10);
	});

	it('moves the next five up, in order, when five leave at once', async () => {
		const waiting = (await storedRsvps(gathering))
			.filter((row) => row.state === 'waitlisted')
			.map((row) => row.profile_id);
		const leaving = early.slice(1, 6);
		await Promise.all(leaving.map((member) => answer(member, gathering, 'not_going')));
		const after = await storedRsvps(gathering);
		const confirmed = new Set(
			after.filter((row) => row.state === 'confirmed').map((row) => row.profile_id)
		);
		expect(confirmed.size).toBe(10);
		for (const id of waiting.slice(0, 5)) expect(confirmed.has(id), id).toBe(true);
		for (const id of waiting.slice(5)) expect(confirmed.has(id), id).toBe(false);
		expect((await storedGathering(gathering)).going_count).toBe(10);
	});

	it('gives places freed while newcomers answer to the waitlist, and the newcomers wait behind it', async () => {
		const before = await storedRsvps(gathering);
		const waiting = before.filter((row) => row.state === 'waitlisted').map((row) => row.profile_id);
		const confirmed = before
			.filter((row) => row.state === 'confirmed')
			.map((row) => row.profile_id);
		const leaving = confirmed.slice(0, 3).map(byId);
		const newcomers = await Promise.all(Array.from({ length: 10 }, (_, i) => person(`New${i}`)));
		everyone.push(...newcomers);
		const told = await Promise.all([
			...leaving.map((member) => answer(member, gathering, 'not_going')),
			...newcomers.map((member) => answer(member, gathering, 'going'))
		]);
		expect(told.slice(leaving.length)).toEqual(newcomers.map(() => 'waitlisted'));
		const after = await storedRsvps(gathering);
		const nowConfirmed = new Set(
			after.filter((row) => row.state === 'confirmed').map((row) => row.profile_id)
		);
		expect(nowConfirmed.size).toBe(10);
		for (const id of waiting.slice(0, 3)) expect(nowConfirmed.has(id), id).toBe(true);
		const nowWaiting = after
			.filter((row) => row.state === 'waitlisted')
			.map((row) => row.profile_id);
		expect(nowWaiting.slice(0, waiting.length - 3)).toEqual(waiting.slice(3));
		expect(new Set(nowWaiting.slice(waiting.length - 3))).toEqual(
			new Set(newcomers.map((m) => m.id))
		);
		expect((await storedGathering(gathering)).going_count).toBe(10);
	});

	it('lets a waitlisted person leave the waitlist without moving anyone else', async () => {
		const waiting = (await storedRsvps(gathering)).filter((row) => row.state === 'waitlisted');
		const leaver = byId(waiting[3].profile_id);
		expect(await answer(leaver, gathering, 'interested')).toBeNull();
		const after = await storedRsvps(gathering);
		expect(after.filter((row) => row.state === 'confirmed')).toHaveLength(10);
		expect(after.filter((row) => row.state === 'waitlisted').map((row) => row.profile_id)).toEqual(
			waiting.filter((row) => row.profile_id !== leaver.id).map((row) => row.profile_id)
		);
	});

	it('keeps a waitlisted person’s place when they answer “going” again', async () => {
		const waiting = (await storedRsvps(gathering)).filter((row) => row.state === 'waitlisted');
		const again = byId(waiting[0].profile_id);
		expect(await answer(again, gathering, 'going')).toBe('waitlisted');
		const after = (await storedRsvps(gathering)).filter((row) => row.state === 'waitlisted');
		expect(after.map((row) => row.profile_id)).toEqual(waiting.map((row) => row.profile_id));
	});

	it('lets nobody on the waitlist jump it by writing their row', async () => {
		const waiting = (await storedRsvps(gathering)).filter((row) => row.state === 'waitlisted');
		const last = byId(waiting.at(-1)!.profile_id);
		const jumped = await last.client
			.from('gathering_rsvps')
			.update({ queued_at: inDays(-30), state: 'confirmed' })
			.eq('gathering_id', gathering)
			.eq('profile_id', last.id);
		expect(jumped.error?.code).toBe('42501');
		const after = (await storedRsvps(gathering)).filter((row) => row.state === 'waitlisted');
		expect(after.at(-1)!.profile_id).toBe(last.id);
	});

	it('shows a waitlisted person no attendee list', async () => {
		const waiting = (await storedRsvps(gathering)).find((row) => row.state === 'waitlisted')!;
		const reader = byId(waiting.profile_id);
		expect(await othersShown(reader, gathering)).toEqual([]);
	});
});

describe('approval mode', () => {
	let gathering: string;
	let asker: Member;
	let declined: Member;

	beforeAll(async () => {
		gathering = await publishedGathering(host, {
			name: `${token} By approval`,
			at: harare,
			capacity: 2,
			registration: 'approval'
		});
		[asker, declined] = await Promise.all([person('Asker'), person('Declined')]);
		expect(await answer(asker, gathering, 'going')).toBe('pending');
		expect(await answer(declined, gathering, 'going')).toBe('pending');
	});

	it('tells the hosts who asked, and nobody else', async () => {
		expect(await gatheringNotices(host, gathering)).toEqual(
			expect.arrayContaining([expect.objectContaining({ kind: 'rsvp_received' })])
		);
		expect(await gatheringNotices(declined, gathering)).toEqual([]);
	});

	it('lets nobody but a host decide, not even the person asking', async () => {
		for (const decider of [asker, declined, attendee, outsider]) {
			const { error } = await decider.client.rpc('decide_rsvp', {
				gathering_id: gathering,
				profile_id: asker.id,
				approve: true
			});
			expect(error?.code).toBe('42501');
		}
		const anonymous = await anonymousClient().rpc('decide_rsvp', {
			gathering_id: gathering,
			profile_id: asker.id,
			approve: true
		});
		expect(anonymous.error?.code).toBe('42501');
		expect((await storedRsvps(gathering)).map((row) => row.state)).toEqual(['pending', 'pending']);
	});

	it('shows someone pending neither the attendee list nor a place', async () => {
		expect(await othersShown(asker, gathering)).toEqual([]);
		expect((await storedGathering(gathering)).going_count).toBe(0);
	});

	it('confirms or declines, and tells the person', async () => {
		await decide(host, gathering, asker, true);
		await decide(host, gathering, declined, false);
		const stored = new Map((await storedRsvps(gathering)).map((row) => [row.profile_id, row]));
		expect(stored.get(asker.id)?.state).toBe('confirmed');
		expect(stored.get(declined.id)?.state).toBe('declined');
		expect(await gatheringNotices(asker, gathering)).toContainEqual({
			kind: 'rsvp_decided',
			body: 'accepted'
		});
		expect(await gatheringNotices(declined, gathering)).toContainEqual({
			kind: 'rsvp_decided',
			body: 'declined'
		});
	});

	it('refuses someone declined who asks again, in the same words a block gets', async () => {
		const again = await declined.client.rpc('rsvp', { gathering_id: gathering, answer: 'going' });
		expect(refusal(again)).toEqual({
			code: 'P0001',
			message: `${token} By approval is not taking a sign-up from you at the moment.`
		});
		expect((await storedRsvps(gathering)).find((r) => r.profile_id === declined.id)?.state).toBe(
			'declined'
		);
	});

	it('refuses to decide what is not pending', async () => {
		for (const person of [asker, declined, outsider]) {
			const { error } = await host.client.rpc('decide_rsvp', {
				gathering_id: gathering,
				profile_id: person.id,
				approve: true
			});
			expect(error, person.id).not.toBeNull();
		}
		const stored = new Map((await storedRsvps(gathering)).map((row) => [row.profile_id, row]));
		expect(stored.get(declined.id)?.state).toBe('declined');
		expect(stored.has(outsider.id)).toBe(false);
	});

	it('tells the hosts of someone asking at most once a day, however often they ask again', async () => {
		const insistent = await person('Insistent');
		for (let asked = 0; asked < 5; asked++) {
			expect(await answer(insistent, gathering, 'going')).toBe('pending');
			expect(await answer(insistent, gathering, 'not_going')).toBeNull();
		}
		const { data } = await host.client
			.from('notifications')
			.select('kind, actor_name')
			.eq('gathering_id', gathering)
			.eq('kind', 'rsvp_received')
			.eq('actor_name', `${token} Insistent`);
		expect(data).toHaveLength(1);
	});

	it('waitlists an approval when the gathering is full, and says so', async () => {
		const [second, third] = await Promise.all([person('Second'), person('Third')]);
		expect(await answer(second, gathering, 'going')).toBe('pending');
		expect(await answer(third, gathering, 'going')).toBe('pending');
		await decide(host, gathering, second, true);
		await decide(host, gathering, third, true);
		const stored = new Map((await storedRsvps(gathering)).map((row) => [row.profile_id, row]));
		expect(stored.get(second.id)?.state).toBe('confirmed');
		expect(stored.get(third.id)?.state).toBe('waitlisted');
		expect(await gatheringNotices(third, gathering)).toContainEqual({
			kind: 'rsvp_decided',
			body: 'waitlisted'
		});
		expect((await storedGathering(gathering)).going_count).toBe(2);
	});
});

describe('a host approving 10 people at once for 3 places', () => {
	it('confirms exactly 3 and waitlists the other 7, in the order they asked', async () => {
		const organiser = await person('Approver');
		const gathering = await publishedGathering(organiser, {
			name: `${token} Approved rush`,
			at: harare,
			capacity: 3,
			registration: 'approval'
		});
		const askers = await Promise.all(Array.from({ length: 10 }, (_, i) => person(`Ask${i}`)));
		for (const asker of askers) expect(await answer(asker, gathering, 'going')).toBe('pending');
		const decided = await Promise.all(
			askers.map((asker) =>
				organiser.client.rpc('decide_rsvp', {
					gathering_id: gathering,
					profile_id: asker.id,
					approve: true
				})
			)
		);
		expect(decided.map((d) => d.error)).toEqual(askers.map(() => null));
		const stored = await storedRsvps(gathering);
		expect(stored.filter((row) => row.state === 'confirmed')).toHaveLength(3);
		expect(stored.filter((row) => row.state === 'waitlisted')).toHaveLength(7);
		expect((await storedGathering(gathering)).going_count).toBe(3);
		const told = await Promise.all(
			askers.map(async (asker) => (await gatheringNotices(asker, gathering)).map((n) => n.body))
		);
		const states = new Map(stored.map((row) => [row.profile_id, row.state]));
		askers.forEach((asker, index) => {
			const state = states.get(asker.id);
			expect(told[index]).toEqual([state === 'confirmed' ? 'accepted' : 'waitlisted']);
		});
	});
});

describe('hosts', () => {
	let gathering: string;
	let cohost: Member; // confirmed, made a host
	let guest: Member; // confirmed

	beforeAll(async () => {
		[cohost, guest] = await Promise.all([person('Cohost'), person('Guest')]);
		gathering = await publishedGathering(host, { name: `${token} Hosted`, at: harare });
		await answer(cohost, gathering, 'going');
		await answer(guest, gathering, 'going');
	});

	async function hostIds() {
		const { rows } = await database().query<{ profile_id: string }>(
			'select profile_id from public.gathering_hosts where gathering_id = $1 order by 1',
			[gathering]
		);
		return rows.map((row) => row.profile_id);
	}

	it('are added by a host only', async () => {
		for (const adder of [guest, cohost, outsider]) {
			const { error } = await adder.client.rpc('add_gathering_host', {
				gathering_id: gathering,
				profile_id: adder.id
			});
			expect(error?.code, adder.id).toBe('42501');
		}
		const anonymous = await anonymousClient().rpc('add_gathering_host', {
			gathering_id: gathering,
			profile_id: outsider.id
		});
		expect(anonymous.error?.code).toBe('42501');
		expect(await hostIds()).toEqual([host.id]);
	});

	it('are people with an RSVP to the gathering', async () => {
		const { error } = await host.client.rpc('add_gathering_host', {
			gathering_id: gathering,
			profile_id: outsider.id
		});
		expect(error).not.toBeNull();
		expect(await hostIds()).toEqual([host.id]);
	});

	it('are never written directly', async () => {
		for (const writer of [host, guest]) {
			const inserted = await writer.client
				.from('gathering_hosts')
				.insert({ gathering_id: gathering, profile_id: guest.id });
			expect(inserted.error?.code).toBe('42501');
			const removed = await writer.client
				.from('gathering_hosts')
				.delete()
				.eq('gathering_id', gathering);
			expect(removed.error?.code).toBe('42501');
		}
		expect(await hostIds()).toEqual([host.id]);
	});

	it('see every RSVP once added, and see the venue', async () => {
		const { error } = await host.client.rpc('add_gathering_host', {
			gathering_id: gathering,
			profile_id: cohost.id
		});
		expect(error).toBeNull();
		expect(await hostIds()).toEqual([host.id, cohost.id].sort());
		const list = await attendeesAs(cohost.client, gathering);
		expect(list.map((row) => [row.profile_id, row.is_host]).sort()).toEqual(
			[
				[cohost.id, true],
				[guest.id, false]
			].sort()
		);
		expect(await venueAs(cohost.client, gathering)).not.toBeNull();
	});

	it('are removed by a host or by themselves, and never the last', async () => {
		const byGuest = await guest.client.rpc('remove_gathering_host', {
			gathering_id: gathering,
			profile_id: cohost.id
		});
		expect(byGuest.error?.code).toBe('42501');
		expect(await hostIds()).toEqual([host.id, cohost.id].sort());
		const bySelf = await cohost.client.rpc('remove_gathering_host', {
			gathering_id: gathering,
			profile_id: cohost.id
		});
		expect(bySelf.error).toBeNull();
		expect(await hostIds()).toEqual([host.id]);
		const last = await host.client.rpc('remove_gathering_host', {
			gathering_id: gathering,
			profile_id: host.id
		});
		expect(last.error?.code).toBe('P0001');
		expect(await hostIds()).toEqual([host.id]);
	});

	it('are named by gathering_hosts_of only as their profiles allow', async () => {
		const shy = await person('ShyHost', { visibility: 'only_me' });
		await answer(shy, gathering, 'going');
		const added = await host.client.rpc('add_gathering_host', {
			gathering_id: gathering,
			profile_id: shy.id
		});
		expect(added.error).toBeNull();
		const { data, error } = await outsider.client.rpc('gathering_hosts_of', {
			gathering_id: gathering
		});
		expect(error).toBeNull();
		expect(data!.map((row) => row.display_name)).toEqual([`${token} Host`]);
		const anonymous = await anonymousClient().rpc('gathering_hosts_of', {
			gathering_id: gathering
		});
		expect(JSON.stringify(anonymous.data ?? [])).not.toContain(shy.id);
	});
});
