/**
 * What people do with a group (ask to join, answer an invitation, leave, decide a request…), as
 * the pages' form actions name them, and what a page says once one is done. A refused action comes
 * back as a `Refusal`: the database's own message, shown next to the form that was refused.
 * Pure, so the pages, their components and their tests share one vocabulary.
 */

export const GROUP_ACTIONS = [
	'invite',
	'join',
	'withdrawRequest',
	'answerInvitation',
	'leave',
	'decideRequest',
	'withdrawInvitation',
	'removeMember',
	'setRole',
	'joinCongregation',
	'leaveCongregation',
	'decideCrew'
] as const;

export type GroupAction = (typeof GROUP_ACTIONS)[number];

/**
 * A refused action: which one, on what (a request's, an invitation's or a person's id), and why.
 * Gatherings' pages name their own actions (`gatherings/gathering-actions.ts`).
 */
export interface Refusal<Action extends string = GroupAction> {
	action: Action;
	/** The id the action was about, so the message goes beside the right row of a list. */
	target?: string;
	/** The database's message, written for people. */
	message: string;
}

/** A done action, for the page to say so. */
export interface Done {
	action: GroupAction;
	target?: string;
	/** Whether an answer or a decision was yes. */
	accepted?: boolean;
	/** The group's name, where the page lists several groups' requests and invitations. */
	groupName?: string;
}

/** What the page says once an action is done, in a sentence about the group. */
export function doneMessage({ action, accepted }: Done, groupName: string): string {
	switch (action) {
		case 'invite':
			return `Invited to ${groupName}: they are told, and can accept or decline from their inbox.`;
		case 'join':
			return `You asked to join ${groupName}. Its members are told, and you will hear back in your inbox.`;
		case 'withdrawRequest':
			return `You took back your request to join ${groupName}.`;
		case 'answerInvitation':
			return accepted
				? `Welcome to ${groupName}: you are a member now.`
				: `You declined the invitation to ${groupName}.`;
		case 'leave':
			return `You left ${groupName}.`;
		case 'decideRequest':
			return accepted
				? 'Accepted: they are a member now, and they are told.'
				: 'Declined: they are told, without saying who decided.';
		case 'withdrawInvitation':
			return 'The invitation is taken back.';
		case 'removeMember':
			return 'Removed from the group: they are told.';
		case 'setRole':
			return 'Roles changed.';
		case 'joinCongregation':
			return 'Asked: the congregation’s hosts decide, and the crew’s hosts are told their answer.';
		case 'leaveCongregation':
			return `${groupName} is no longer part of a congregation.`;
		case 'decideCrew':
			return accepted
				? 'The crew is part of this congregation now.'
				: 'The crew’s request is declined.';
	}
}

/** The refusal for this action (and this row), if the last submit was it. */
export function refusalFor<Action extends string>(
	refused: Refusal<Action> | null | undefined,
	action: Action,
	target?: string
): string | undefined {
	if (!refused || refused.action !== action) return undefined;
	if (target !== undefined && refused.target !== target) return undefined;
	return refused.message;
}
