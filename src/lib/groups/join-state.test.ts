import { describe, expect, it } from 'vitest';
import { joinState, notTakingReason, type Standing } from './join-state';

const crew = {
	name: 'Bristol Makers Crew',
	status: 'open',
	size_limit: 6,
	member_count: 3
} as const;

const signedIn: Standing = {
	signedIn: true,
	onboarded: true,
	role: null,
	hostCount: 0,
	ownRequest: null,
	ownInvitation: null
};

describe('joinState', () => {
	it('asks a visitor who is not signed in to sign in', () => {
		expect(joinState(crew, { ...signedIn, signedIn: false })).toEqual({ kind: 'signedOut' });
	});

	it('sends someone not yet on the map to add themselves first', () => {
		expect(joinState(crew, { ...signedIn, onboarded: false })).toEqual({ kind: 'notOnboarded' });
	});

	it('lets a member ask to join a group with a seat', () => {
		expect(joinState(crew, signedIn)).toEqual({ kind: 'canAsk' });
	});

	it('says why a full, paused or closed group takes nobody', () => {
		expect(joinState({ ...crew, status: 'full', member_count: 6 }, signedIn)).toEqual({
			kind: 'notTaking',
			reason: 'Bristol Makers Crew is full: there is no seat left.'
		});
		expect(notTakingReason({ ...crew, status: 'paused' })).toBe(
			'Bristol Makers Crew is paused and takes nobody new for now.'
		);
		expect(notTakingReason({ ...crew, status: 'closed' })).toBe('Bristol Makers Crew has closed.');
		expect(notTakingReason({ ...crew, size_limit: null, member_count: 40 })).toBeNull();
	});

	it('shows a pending request, even once the group is full', () => {
		expect(
			joinState(
				{ ...crew, status: 'full', member_count: 6 },
				{ ...signedIn, ownRequest: { id: 'r1', message: 'Hello' } }
			)
		).toEqual({ kind: 'requested', requestId: 'r1', message: 'Hello' });
	});

	it('puts an invitation before a request', () => {
		expect(
			joinState(crew, {
				...signedIn,
				ownRequest: { id: 'r1', message: '' },
				ownInvitation: { id: 'i1', inviter_name: 'Dalia', message: 'Join us?' }
			})
		).toEqual({ kind: 'invited', invitationId: 'i1', inviterName: 'Dalia', message: 'Join us?' });
	});

	it('tells the last host of a group others are in to hand over before leaving', () => {
		expect(joinState(crew, { ...signedIn, role: 'host', hostCount: 1 })).toEqual({
			kind: 'member',
			role: 'host',
			lastHost: true,
			alone: false
		});
		expect(joinState(crew, { ...signedIn, role: 'host', hostCount: 2 })).toMatchObject({
			lastHost: false
		});
		expect(
			joinState({ ...crew, status: 'closed' }, { ...signedIn, role: 'host', hostCount: 1 })
		).toMatchObject({ lastHost: false });
	});

	it('tells someone alone in a group that leaving closes it', () => {
		expect(
			joinState({ ...crew, member_count: 1 }, { ...signedIn, role: 'host', hostCount: 1 })
		).toEqual({ kind: 'member', role: 'host', lastHost: false, alone: true });
	});
});
