/**
 * The words the pages use for crews', congregations' and gatherings' fields, kept apart from the
 * database's values.
 */

export const GROUP_KIND_NAMES: Record<string, string> = {
	crew: 'Crew',
	congregation: 'Congregation'
};

export const GATHERING_KIND_NAMES: Record<string, string> = {
	camp: 'Camp',
	regional_gathering: 'Regional gathering',
	call: 'Call'
};

export const MEETING_MODE_NAMES: Record<string, string> = {
	in_person: 'Meets in person',
	online: 'Meets online',
	mixed: 'Meets in person and online'
};

export const GROUP_STATUS_NAMES: Record<string, string> = {
	forming: 'Forming',
	open: 'Open to new members',
	full: 'Full',
	paused: 'Paused',
	closed: 'Closed'
};

export const SHARED_WITH: Record<string, string> = {
	public: 'Shared with everyone',
	members: 'Shared with signed-in members'
};
