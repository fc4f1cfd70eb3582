/**
 * What each audience sees of someone, in plain words, for the audience preview beside the
 * precision and visibility choices. The database decides what people really see, and
 * `place_labels_for` asks it before the person saves: for each precision, the cell members would
 * see and what strangers would see (k = 3 rule included). This only puts that into words.
 */
import { PRECISIONS, type Precision } from '$lib/geo/cells';
import type { Visibility } from './choices';

/** The coarsest precision anonymous visitors may see: guarantee 3 in DESIGN.md. */
export const ANONYMOUS_FINEST_PRECISION: Precision = 'area';

/** Who is looking. Crewmates see what members see; the owner sees their own exact point. */
export type Audience = 'anonymous' | 'member';

/**
 * The precision an audience sees a person at: signed-in members see the owner's choice,
 * anonymous visitors never anything finer than `area` (or the owner's choice, if coarser).
 */
export function precisionForAudience({
	precision,
	audience
}: {
	precision: Precision;
	audience: Audience;
}): Precision {
	if (audience === 'member') return precision;
	return coarserOf(precision, ANONYMOUS_FINEST_PRECISION);
}

/** Whichever of two precisions hides more. */
function coarserOf(a: Precision, b: Precision): Precision {
	return PRECISIONS.indexOf(a) >= PRECISIONS.indexOf(b) ? a : b;
}

/**
 * One row of `place_labels_for`: where the dot goes and what it is called at a precision, and
 * where strangers would see it if the person were public (null: not on their map at all).
 */
export interface PlaceLabel {
	precision: Precision;
	cell: string;
	lat: number;
	lng: number;
	/** Null where the gazetteer knows no place near enough (out at sea, say). */
	label: string | null;
	stranger_precision: Precision | null;
	stranger_cell: string | null;
	stranger_lat: number | null;
	stranger_lng: number | null;
	stranger_label: string | null;
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
	const chosen = labels?.find((row) => row.precision === precision);
	const where = (at: Precision, label: string | null | undefined) =>
		labels ? dotAt(at, label) : 'your profile, but not on the map';
	/** What the k = 3 rule does to strangers' view, when it does anything. */
	const coarsened =
		strangersSee && chosen
			? chosen.stranger_precision === null
				? ('hidden' as const)
				: chosen.stranger_precision !== strangersPrecision
					? chosen.stranger_precision
					: null
			: null;
	const strangersLine =
		coarsened === 'hidden'
			? 'Strangers see: your profile, but not on the map'
			: `Strangers see: ${where(
					chosen?.stranger_precision ?? strangersPrecision,
					chosen?.stranger_label ?? labelAt(strangersPrecision, labels)
				)}`;

	const lines: AudienceLine[] = [
		strangersSee
			? { audience: 'strangers', sees: true, text: strangersLine }
			: { audience: 'strangers', sees: false, text: "Strangers don't see you at all" },
		membersSee
			? { audience: 'members', sees: true, text: `Members see: ${where(precision, chosen?.label)}` }
			: {
					audience: 'members',
					sees: false,
					text:
						visibility === 'crewmates'
							? "Members who aren't your crewmates don't see you at all"
							: "Members don't see you at all"
				},
		crewmatesSee
			? {
					audience: 'crewmates',
					sees: true,
					text: `Crewmates see: ${where(precision, chosen?.label)}`
				}
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
	if (coarsened === 'hidden') {
		notes.push(
			`Fewer than ${LONE_PERSON_THRESHOLD} people in your country share with everyone yet, so strangers are not shown where you are: nobody is singled out. This changes as people join.`
		);
	} else if (coarsened) {
		notes.push(
			`Fewer than ${LONE_PERSON_THRESHOLD} people who share with everyone are in your ${PRECISION_WORD[strangersPrecision]} square, so strangers see you in the larger ${PRECISION_WORD[coarsened]} one, with others: nobody is singled out. This changes as people join.`
		);
	} else if (strangersSee) {
		notes.push(
			`Where fewer than ${LONE_PERSON_THRESHOLD} people share a square with strangers, strangers see them in a bigger square, so nobody is singled out.`
		);
	}
	return { lines, notes };
}

/** A precision as a word in a sentence. */
const PRECISION_WORD: Readonly<Record<Precision, string>> = {
	neighbourhood: 'neighbourhood',
	town: 'town',
	area: 'area',
	region: 'region',
	country: 'country'
};

function labelAt(precision: Precision, labels: readonly PlaceLabel[] | null): string | null {
	return labels?.find((row) => row.precision === precision)?.label ?? null;
}

/** "a dot somewhere in the Utrecht area, NL", from the label at a precision. */
function dotAt(precision: Precision, label: string | null | undefined): string {
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
