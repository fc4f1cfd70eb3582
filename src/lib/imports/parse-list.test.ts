import { describe, expect, it } from 'vitest';
import { ImportFileError, splitPlace } from './import-row';
import { csvRecords, parseCsv } from './parse-csv';
import { parseMurmurations } from './parse-murmurations';

describe('a CSV list', () => {
	it('gives each person with a point or a place, whatever the columns’ order and case', () => {
		const list = parseCsv(
			[
				'Email,Name,place,LAT,lng,visibility,precision,id',
				'Ann@Example.org,Ann Smith,,52.09,5.12,public,town,a-1',
				'bo@example.org,Bo,"Utrecht, NL",,,,,',
				'cy@example.org,Cy,Bristol,,,Only me,neighborhood,'
			].join('\n')
		);
		expect(list.problems).toEqual([]);
		expect(list.rows).toEqual([
			{
				line: 2,
				name: 'Ann Smith',
				email: 'ann@example.org',
				lat: 52.09,
				lng: 5.12,
				visibility: 'public',
				precision: 'town',
				external_id: 'a-1'
			},
			{ line: 3, name: 'Bo', email: 'bo@example.org', place: 'Utrecht', country: 'NL' },
			{
				line: 4,
				name: 'Cy',
				email: 'cy@example.org',
				place: 'Bristol',
				visibility: 'only_me',
				precision: 'neighbourhood'
			}
		]);
	});

	it('reads quoted fields with commas, quotes and line breaks, and counts lines as a reader does', () => {
		const text =
			'\uFEFFname,email,place,country\r\n"Smith, ""Ann""",ann@example.org,"Washington, D.C.",US\r\n\r\n"Two\nlines",two@example.org,Lyon,\r\nbad,not-an-address,Lyon,FR\r\n';
		const list = parseCsv(text);
		expect(list.rows).toEqual([
			{
				line: 2,
				name: 'Smith, "Ann"',
				email: 'ann@example.org',
				place: 'Washington, D.C.',
				country: 'US'
			},
			{ line: 4, name: 'Two\nlines', email: 'two@example.org', place: 'Lyon' }
		]);
		expect(list.problems).toEqual([
			{ line: 6, message: 'line 6: “not-an-address” is not an email address' }
		]);
	});

	it('names the line and the field of each bad row, and keeps the good ones', () => {
		const list = parseCsv(
			[
				'name,email,lat,lng,visibility,precision',
				'A,a@example.org,91,5,,',
				'B,b@example.org,52,x,,',
				'C,c@example.org,52,,,',
				'D,d@example.org,52,5,friends,',
				'E,e@example.org,52,5,,street',
				',f@example.org,52,5,,',
				'G,,52,5,,',
				'H,h@example.org,,,,',
				'I,i@example.org,-33.9,151.2,members,area'
			].join('\n')
		);
		expect(list.problems.map((problem) => problem.message)).toEqual([
			'line 2: latitude “91” is not a number from -90 to 90',
			'line 3: longitude “x” is not a number from -180 to 180',
			'line 4: a point needs both lat and lng',
			'line 5: visibility “friends” is not one of public, members, crewmates, only_me',
			'line 6: precision “street” is not one of neighbourhood, town, area, region, country',
			'line 7: no name',
			'line 8: no email address: the person cannot be invited',
			'line 9: no place and no coordinates'
		]);
		expect(list.rows.map((row) => row.line)).toEqual([10]);
	});

	it('refuses a file without the columns it needs, naming the ones it has', () => {
		expect(() => parseCsv('name,mail,town\nA,a@example.org,Lyon')).toThrow(
			new ImportFileError('line 1: the header has no email column; it names “name”, “mail”, “town”')
		);
		expect(() => parseCsv('name,email,lat\n')).toThrow(/no place \(or lat and lng\) column/);
		expect(() => parseCsv('')).toThrow(/the file is empty/);
		expect(() => parseCsv('name,email,place\n"A,a@example.org,Lyon\n')).toThrow(
			'line 2: a quoted field is never closed'
		);
	});

	it('splits records on every kind of line ending', () => {
		expect(csvRecords('a,b\rc,d\r\ne,f\n')).toEqual([
			{ line: 1, fields: ['a', 'b'] },
			{ line: 2, fields: ['c', 'd'] },
			{ line: 3, fields: ['e', 'f'] }
		]);
	});
});

describe('a place written with its country', () => {
	it('splits at the last comma only', () => {
		expect(splitPlace('Utrecht, NL')).toEqual({ place: 'Utrecht', country: 'NL' });
		expect(splitPlace('Utrecht')).toEqual({ place: 'Utrecht' });
		expect(splitPlace('Washington, D.C., US')).toEqual({
			place: 'Washington, D.C.',
			country: 'US'
		});
		expect(splitPlace('  ')).toEqual({});
	});
});

describe('Murmurations profiles', () => {
	const profiles = [
		{
			name: 'Ann Smith',
			primary_url: 'https://ann.example.org',
			geolocation: { lat: 52.09, lon: 5.12 },
			contact_details: { email: 'Ann@Example.org' }
		},
		{
			name: 'Bo',
			profile_url: 'https://index.example/profiles/bo.json',
			locality: 'Lyon',
			country_iso_3166: 'FR',
			email: 'bo@example.org'
		},
		{ name: 'Cy', primary_url: 'https://cy.example.org', latitude: -33.9, longitude: 151.2 },
		{ name: 'Di', email: 'di@example.org', geolocation: { lat: 'north', lon: 5 } },
		'not a profile',
		{ name: 'Ed', email: 'ed@example.org', country_name: 'France' }
	];

	it('gives each profile with an address to invite, and reports the others by entry', () => {
		const list = parseMurmurations(JSON.stringify({ data: profiles }));
		expect(list.rows).toEqual([
			{
				line: 1,
				name: 'Ann Smith',
				email: 'ann@example.org',
				lat: 52.09,
				lng: 5.12,
				profile_url: 'https://ann.example.org'
			},
			{
				line: 2,
				name: 'Bo',
				email: 'bo@example.org',
				place: 'Lyon',
				country: 'FR',
				profile_url: 'https://index.example/profiles/bo.json'
			}
		]);
		expect(list.problems).toEqual([
			{
				line: 3,
				message: 'entry 3 (https://cy.example.org): no email address: the person cannot be invited'
			},
			{ line: 4, message: 'entry 4: the point (north, 5) is not a latitude and a longitude' },
			{ line: 5, message: 'entry 5: not a profile (an object)' },
			{ line: 6, message: 'entry 6: no place and no coordinates' }
		]);
	});

	it('takes a bare array as well as an index answer', () => {
		expect(parseMurmurations(JSON.stringify(profiles.slice(0, 1))).rows).toHaveLength(1);
	});

	it('refuses what is not JSON, or not a list of profiles', () => {
		expect(() => parseMurmurations('{"data": [')).toThrow(/^the file is not JSON/);
		expect(() => parseMurmurations('{"items": []}')).toThrow(/neither an array/);
	});
});
