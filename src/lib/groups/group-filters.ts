/**
 * The filters of the crews and congregations list (`/groups`), and how they live in its URL:
 * `?kind=crew&seats=1&forming=1&mode=online&language=Dutch&near=Ghent&km=50&page=2`. Pure, so the
 * page's load and its form read URLs the same way.
 */
import { isOneOf } from '$lib/people/choices';
import { MAX_LANGUAGE_LENGTH } from '$lib/directory/filters';
import type { GroupKind } from './group-form';
import { GROUP_KIND_CHOICES, MEETING_MODE_CHOICES, type MeetingMode } from './wording';

export interface GroupFilters {
	kind?: GroupKind;
	/** Only groups taking people now (forming or open, with a seat where there is a limit). */
	seatsOpen: boolean;
	/** Only groups still forming. */
	forming: boolean;
	meetingMode?: MeetingMode;
	/** Meeting in this language. */
	language?: string;
	/** What the visitor typed or chose as the place to measure from (`near`), or ''. */
	near: string;
	/** How far from the place, in km (`km`). */
	withinKm: number;
}

/** How far from a place the list looks, and how each choice reads. */
export const WITHIN_KM_CHOICES = [
	{ value: 10, label: 'Within 10 km' },
	{ value: 25, label: 'Within 25 km' },
	{ value: 50, label: 'Within 50 km' },
	{ value: 100, label: 'Within 100 km' },
	{ value: 200, label: 'Within 200 km' }
] as const;

export const DEFAULT_WITHIN_KM = 50;

const WITHIN_KM_VALUES: readonly number[] = WITHIN_KM_CHOICES.map(({ value }) => value);
const KIND_VALUES: readonly GroupKind[] = GROUP_KIND_CHOICES.map(({ value }) => value);
const MODE_VALUES: readonly MeetingMode[] = MEETING_MODE_CHOICES.map(({ value }) => value);

/** The URL parameter of each filter. */
export const GROUP_FILTER_PARAMS = {
	kind: 'kind',
	seatsOpen: 'seats',
	forming: 'forming',
	meetingMode: 'mode',
	language: 'language',
	near: 'near',
	withinKm: 'km'
} as const satisfies Record<keyof GroupFilters, string>;

/** Whether a checkbox's parameter is set: any value a checkbox sends, as long as it is there. */
function checked(params: URLSearchParams, name: string): boolean {
	return params.has(name) && params.get(name) !== '';
}

/**
 * The filters in a URL's parameters, and what is wrong with them, one sentence each naming the
 * parameter and the reason. A value a filter does not know is left out.
 */
export function parseGroupFilters(params: URLSearchParams): {
	filters: GroupFilters;
	problems: string[];
} {
	const problems: string[] = [];
	const filters: GroupFilters = {
		seatsOpen: checked(params, GROUP_FILTER_PARAMS.seatsOpen),
		forming: checked(params, GROUP_FILTER_PARAMS.forming),
		near: params.get(GROUP_FILTER_PARAMS.near)?.trim() ?? '',
		withinKm: DEFAULT_WITHIN_KM
	};

	const kind = params.get(GROUP_FILTER_PARAMS.kind)?.trim() ?? '';
	if (isOneOf(KIND_VALUES, kind)) filters.kind = kind;
	else if (kind !== '')
		problems.push(`“${kind}” is not a kind of group: use crew or congregation.`);

	const mode = params.get(GROUP_FILTER_PARAMS.meetingMode)?.trim() ?? '';
	if (isOneOf(MODE_VALUES, mode)) filters.meetingMode = mode;
	else if (mode !== '') {
		problems.push(`“${mode}” is not a way of meeting: use ${MODE_VALUES.join(', ')}.`);
	}

	const language = params.get(GROUP_FILTER_PARAMS.language)?.trim() ?? '';
	if (language.length > MAX_LANGUAGE_LENGTH) {
		problems.push(`A language is at most ${MAX_LANGUAGE_LENGTH} characters long.`);
	} else if (language !== '') filters.language = language;

	const km = params.get(GROUP_FILTER_PARAMS.withinKm)?.trim() ?? '';
	if (WITHIN_KM_VALUES.includes(Number(km))) filters.withinKm = Number(km);
	else if (km !== '') {
		problems.push(
			`“${km}” is not a distance to look within: use one of ${WITHIN_KM_VALUES.join(', ')} (km).`
		);
	}
	return { filters, problems };
}

/** How many filters narrow the list (a place counts as one). */
export function countGroupFilters(filters: GroupFilters): number {
	return [
		filters.kind,
		filters.seatsOpen,
		filters.forming,
		filters.meetingMode,
		filters.language,
		filters.near
	].filter(Boolean).length;
}
