/**
 * Where the viewer stands with a group, which decides the one action its page offers them: sign
 * in to ask, finish their profile, ask to join, their request is pending, they are invited, they
 * are a member (or a host). Pure, so each state is tested on its own.
 */
import type { Tables } from '$lib/database.types';

type Group = Pick<Tables<'groups'>, 'name' | 'status' | 'size_limit' | 'member_count'>;

export type JoinState =
	| { kind: 'signedOut' }
	/** Signed in, but not yet on the map: groups see people by their profile. */
	| { kind: 'notOnboarded' }
	/** The group takes nobody new now; `reason` says why. */
	| { kind: 'notTaking'; reason: string }
	| { kind: 'canAsk' }
	| { kind: 'requested'; requestId: string; message: string }
	| { kind: 'invited'; invitationId: string; inviterName: string; message: string }
	| {
			kind: 'member';
			role: 'host' | 'member';
			/** The only host of a group others are still in: they hand over or close before leaving. */
			lastHost: boolean;
			/** Nobody else is in it: leaving closes it. */
			alone: boolean;
	  };

export interface Standing {
	signedIn: boolean;
	onboarded: boolean;
	role: 'host' | 'member' | null;
	/** How many hosts the group has (counted only for its members). */
	hostCount: number;
	ownRequest: { id: string; message: string } | null;
	ownInvitation: { id: string; inviter_name: string; message: string } | null;
}

/**
 * Why a group takes nobody new, in the database's words (`private.closed_reason`), or null when
 * it has room.
 */
export function notTakingReason(group: Group): string | null {
	if (group.status === 'closed') return `${group.name} has closed.`;
	if (group.status === 'paused') return `${group.name} is paused and takes nobody new for now.`;
	if (
		group.status === 'full' ||
		(group.size_limit !== null && group.member_count >= group.size_limit)
	) {
		return `${group.name} is full: there is no seat left.`;
	}
	return null;
}

/** The viewer's state with a group: members first, then invitations and requests, then asking. */
export function joinState(group: Group, standing: Standing): JoinState {
	if (!standing.signedIn) return { kind: 'signedOut' };
	if (standing.role) {
		return {
			kind: 'member',
			role: standing.role,
			lastHost:
				standing.role === 'host' &&
				standing.hostCount === 1 &&
				group.member_count > 1 &&
				group.status !== 'closed',
			alone: group.member_count <= 1
		};
	}
	if (standing.ownInvitation) {
		return {
			kind: 'invited',
			invitationId: standing.ownInvitation.id,
			inviterName: standing.ownInvitation.inviter_name,
			message: standing.ownInvitation.message
		};
	}
	if (standing.ownRequest) {
		return {
			kind: 'requested',
			requestId: standing.ownRequest.id,
			message: standing.ownRequest.message
		};
	}
	if (!standing.onboarded) return { kind: 'notOnboarded' };
	const reason = notTakingReason(group);
	if (reason) return { kind: 'notTaking', reason };
	return { kind: 'canAsk' };
}
