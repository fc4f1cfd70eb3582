/**
 * What a gathering's entry and page say about its time and its places: the next time it happens
 * (for a series, the next occurrence not yet over), the rule in words, and how many places are
 * left. Pure, so the list, the page and their tests agree; times go through `time.ts` and
 * `recurrence.ts`.
 */
import { describeRule, occurrences, type Occurrence } from './recurrence';
import { formatWhen } from './time';

/** The fields of a gathering these lines read. */
export interface GatheringTimes {
	starts_at: string;
	ends_at: string;
	time_zone: string;
	all_day: boolean;
	recurrence: string | null;
	cancelled_occurrences: readonly string[] | null;
}

/** How many upcoming occurrences a page lists. */
export const UPCOMING_OCCURRENCES = 6;

/** The occurrences still to come (or going on), at most `limit`, cancelled ones marked. */
export function upcomingOccurrences(
	gathering: GatheringTimes,
	{ now = new Date(), limit = UPCOMING_OCCURRENCES }: { now?: Date; limit?: number } = {}
): Occurrence[] {
	return occurrences(
		{
			recurrence: gathering.recurrence,
			startsAt: gathering.starts_at,
			endsAt: gathering.ends_at,
			timeZone: gathering.time_zone,
			cancelledOccurrences: gathering.cancelled_occurrences
		},
		{ from: now.toISOString(), limit }
	);
}

/**
 * When it happens, in its own zone: the next occurrence that is not cancelled for a series still
 * going, else its first (or only) one.
 */
export function whenLine(gathering: GatheringTimes, now = new Date()): string {
	const next = gathering.recurrence
		? upcomingOccurrences(gathering, { now, limit: 50 }).find(({ cancelled }) => !cancelled)
		: undefined;
	return formatWhen({
		startsAt: next?.startsAt ?? gathering.starts_at,
		endsAt: next?.endsAt ?? gathering.ends_at,
		timeZone: gathering.time_zone,
		allDay: gathering.all_day
	});
}

/** "Every month on the first Tuesday", or null for a one-off. */
export function repeatLine(gathering: GatheringTimes): string | null {
	if (!gathering.recurrence) return null;
	return describeRule(gathering.recurrence, {
		startsAt: gathering.starts_at,
		timeZone: gathering.time_zone
	});
}

/**
 * "12 places left of 80", "Full: new sign-ups join the waitlist", "32 going", or null when
 * nobody has said yet and there is no limit.
 */
export function placesLine({
	capacity,
	going_count
}: {
	capacity: number | null;
	going_count: number;
}): string | null {
	if (capacity === null) return going_count > 0 ? `${going_count} going` : null;
	const left = Math.max(capacity - going_count, 0);
	if (left === 0) return 'Full: new sign-ups join the waitlist';
	return `${left} ${left === 1 ? 'place' : 'places'} left of ${capacity}`;
}

/**
 * Whether it is over: its last occurrence has ended (a series without an end never is), as the
 * database's `audience.gathering_ends` says.
 */
export function hasEnded(
	gathering: Pick<GatheringTimes, 'ends_at' | 'recurrence'> & { repeats_until: string | null },
	now = new Date()
): boolean {
	if (gathering.recurrence && gathering.repeats_until === null) return false;
	return new Date(gathering.repeats_until ?? gathering.ends_at).getTime() < now.getTime();
}

/**
 * The planner's region in words, to finish "the members … who asked to be invited": "within 50
 * km of 52.09, 5.12", "in GB"; null when there is none (or it is not one the planner makes).
 */
export function regionWords(region: unknown): string | null {
	if (typeof region !== 'object' || region === null) return null;
	const { lat, lng, radius_km, country } = region as Record<string, unknown>;
	if (typeof country === 'string') return `in ${country}`;
	if (typeof lat === 'number' && typeof lng === 'number' && typeof radius_km === 'number') {
		return `within ${radius_km} km of ${lat.toFixed(2)}, ${lng.toFixed(2)}`;
	}
	return null;
}
