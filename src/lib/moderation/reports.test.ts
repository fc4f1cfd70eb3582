import { parseReportForm, REPORT_DETAILS_MAX } from './reports';

function form(fields: Record<string, string>): FormData {
	const data = new FormData();
	for (const [name, value] of Object.entries(fields)) data.set(name, value);
	return data;
}

describe('parseReportForm', () => {
	it('takes a reason from the list and trimmed details', () => {
		expect(parseReportForm(form({ reason: 'spam', details: '  Sells courses \n' }))).toEqual({
			ok: true,
			reason: 'spam',
			details: 'Sells courses'
		});
		expect(parseReportForm(form({ reason: 'unsafe' }))).toEqual({
			ok: true,
			reason: 'unsafe',
			details: ''
		});
	});

	it('asks for a reason, keeping what was typed', () => {
		expect(parseReportForm(form({ details: 'They shout' }))).toEqual({
			ok: false,
			errors: { reason: 'Choose the reason that fits best.' },
			typed: { reason: '', details: 'They shout' }
		});
		expect(parseReportForm(form({ reason: 'boring' }))).toMatchObject({
			ok: false,
			errors: { reason: 'Choose the reason that fits best.' }
		});
	});

	it('counts characters as the database does, and refuses more than it keeps', () => {
		// An emoji is one character to the database, two UTF-16 units to JavaScript.
		const atTheLimit = '🙂'.repeat(REPORT_DETAILS_MAX);
		expect(parseReportForm(form({ reason: 'other', details: atTheLimit }))).toMatchObject({
			ok: true
		});
		expect(parseReportForm(form({ reason: 'other', details: `${atTheLimit}!` }))).toEqual({
			ok: false,
			errors: { details: 'Keep the details to 1000 characters: these are 1001.' },
			typed: { reason: 'other', details: `${atTheLimit}!` }
		});
	});
});
