import { describe, expect, it } from 'vitest';
import { profileFormData } from './factories';
import {
	EMPTY_PROFILE_FORM,
	chosenPrivacy,
	formValuesFromProfile,
	isProfileId,
	locationSourceOf,
	pointFromText,
	readProfileForm,
	type ProfileChanges
} from './validation';

/** The fields of a form as a browser posts them: repeated names for checkboxes. */
type Fields = Record<string, string | string[]>;

/** A form as a browser posts it, with a name and the privacy defaults unless told otherwise. */
const form = (fields: Fields) => profileFormData(fields);

/** `count` numbered lines or tags: `tag 0`, `tag 1`, ... */
function numbered(count: number, word: string): string[] {
	return Array.from({ length: count }, (_, i) => `${word} ${i}`);
}

const LATITUDE_RANGE = 'Latitude must be a number from -90 to 90, like 52.09.';
const LONGITUDE_RANGE = 'Longitude must be a number from -180 to 180, like 5.12.';

function errorsOf(fields: Fields) {
	const result = readProfileForm(form(fields));
	if (result.ok) throw new Error('expected the form to be refused');
	return result.errors;
}

function valueOf(fields: Fields) {
	const result = readProfileForm(form(fields));
	if (!result.ok) throw new Error(`expected the form to pass: ${JSON.stringify(result.errors)}`);
	return result.value;
}

describe('readProfileForm', () => {
	describe('with every field filled in well', () => {
		it('gives the profile changes and the point', () => {
			expect(
				valueOf({
					display_name: '  Ada   Fernhill ',
					bio: ' Hosting a crew of parents. ',
					lat: '52.0907',
					lng: '5.1214',
					location_source: 'map',
					precision: 'town',
					visibility: 'public',
					interests: 'gardening, Mutual aid,, gardening , choirs',
					practices: ['crewing', 'facilitation'],
					pathway_stage: 'hosting',
					open_to: ['crewing', 'gatherings'],
					offers: 'Childcare swaps\n\n  Bike repair  \r\nA spare room',
					needs: 'Someone to co-host',
					pronouns: 'she/her',
					languages: 'Dutch, English',
					website: 'https://ada.example.org/about',
					discord_handle: '@ada_fernhill'
				})
			).toEqual({
				profile: {
					display_name: 'Ada Fernhill',
					bio: 'Hosting a crew of parents.',
					pronouns: 'she/her',
					languages: ['Dutch', 'English'],
					interests: ['gardening', 'Mutual aid', 'choirs'],
					practices: ['crewing', 'facilitation'],
					pathway_stage: 'hosting',
					open_to: ['crewing', 'gatherings'],
					offers: ['Childcare swaps', 'Bike repair', 'A spare room'],
					needs: ['Someone to co-host'],
					website: 'https://ada.example.org/about',
					discord_handle: 'ada_fernhill',
					visibility: 'public',
					precision: 'town'
				},
				location: { lat: 52.0907, lng: 5.1214 }
			});
		});
	});

	describe('with only a name', () => {
		it('saves empty lists and nulls, and leaves the location alone', () => {
			expect(valueOf({})).toEqual({
				profile: {
					display_name: 'Ada Fernhill',
					bio: '',
					pronouns: null,
					languages: [],
					interests: [],
					practices: [],
					pathway_stage: null,
					open_to: [],
					offers: [],
					needs: [],
					website: null,
					discord_handle: null,
					visibility: 'members',
					precision: 'area'
				},
				location: null
			});
		});
	});

	it('counts an emoji in the name as one character', () => {
		expect(valueOf({ display_name: '🌱'.repeat(80) }).profile.display_name).toHaveLength(160);
	});

	describe('the point', () => {
		it('reads a decimal comma and a typographic minus', () => {
			expect(valueOf({ lat: '52,09', lng: '−0.5' }).location).toEqual({ lat: 52.09, lng: -0.5 });
		});

		it('accepts the edges of the world', () => {
			expect(valueOf({ lat: '-90', lng: '180' }).location).toEqual({ lat: -90, lng: 180 });
		});

		it('needs both coordinates', () => {
			expect(errorsOf({ lat: '52.09' })).toEqual({
				lng: 'Enter a longitude as well as the latitude, or pick the place on the map.'
			});
			expect(errorsOf({ lng: '5.12' })).toEqual({
				lat: 'Enter a latitude as well as the longitude, or pick the place on the map.'
			});
		});

		it('refuses coordinates off the Earth or that are not numbers', () => {
			expect(errorsOf({ lat: '91', lng: '5' })).toEqual({ lat: LATITUDE_RANGE });
			expect(errorsOf({ lat: '52', lng: '180.5' })).toEqual({ lng: LONGITUDE_RANGE });
			expect(errorsOf({ lat: 'Utrecht', lng: '5e2' })).toEqual({
				lat: LATITUDE_RANGE,
				lng: LONGITUDE_RANGE
			});
		});
	});

	it('saves a website with a lower-case scheme, which the database insists on', () => {
		expect(valueOf({ website: 'HTTPS://Ada.example.org/Page' }).profile.website).toBe(
			'https://Ada.example.org/Page'
		);
	});

	it('refuses a precision and a visibility that are not among the choices', () => {
		expect(errorsOf({ precision: 'street', visibility: '' })).toEqual({
			precision: 'Choose how precisely to show where you are.',
			visibility: 'Choose who can see your profile.'
		});
	});

	it('refuses practices, stages and openness that are not on the list', () => {
		expect(
			errorsOf({ practices: ['crewing', 'juggling'], pathway_stage: 'master', open_to: ['dating'] })
		).toEqual({
			practices: 'Choose practices from the list.',
			pathway_stage: 'Choose a stage from the list, or none.',
			open_to: 'Choose what you are open to from the list.'
		});
	});

	/** For each field, values it refuses on their own, and the error it gives for each. */
	const refusals: Record<string, [value: string, error: string][]> = {
		display_name: [
			['   ', 'Enter your name, or the name you go by.'],
			['a'.repeat(81), 'Your name can be at most 80 characters long (it has 81).']
		],
		bio: [
			['x'.repeat(281), 'The line about yourself can be at most 280 characters long (it has 281).']
		],
		interests: [
			[
				numbered(21, 'tag').join(', '),
				'Add at most 20 interests, separated by commas (you have 21).'
			],
			[
				`choirs, ${'long '.repeat(9)}`,
				'Each interest can be at most 40 characters long: “long long long long long…” has 44.'
			]
		],
		languages: [
			[
				'Dutch, English, German, French, Frisian, Welsh, Irish, Basque, Catalan, Sami, Maori',
				'Add at most 10 languages, separated by commas (you have 11).'
			]
		],
		needs: [
			[numbered(11, 'need').join('\n'), 'List at most 10 needs, one per line (you have 11).']
		],
		offers: [
			[
				`Bike repair\n${'x'.repeat(121)}`,
				'Each offer can be at most 120 characters long: line 2 has 121.'
			]
		],
		pronouns: [['x'.repeat(41), 'Pronouns can be at most 40 characters long (it has 41).']],
		website: [
			['ada.example.org', 'Start the website address with https://, like https://example.org.'],
			['javascript:alert(1)', 'A website address starts with https:// or http://.'],
			['https://localhost', 'Enter a website address like https://example.org.'],
			[
				`https://example.org/${'a'.repeat(181)}`,
				'A website address can be at most 200 characters long (it has 201).'
			]
		],
		discord_handle: [
			['ada fernhill', 'A Discord handle has no spaces in it, like ada_fernhill.'],
			['a'.repeat(41), 'A Discord handle can be at most 40 characters long (it has 41).']
		]
	};

	it.each(
		Object.entries(refusals).flatMap(([field, cases]) =>
			cases.map(([value, error]) => ({ field, value, error }))
		)
	)('refuses a $field, saying “$error”', ({ field, value, error }) => {
		expect(errorsOf({ [field]: value })).toEqual({ [field]: error });
	});

	describe('when the form is refused', () => {
		it('gives back everything that was typed, untouched', () => {
			const typed = {
				display_name: '',
				bio: '  my bio  ',
				lat: '52.09',
				lng: 'east',
				location_source: 'map',
				place_query: 'Utre',
				practices: ['crewing', 'mentoring'],
				offers: 'one\ntwo',
				website: 'nope'
			};
			const result = readProfileForm(form(typed));
			expect(result.ok).toBe(false);
			expect(result.values).toEqual({
				...EMPTY_PROFILE_FORM,
				precision: 'area',
				visibility: 'members',
				...typed
			});
		});
	});
});

describe('locationSourceOf', () => {
	it('knows the search, the map and the device, and nothing else', () => {
		expect(locationSourceOf({ location_source: 'search' })).toBe('search');
		expect(locationSourceOf({ location_source: 'device' })).toBe('device');
		expect(locationSourceOf({ location_source: '' })).toBeNull();
		expect(locationSourceOf({ location_source: 'satellite' })).toBeNull();
	});
});

describe('chosenPrivacy', () => {
	it('reads the choices the form holds', () => {
		expect(chosenPrivacy({ precision: 'town', visibility: 'public' })).toEqual({
			precision: 'town',
			visibility: 'public'
		});
	});

	it('shows a value it does not know as the new profile’s default', () => {
		expect(chosenPrivacy({ precision: 'street', visibility: '' })).toEqual({
			precision: 'area',
			visibility: 'members'
		});
	});
});

describe('pointFromText', () => {
	it('reads the coordinates as the form reads them when it saves', () => {
		expect(pointFromText({ lat: ' 52,09 ', lng: '−0.5' })).toEqual({ lat: 52.09, lng: -0.5 });
		expect(pointFromText({ lat: '-90', lng: '180' })).toEqual({ lat: -90, lng: 180 });
	});

	it('has no point while either field is empty, off the Earth or not a number', () => {
		expect(pointFromText({ lat: '', lng: '5.12' })).toBeNull();
		expect(pointFromText({ lat: '52.09', lng: ' ' })).toBeNull();
		expect(pointFromText({ lat: '91', lng: '5' })).toBeNull();
		expect(pointFromText({ lat: '52', lng: '180.5' })).toBeNull();
		expect(pointFromText({ lat: '52', lng: '5e2' })).toBeNull();
	});
});

describe('formValuesFromProfile', () => {
	it('fills the form from a saved profile, lists as the form writes them', () => {
		const profile: ProfileChanges = {
			display_name: 'Ada',
			bio: 'Hi',
			pronouns: null,
			languages: ['Dutch', 'English'],
			interests: ['choirs', 'gardening'],
			practices: ['crewing'],
			pathway_stage: null,
			open_to: ['mentoring'],
			offers: ['Bike repair', 'Soup'],
			needs: [],
			website: null,
			discord_handle: 'ada',
			visibility: 'public',
			precision: 'town'
		};
		expect(formValuesFromProfile(profile, { lat: 52.09, lng: 5.12 })).toEqual({
			...EMPTY_PROFILE_FORM,
			display_name: 'Ada',
			bio: 'Hi',
			lat: '52.09',
			lng: '5.12',
			precision: 'town',
			visibility: 'public',
			interests: 'choirs, gardening',
			practices: ['crewing'],
			open_to: ['mentoring'],
			offers: 'Bike repair\nSoup',
			languages: 'Dutch, English',
			discord_handle: 'ada'
		});
	});

	it('reads back as the same profile', () => {
		const profile: ProfileChanges = {
			display_name: 'Bram',
			bio: '',
			pronouns: 'he/him',
			languages: [],
			interests: ['a', 'b'],
			practices: [],
			pathway_stage: 'weaving',
			open_to: [],
			offers: [],
			needs: ['A lift'],
			website: 'https://bram.example.org',
			discord_handle: null,
			visibility: 'crewmates',
			precision: 'country'
		};
		const values = formValuesFromProfile(profile, null);
		const data = new FormData();
		for (const [name, value] of Object.entries(values)) {
			for (const item of Array.isArray(value) ? value : [value]) data.append(name, item);
		}
		expect(readProfileForm(data)).toMatchObject({ ok: true, value: { profile, location: null } });
	});
});

describe('isProfileId', () => {
	it('accepts a UUID in either case and nothing else', () => {
		expect(isProfileId('00000000-0000-4000-8000-000000000001')).toBe(true);
		expect(isProfileId('0000000A-0000-4000-8000-00000000000B')).toBe(true);
		expect(isProfileId('00000000-0000-4000-8000-00000000000')).toBe(false);
		expect(isProfileId('me')).toBe(false);
		expect(isProfileId('00000000-0000-4000-8000-000000000001 ')).toBe(false);
	});
});
