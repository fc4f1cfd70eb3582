/**
 * What each audience sees of someone, in plain words, for the audience preview beside the
 * precision and visibility choices. The database decides what people really see; this says the
 * same thing before the person saves, from the labels `place_labels_for` gives for their point.
 */
import { precisionForAudience, type Precision } from '$lib/geo/cells';
import type { Visibility } from './choices';

/** One row of `place_labels_for`: where the dot goes and what it is called at a precision. */
export interface PlaceLabel {
	precision: Precision;
	cell: string;
	lat: number;
	lng: number;
	/** Null where the gazetteer knows no place near enough (out at sea, say). */
	label: string | null;
}

export type AudienceName = 'strangers' | 'members' | 'crewmates';

export interface AudienceLine {
	audience: AudienceName;
	/** Whether this audience sees the profile at all. */
	sees: boolean;
	text: string;
}

export interface AudienceDescription {
	lines: AudienceLine[];
	/** What else to know: how big the squares are, and the rules that protect people. */
	notes: string[];
}

/** Lone people are coarsened for strangers below this many visible people: guarantee 6. */
export const LONE_PERSON_THRESHOLD = 3;

/** Roughly how wide a cell is at each precision, in words. */
export const CELL_SIZE: Readonly<Record<Precision, string>> = {
	neighbourhood: 'about 1 km',
	town: 'about 5 km',
	area: 'about 20 km',
	region: 'about 100 km',
	country: 'hundreds of km'
};

export function describeAudiences({
	labels,
	precision,
	visibility
}: {
	/** The labels for the chosen point, or null when no point is chosen. */
	labels: readonly PlaceLabel[] | null;
	precision: Precision;
	visibility: Visibility;
}): AudienceDescription {
	const strangersPrecision = precisionForAudience({ precision, audience: 'anonymous' });
	const strangersSee = visibility === 'public';
	const membersSee = strangersSee || visibility === 'members';
	const crewmatesSee = membersSee || visibility === 'crewmates';
	const where = (at: Precision) =>
		labels ? dotAt(at, labels) : 'your profile, but not on the map';

	const lines: AudienceLine[] = [
		strangersSee
			? { audience: 'strangers', sees: true, text: `Strangers see: ${where(strangersPrecision)}` }
			: { audience: 'strangers', sees: false, text: "Strangers don't see you at all" },
		membersSee
			? { audience: 'members', sees: true, text: `Members see: ${where(precision)}` }
			: {
					audience: 'members',
					sees: false,
					text:
						visibility === 'crewmates'
							? "Members who aren't your crewmates don't see you at all"
							: "Members don't see you at all"
				},
		crewmatesSee
			? { audience: 'crewmates', sees: true, text: `Crewmates see: ${where(precision)}` }
			: { audience: 'crewmates', sees: false, text: "Crewmates don't see you at all" }
	];

	const notes: string[] = [];
	if (visibility === 'only_me') notes.push('Only you see this profile.');
	if (labels && crewmatesSee) {
		notes.push(
			`The dot is the middle of a square ${CELL_SIZE[precision]} across that holds your point. Nobody but you sees the point itself.`
		);
	}
	if (labels && strangersSee && strangersPrecision !== precision) {
		notes.push(
			`Strangers never see anyone closer than the area level: for them the square is ${CELL_SIZE[strangersPrecision]} across.`
		);
	}
	if (strangersSee) {
		notes.push(
			`Where fewer than ${LONE_PERSON_THRESHOLD} people share a square with strangers, strangers see them in a bigger square, so nobody is singled out.`
		);
	}
	return { lines, notes };
}

/** "a dot somewhere in the Utrecht area, NL", from the label at a precision. */
function dotAt(precision: Precision, labels: readonly PlaceLabel[]): string {
	const label = labels.find((row) => row.precision === precision)?.label;
	if (!label) return `a dot in a square ${CELL_SIZE[precision]} across around your point`;
	switch (precision) {
		case 'neighbourhood':
		case 'town':
			return `a dot ${label}`; // "near Utrecht, NL"
		case 'area':
			return `a dot somewhere in the ${label}`; // "Utrecht area, NL"
		case 'region':
			return `a dot somewhere ${label}`; // "around Amsterdam, NL"
		case 'country':
			return `a dot somewhere in ${label}`; // "Netherlands"
	}
}
