import { describe, expect, it } from 'vitest';
import { place } from './factories';
import { placeName } from './places';

describe('placeName', () => {
	it('names a place by its name and country', () => {
		expect(placeName(place())).toBe('Utrecht, Netherlands');
	});

	it('adds the region where the country has another place of that name', () => {
		const bristol = place({ name: 'Bristol', region: 'TN', country_name: 'United States' });
		expect(placeName(bristol)).toBe('Bristol, TN, United States');
	});

	it('is the name alone when the country is not known', () => {
		expect(placeName(place({ country_name: '' }))).toBe('Utrecht');
	});
});
