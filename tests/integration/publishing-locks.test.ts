import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
	closeDatabase,
	groundTruth,
	practitionerAt,
	transactionAs,
	waitingForLock,
	type Point
} from '../support/privacy';
import type { Member } from '../support/supabase';

/**
 * Publishing locks only the places a save leaves and enters (issue 13): a save in one place does
 * not wait for a save in another, and a save that changes who shares a cell waits for the save
 * publishing in that cell. Everyone here lives in Uzbekistan, which no other file uses.
 */

const tashkent: Point = { lat: 41.3112345, lng: 69.2792345 };
const tashkentElsewhere: Point = { lat: 41.3912345, lng: 69.3592345 };
const samarkand: Point = { lat: 39.6542345, lng: 66.9752345 };
const bukhara: Point = { lat: 39.7672345, lng: 64.4232345 };

let mover: Member;
let neighbour: Member;
let faraway: Member;

beforeAll(async () => {
	[mover, neighbour, faraway] = await Promise.all([
		practitionerAt('uz-mover', tashkent),
		practitionerAt('uz-neighbour', { lat: tashkent.lat + 0.002, lng: tashkent.lng + 0.002 }),
		practitionerAt('uz-faraway', samarkand)
	]);
});

afterAll(async () => {
	await closeDatabase();
});

/** A save as PostgREST runs it; `publishNow` then publishes it before its commit, which is held. */
const save = (point: Point): [string, unknown[]] => [
	`select public.save_my_profile('{}'::jsonb, $1, $2)`,
	[point.lat, point.lng]
];
const publishNow: [string] = ['set constraints all immediate'];

describe('saves publishing at the same time', () => {
	it('in different places do not wait; in the cell being published, they wait for it', async () => {
		const moving = await transactionAs(mover);
		expect(await moving.attempt(save(tashkentElsewhere))).toBeNull();
		expect(await moving.attempt(publishNow)).toBeNull();

		// Samarkand, while Tashkent's save holds its places: through at once.
		const away = await transactionAs(faraway);
		expect(await away.attempt(save(bukhara))).toBeNull();
		expect(await away.attempt(publishNow)).toBeNull();
		await away.commit();
		expect((await groundTruth(faraway.id))?.published_cell).not.toBeNull();

		// The neighbour leaves the cell the mover is leaving: that count is the mover's to change
		// first, so the neighbour's publishing waits until the mover's commits.
		const leaving = await transactionAs(neighbour);
		expect(await leaving.attempt(save(bukhara))).toBeNull();
		let settled = false;
		const published = leaving.attempt(publishNow).finally(() => (settled = true));
		while (!settled && !(await waitingForLock(leaving.pid))) {
			await new Promise((resolve) => setTimeout(resolve, 5));
		}
		expect(settled).toBe(false);
		await moving.commit();
		expect(await published).toBeNull();
		await leaving.commit();
		const [moved, left] = await Promise.all([groundTruth(mover.id), groundTruth(neighbour.id)]);
		expect(moved?.exact_lat).toBeCloseTo(tashkentElsewhere.lat, 6);
		expect(left?.exact_lat).toBeCloseTo(bukhara.lat, 6);
	});
});
