import type { SupabaseClient } from '@supabase/supabase-js';
import type { Database } from '$lib/database.types';
import type { CrewRadar, RadarAlert, RadarHint } from '$lib/radar/radar';
import { QueryError, refusalOf } from './query-error';

/**
 * The crew radar and its alerts, with the visitor's own request-scoped client: `crew_radar` counts
 * through the visitor's own row-level security, and radar alerts are their owner's only.
 */
type Client = SupabaseClient<Database>;

const HINTS: readonly RadarHint[] = ['not_open_to_crewing', 'no_place'];

/**
 * The radar at this radius, or why it cannot count for this visitor yet: the database's message,
 * and its hint when the visitor can do something about it (say they are open to crewing, put
 * themselves on the map).
 */
export async function readCrewRadar(
	supabase: Client,
	radiusKm: number
): Promise<{ radar: CrewRadar } | { refusal: string; hint: RadarHint | null }> {
	const { data, error } = await supabase.rpc('crew_radar', { radius_km: radiusKm });
	if (error) {
		const refusal = refusalOf('read the crew radar', error);
		const hint = HINTS.find((each) => each === error.hint) ?? null;
		return { refusal, hint };
	}
	return { radar: data as unknown as CrewRadar };
}

const ALERT_COLUMNS = 'id, min_people, radius_km, created_at, fired_at';

/** The visitor's radar alerts, waiting ones first, newest first. */
export async function listRadarAlerts(supabase: Client): Promise<RadarAlert[]> {
	const { data, error } = await supabase
		.from('radar_alerts')
		.select(ALERT_COLUMNS)
		.order('fired_at', { ascending: false, nullsFirst: true })
		.order('created_at', { ascending: false });
	if (error) throw new QueryError('read your radar alerts', error);
	return data;
}

/** PostgreSQL's code for a trigger's refusal: here, a sixth waiting alert. */
const REFUSED = 'P0001';

/** Adds a standing alert; the refusal's words when the database refuses it (too many waiting). */
export async function addRadarAlert(
	supabase: Client,
	alert: { min_people: number; radius_km: number }
): Promise<{ refusal: string } | null> {
	const { error } = await supabase.from('radar_alerts').insert(alert);
	if (error?.code === REFUSED) return { refusal: error.message };
	if (error) throw new QueryError('add your radar alert', error);
	return null;
}

/** Removes one of the visitor's alerts (row-level security keeps it to their own). */
export async function removeRadarAlert(supabase: Client, id: string): Promise<void> {
	const { error } = await supabase.from('radar_alerts').delete().eq('id', id);
	if (error) throw new QueryError('remove your radar alert', error);
}
