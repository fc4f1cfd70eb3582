import { describe, expect, it, vi } from 'vitest';
import { loneUtrechtLabels, utrechtLabels } from './factories';
import { PreviewPlace, squaresAround } from './preview-place.svelte';

const utrecht = { lat: 52.0907, lng: 5.1214 };

/** A lookup whose answers the test hands out, in any order. */
function deferredLookUp() {
	const answers: ((labels: ReturnType<typeof utrechtLabels>) => void)[] = [];
	const lookUp = vi.fn(
		() => new Promise<ReturnType<typeof utrechtLabels>>((resolve) => answers.push(resolve))
	);
	return { lookUp, answers };
}

describe('PreviewPlace', () => {
	it('starts from the point and labels the form was given', () => {
		const labels = utrechtLabels();
		const place = new PreviewPlace({ point: utrecht, source: null, labels });

		expect(place.point).toEqual(utrecht);
		expect(place.labels).toBe(labels);
		expect(place.pending).toBe(false);
	});

	it('looks up the labels of a newly chosen point, pending until they come', async () => {
		const { lookUp, answers } = deferredLookUp();
		const place = new PreviewPlace({ point: null, source: null, labels: null });

		const chosen = place.choose({ ...utrecht, source: 'map' }, lookUp);
		expect(place.point).toEqual(utrecht);
		expect(place.source).toBe('map');
		expect(place.pending).toBe(true);
		answers[0](utrechtLabels());
		await chosen;

		expect(lookUp).toHaveBeenCalledExactlyOnceWith(utrecht);
		expect(place.labels).toEqual(utrechtLabels());
		expect(place.pending).toBe(false);
	});

	it('keeps only the answer for the latest point when lookups overlap', async () => {
		const { lookUp, answers } = deferredLookUp();
		const place = new PreviewPlace({ point: null, source: null, labels: null });

		const first = place.choose({ lat: 1, lng: 1, source: 'map' }, lookUp);
		const second = place.choose({ ...utrecht, source: 'search' }, lookUp);
		answers[1](utrechtLabels());
		await second;
		answers[0]([]);
		await first;

		expect(place.point).toEqual(utrecht);
		expect(place.labels).toEqual(utrechtLabels());
	});

	it('has no labels for a point it cannot look up', async () => {
		vi.spyOn(console, 'warn').mockImplementation(() => {});
		const place = new PreviewPlace({ point: utrecht, source: null, labels: utrechtLabels() });

		await place.choose({ lat: 1, lng: 1, source: 'device' }, () =>
			Promise.reject(new Error('down'))
		);
		expect(place.labels).toBeNull();
		expect(place.pending).toBe(false);

		await place.choose({ ...utrecht, source: 'map' });
		expect(place.labels).toBeNull();
	});
});

describe('squaresAround', () => {
	const audiences = (squares: ReturnType<typeof squaresAround>) =>
		squares?.features.map(({ properties }) => properties);

	it('draws nothing without a point, or for a profile only its owner sees', () => {
		expect(squaresAround({ point: null, precision: 'town', visibility: 'public' })).toBeUndefined();
		expect(
			squaresAround({ point: utrecht, precision: 'town', visibility: 'only_me' })
		).toBeUndefined();
	});

	it('draws the members’ square alone for a profile strangers do not see', () => {
		const squares = audiences(
			squaresAround({ point: utrecht, precision: 'town', visibility: 'members' })
		);
		expect(squares).toHaveLength(1);
		expect(squares?.[0]).toMatchObject({ audience: 'members', cell: expect.any(String) });
		expect(squares?.[0].cell).toHaveLength(13);
	});

	it('draws strangers a square no finer than the area, holding the members’ square', () => {
		const [strangers, members] = audiences(
			squaresAround({ point: utrecht, precision: 'town', visibility: 'public' })
		)!;
		expect(strangers.audience).toBe('strangers');
		expect(strangers.cell).toHaveLength(11);
		expect(members.cell.startsWith(strangers.cell)).toBe(true);
	});

	describe('with the point’s labels', () => {
		it('draws the database’s cells: strangers’ coarsened by the k = 3 rule', () => {
			const [strangers, members] = audiences(
				squaresAround({
					point: utrecht,
					labels: loneUtrechtLabels(),
					precision: 'town',
					visibility: 'public'
				})
			)!;
			expect(strangers).toMatchObject({ audience: 'strangers', cell: '120202111' });
			expect(members).toMatchObject({ audience: 'members', cell: '1202021112320' });
		});

		it('draws no strangers’ square where strangers would not see the place', () => {
			const squares = audiences(
				squaresAround({
					point: utrecht,
					labels: loneUtrechtLabels({ inCountry: false }),
					precision: 'town',
					visibility: 'public'
				})
			);
			expect(squares?.map(({ audience }) => audience)).toEqual(['members']);
		});
	});
});
