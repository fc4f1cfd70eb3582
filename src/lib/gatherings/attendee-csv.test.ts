import { describe, expect, it } from 'vitest';
import { attendeesCsv, csvField, csvFileName } from './attendee-csv';

describe('csvField', () => {
	it('leaves plain text as it is', () => {
		expect(csvField('Ada Fernhill')).toBe('Ada Fernhill');
	});

	it('quotes commas, quotes and line breaks', () => {
		expect(csvField('near Ghent, BE')).toBe('"near Ghent, BE"');
		expect(csvField('Ada "the host"')).toBe('"Ada ""the host"""');
		expect(csvField('two\nlines')).toBe('"two\nlines"');
	});

	it('keeps a spreadsheet from reading a name as a formula', () => {
		expect(csvField('=HYPERLINK("http://evil.example")')).toBe(
			'"\'=HYPERLINK(""http://evil.example"")"'
		);
		expect(csvField('+31 6 1234')).toBe("'+31 6 1234");
		expect(csvField('@ada')).toBe("'@ada");
	});
});

describe('attendeesCsv', () => {
	it('writes a header and a line per person, as the host may see them, with CRLF', () => {
		const csv = attendeesCsv([
			{
				display_name: 'Ada Fernhill',
				place_label: 'near Bristol, GB',
				answer: 'going',
				state: 'confirmed',
				responded_at: '2027-05-01T09:30:12Z',
				is_host: true
			},
			{
				display_name: null,
				place_label: null,
				answer: 'going',
				state: 'waitlisted',
				responded_at: '2027-05-02T18:00:00Z',
				is_host: false
			},
			{
				display_name: 'Bo',
				place_label: 'near Ghent, BE',
				answer: 'interested',
				state: null,
				responded_at: '2027-05-03T08:00:00Z',
				is_host: false
			}
		]);
		expect(csv).toBe(
			[
				'Name,Place,Answer,Host,Answered at (UTC)',
				'Ada Fernhill,"near Bristol, GB",Going,yes,2027-05-01 09:30',
				'Someone who keeps their profile private,,On the waitlist,no,2027-05-02 18:00',
				'Bo,"near Ghent, BE",Interested,no,2027-05-03 08:00',
				''
			].join('\r\n')
		);
	});
});

describe('csvFileName', () => {
	it('names the file after the gathering, in plain letters', () => {
		expect(csvFileName('Été Camp: Île-de-France 2027!')).toBe(
			'ete-camp-ile-de-france-2027-attendees.csv'
		);
		expect(csvFileName('???')).toBe('gathering-attendees.csv');
	});
});
