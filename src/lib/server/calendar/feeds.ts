import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { LatLng } from '$lib/geo/cells';
import { hasEnded } from '$lib/gatherings/gathering-lines';
import { addDays } from '$lib/gatherings/time';
import { isUuid } from '$lib/uuid';
import { selectOf } from '../columns';
import { QueryError } from '../query-error';
import type { CalendarGathering, CalendarVenue } from './build-calendar';
import type { FeedQuery } from './feed-query';

/**
 * The gatherings each calendar file holds. Row-level security and the database's functions decide
 * who sees what; these only ask:
 *
 * - one gathering's file, with the visitor's own client: its venue only where they may read it;
 * - the public feed, with an anonymous client (whoever asks): public gatherings, never a venue;
 * - the private feed, with an anonymous client and the token: the token owner's gatherings, with
 *   the venue where the owner may read it (calendar_feed_by_token).
 */
type Client = SupabaseClient<Database>;

// updated_at is not readable through the table; the private feed's function gives it.
const CALENDAR_COLUMNS = [
	'id',
	'kind',
	'name',
	'description',
	'status',
	'starts_at',
	'ends_at',
	'time_zone',
	'all_day',
	'recurrence',
	'cancelled_occurrences',
	'meeting_mode',
	'area_label'
] as const;

const feedLimits = {
	/** gathering_page's largest page. */
	pageSize: 100,
	/** A feed of more upcoming gatherings than this is too big for a calendar app anyway. */
	maxUpcoming: 500,
	/**
	 * Gatherings that ended this recently stay in the feed: a calendar app deletes what leaves a
	 * subscribed feed, and people look back at last month.
	 */
	pastDays: 90,
	/** Ids per `in (...)` filter, to keep the request URL short. */
	idsPerRead: 100
};

function venueOf(row: {
	address: string | null;
	venue_lat: number | null;
	venue_lng: number | null;
	online_url: string | null;
}): CalendarVenue | null {
	// An online gathering's venue has an empty address; an in-person one may have no link.
	if (!row.address && !row.online_url) return null;
	return {
		address: row.address,
		lat: row.venue_lat,
		lng: row.venue_lng,
		online_url: row.online_url
	};
}

/**
 * One gathering as its own calendar file, or null when the visitor may not see it. Only a
 * signed-in visitor asks for the venue: anonymous callers have no grant on venues at all.
 */
export async function readGatheringCalendar(
	supabase: Client,
	id: string,
	{ signedIn }: { signedIn: boolean }
): Promise<CalendarGathering | null> {
	if (!isUuid(id)) return null;
	const [gathering, venue] = await Promise.all([
		supabase.from('gatherings').select(selectOf(CALENDAR_COLUMNS)).eq('id', id).maybeSingle(),
		signedIn
			? supabase
					.from('gathering_venues')
					.select('address, lat, lng, online_url')
					.eq('gathering_id', id)
					.maybeSingle()
			: { data: null, error: null }
	]);
	if (gathering.error) throw new QueryError('read the gathering', gathering.error);
	if (venue.error) throw new QueryError('read the gathering’s venue', venue.error);
	if (!gathering.data) return null;
	return { ...gathering.data, venue: venue.data };
}

async function pageIds(
	supabase: Client,
	args: { near: LatLng | null; withinKm: number; filters: Record<string, unknown>; max: number }
): Promise<string[]> {
	const ids: string[] = [];
	for (let page = 1; ids.length < args.max; page++) {
		const { data, error } = await supabase.rpc('gathering_page', {
			page,
			page_size: feedLimits.pageSize,
			near_lat: args.near?.lat,
			near_lng: args.near?.lng,
			within_km: args.near ? args.withinKm : undefined,
			filters: args.filters as Database['public']['Functions']['gathering_page']['Args']['filters']
		});
		if (error) throw new QueryError('list the gatherings', error);
		const { total, items } = data as { total: number; items: { id: string }[] };
		ids.push(...items.map((item) => item.id));
		if (items.length < feedLimits.pageSize || ids.length >= total) break;
	}
	return ids.slice(0, args.max);
}

async function readByIds(supabase: Client, ids: string[]): Promise<CalendarGathering[]> {
	const rows: CalendarGathering[] = [];
	for (let start = 0; start < ids.length; start += feedLimits.idsPerRead) {
		const { data, error } = await supabase
			.from('gatherings')
			.select(selectOf(CALENDAR_COLUMNS))
			.in('id', ids.slice(start, start + feedLimits.idsPerRead));
		if (error) throw new QueryError('read the gatherings', error);
		rows.push(...data);
	}
	const order = new Map(ids.map((id, index) => [id, index]));
	return rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
}

/**
 * The public feed: what the gatherings list shows an anonymous visitor for these filters, the
 * upcoming ones and those of the last few months. `supabase` must be anonymous (see
 * `createAnonymousClient`), so a member's own view never lands in a URL anyone can share.
 */
export async function readPublicFeed(
	supabase: Client,
	{ query, near, now = new Date() }: { query: FeedQuery; near: LatLng | null; now?: Date }
): Promise<CalendarGathering[]> {
	const filters = {
		...(query.kinds.length > 0 ? { kinds: query.kinds } : {}),
		...(query.country ? { country: query.country } : {})
	};
	const since = addDays(now.toISOString().slice(0, 10), -feedLimits.pastDays);
	const [upcoming, past] = await Promise.all([
		pageIds(supabase, {
			near,
			withinKm: query.withinKm,
			filters: { ...filters, when: 'upcoming' },
			max: feedLimits.maxUpcoming
		}),
		pageIds(supabase, {
			near,
			withinKm: query.withinKm,
			filters: { ...filters, when: 'past', from: since },
			max: feedLimits.pageSize
		})
	]);
	return readByIds(supabase, [...past.reverse(), ...upcoming]);
}

/**
 * The private feed of whoever holds `token`: what they host or go to that is upcoming or ended in
 * the last few months, as in the public feed; empty for a token that is unknown or revoked.
 */
export async function readPrivateFeed(
	supabase: Client,
	token: string,
	now: Date = new Date()
): Promise<CalendarGathering[] | null> {
	if (!isUuid(token)) return null;
	const { data, error } = await supabase.rpc('calendar_feed_by_token', { token });
	if (error) throw new QueryError('read the calendar feed', error);
	const since = new Date(now.getTime() - feedLimits.pastDays * 86_400_000);
	return data
		.filter((gathering) => !hasEnded(gathering, since))
		.map(({ address, venue_lat, venue_lng, online_url, ...gathering }) => ({
			...gathering,
			venue: venueOf({ address, venue_lat, venue_lng, online_url })
		}));
}
