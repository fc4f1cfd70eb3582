import { fail, redirect } from '@sveltejs/kit';
import {
	parseAlert,
	parseChosenPeople,
	parseRadius,
	startCrewPath,
	type CrewRadar,
	type RadarAlert,
	type RadarHint
} from '$lib/radar/radar';
import { addRadarAlert, listRadarAlerts, readCrewRadar, removeRadarAlert } from '$lib/server/radar';
import { isMember, requireUser } from '$lib/server/visitor';
import { isUuid } from '$lib/uuid';
import type { Actions, PageServerLoad } from './$types';

/** What the page shows: a stranger is told to sign in, a member the radar or what stops it. */
type RadarPage =
	| { kind: 'stranger' }
	| { kind: 'bad-radius'; problem: string }
	| { kind: 'refused'; radiusKm: number; refusal: string; hint: RadarHint | null }
	| { kind: 'radar'; radiusKm: number; radar: CrewRadar; alerts: RadarAlert[] };

export const load: PageServerLoad = async ({ locals, url }) => {
	// Strangers are told what the radar is and to sign in, rather than sent away.
	if (!isMember(locals.user)) return { view: { kind: 'stranger' } as RadarPage };
	const radius = parseRadius(url.searchParams.get('radius'));
	if ('problem' in radius)
		return { view: { kind: 'bad-radius', problem: radius.problem } as RadarPage };
	const [answer, alerts] = await Promise.all([
		readCrewRadar(locals.supabase, radius.radiusKm),
		listRadarAlerts(locals.supabase)
	]);
	const view: RadarPage =
		'radar' in answer
			? { kind: 'radar', radiusKm: radius.radiusKm, radar: answer.radar, alerts }
			: { kind: 'refused', radiusKm: radius.radiusKm, ...answer };
	return { view };
};

export const actions: Actions = {
	startCrew: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const chosen = parseChosenPeople(await request.formData());
		if ('problem' in chosen) {
			return fail(400, { startError: chosen.problem, chosen: chosen.chosen });
		}
		redirect(303, startCrewPath(chosen.ids));
	},
	addAlert: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const posted = parseAlert(await request.formData());
		if ('errors' in posted)
			return fail(400, { alertValues: posted.values, alertErrors: posted.errors });
		const refused = await addRadarAlert(locals.supabase, posted.alert);
		if (refused) {
			return fail(409, {
				alertValues: {
					min_people: String(posted.alert.min_people),
					radius_km: String(posted.alert.radius_km)
				},
				alertErrors: { form: refused.refusal }
			});
		}
		return { status: 'Alert added. We will tell you in your inbox when it comes true.' };
	},
	removeAlert: async ({ locals, url, request }) => {
		requireUser(locals, url);
		const id = String((await request.formData()).get('alert_id') ?? '');
		if (!isUuid(id)) return fail(400, { alertErrors: { form: 'Choose an alert to remove.' } });
		await removeRadarAlert(locals.supabase, id);
		return { status: 'Alert removed.' };
	}
};
