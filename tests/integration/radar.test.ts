import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
	addRadarAlert,
	listRadarAlerts,
	readCrewRadar,
	removeRadarAlert
} from '../../src/lib/server/radar';
import { memberWithProfile } from '../support/supabase';

/**
 * What the radar page reads and does (`$lib/server/radar`), through the public key as members.
 * Everyone here lives around Nuuk, Greenland, which no other test uses, so the counts are exact.
 */

const token = `radar-${randomUUID().slice(0, 8)}`;
const nuuk = { lat: 64.1814, lng: -51.6941 };
const nearNuuk = { lat: 64.19, lng: -51.7 };
// About 60 km up the coast: outside 25 km, inside 100.
const upTheCoast = { lat: 64.7, lng: -51.3 };

function openToCrewing(name: string, at?: { lat: number; lng: number }) {
	return memberWithProfile(
		name,
		{ display_name: `${name} ${token}`, visibility: 'members', open_to: ['crewing'] },
		at
	);
}

describe('the crew radar', () => {
	it('counts the people open to crewing within the radius, by place and by name', async () => {
		const seeker = await openToCrewing('seeker', nuuk);
		const near = await Promise.all([
			openToCrewing('near1', nearNuuk),
			openToCrewing('near2', nearNuuk),
			openToCrewing('near3', nuuk)
		]);
		const far = await openToCrewing('far', upTheCoast);
		await memberWithProfile(
			'not-crewing',
			{ display_name: `not-crewing ${token}`, visibility: 'members', open_to: ['gatherings'] },
			nuuk
		);

		const close = await readCrewRadar(seeker.client, 25);
		if (!('radar' in close)) throw new Error(`Refused: ${close.refusal}`);
		expect(close.radar.total).toBe(3);
		expect(close.radar.cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(3);
		expect(close.radar.people.map((person) => person.id).sort()).toEqual(
			near.map((person) => person.id).sort()
		);
		expect(close.radar.people[0].display_name).toMatch(token);

		const wide = await readCrewRadar(seeker.client, 100);
		if (!('radar' in wide)) throw new Error(`Refused: ${wide.refusal}`);
		expect(wide.radar.total).toBe(4);
		expect(wide.radar.people.map((person) => person.id)).toContain(far.id);
	});

	it('tells someone not open to crewing to say so in their profile', async () => {
		const member = await memberWithProfile(
			'closed',
			{ display_name: `closed ${token}`, open_to: [] },
			nuuk
		);

		const answer = await readCrewRadar(member.client, 25);

		expect(answer).toEqual({
			refusal: expect.stringMatching(/open to crewing/),
			hint: 'not_open_to_crewing'
		});
	});

	it('tells someone not on the map to put themselves on it', async () => {
		const member = await openToCrewing('unplaced');

		expect(await readCrewRadar(member.client, 25)).toEqual({
			refusal: expect.stringMatching(/Put yourself on the map/),
			hint: 'no_place'
		});
	});
});

describe('radar alerts', () => {
	it('are added, listed and removed by their owner only', async () => {
		const owner = await openToCrewing('owner', nuuk);
		const other = await openToCrewing('other', nuuk);

		expect(await addRadarAlert(owner.client, { min_people: 4, radius_km: 50 })).toBeNull();
		const [alert] = await listRadarAlerts(owner.client);
		expect(alert).toMatchObject({ min_people: 4, radius_km: 50, fired_at: null });
		expect(await listRadarAlerts(other.client)).toEqual([]);

		await removeRadarAlert(other.client, alert.id);
		expect(await listRadarAlerts(owner.client)).toHaveLength(1);
		await removeRadarAlert(owner.client, alert.id);
		expect(await listRadarAlerts(owner.client)).toEqual([]);
	});

	it('are refused past five waiting, with the database’s reason', async () => {
		const owner = await openToCrewing('keen', nuuk);
		for (const radius_km of [10, 25, 50, 100, 200]) {
			expect(await addRadarAlert(owner.client, { min_people: 3, radius_km })).toBeNull();
		}

		expect(await addRadarAlert(owner.client, { min_people: 3, radius_km: 30 })).toEqual({
			refusal: 'You have five alerts waiting already: remove one first.'
		});
		expect(await listRadarAlerts(owner.client)).toHaveLength(5);
	});
});
