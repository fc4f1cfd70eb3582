import type { SupabaseClient } from '@supabase/supabase-js';
import { describe, expect, it, vi } from 'vitest';
import type { Database } from '$lib/database.types';
import { place, profileFormData, utrechtLabels } from '$lib/people/factories';
import { EMPTY_PROFILE_FORM } from '$lib/people/validation';
import { findPlaceForForm, usePlaceForForm } from './profile-form';

/** A client whose RPCs answer as the database would; nothing else is called. */
function clientAnswering(answers: Record<string, unknown>) {
	const rpc = vi.fn(async (name: string) => ({ data: answers[name], error: null }));
	return { client: { rpc } as unknown as SupabaseClient<Database>, rpc };
}

function form(fields: Record<string, string>): FormData {
	return profileFormData({ display_name: 'Ada', ...fields });
}

describe('findPlaceForForm (the search without JavaScript)', () => {
	it('answers with the places found and everything typed', async () => {
		const { client, rpc } = clientAnswering({ search_places: [place()] });

		const answer = await findPlaceForForm(client, form({ place_query: ' Utrec ', bio: 'Hi' }));

		expect(rpc).toHaveBeenCalledExactlyOnceWith('search_places', {
			query: 'Utrec',
			max_results: 8
		});
		expect(answer).toEqual({
			values: {
				...EMPTY_PROFILE_FORM,
				display_name: 'Ada',
				bio: 'Hi',
				place_query: ' Utrec '
			},
			placeLabels: null,
			placeResults: [place()]
		});
	});

	it('asks for more letters, keeping what was typed', async () => {
		const { client, rpc } = clientAnswering({});

		const answer = await findPlaceForForm(client, form({ place_query: 'U', bio: 'Hi' }));

		expect(rpc).not.toHaveBeenCalled();
		expect(answer).toMatchObject({
			status: 400,
			data: {
				values: { bio: 'Hi', place_query: 'U' },
				errors: { place_query: 'Type at least 2 letters of a place name to search.' }
			}
		});
	});

	it('says when nothing matches', async () => {
		const { client } = clientAnswering({ search_places: [] });

		expect(await findPlaceForForm(client, form({ place_query: 'Xyzzy' }))).toMatchObject({
			status: 404,
			data: {
				errors: {
					place_query:
						'No places found for “Xyzzy”. Check the spelling, or try a bigger town nearby.'
				}
			}
		});
	});
});

describe('usePlaceForForm (choosing a result without JavaScript)', () => {
	it('puts the place’s point in the form, from the search, with its labels', async () => {
		const { client, rpc } = clientAnswering({ place_labels_for: utrechtLabels() });

		const answer = await usePlaceForForm(
			client,
			form({
				use_place: '52.09083,5.12222,Utrecht, Netherlands',
				place_query: 'Utrec',
				lat: '1',
				lng: '2',
				location_source: 'map',
				interests: 'choirs'
			})
		);

		expect(rpc).toHaveBeenCalledExactlyOnceWith('place_labels_for', {
			lat: 52.09083,
			lng: 5.12222
		});
		expect(answer).toEqual({
			values: {
				...EMPTY_PROFILE_FORM,
				display_name: 'Ada',
				interests: 'choirs',
				lat: '52.09083',
				lng: '5.12222',
				location_source: 'search',
				place_name: 'Utrecht, Netherlands',
				place_query: ''
			},
			placeLabels: utrechtLabels()
		});
	});

	it('refuses a chosen place that is not a point, keeping the form', async () => {
		const { client } = clientAnswering({});

		expect(
			await usePlaceForForm(client, form({ use_place: '95,5,Nowhere', interests: 'choirs' }))
		).toMatchObject({
			status: 400,
			data: {
				values: { interests: 'choirs' },
				errors: { place_query: 'Choose one of the places found, or search again.' }
			}
		});
	});
});
