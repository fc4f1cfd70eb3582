import { doneText, suspensionEnd, untilText } from './moderation';

describe('suspensionEnd', () => {
	const now = new Date('2026-12-03T10:00:00Z');

	it('ends 7 or 30 days from now, or never for "until lifted"', () => {
		expect(suspensionEnd('7', now)).toBe('2026-12-10T10:00:00.000Z');
		expect(suspensionEnd('30', now)).toBe('2027-01-02T10:00:00.000Z');
		expect(suspensionEnd('lifted', now)).toBeNull();
	});

	it('is no choice at all for anything else', () => {
		expect(suspensionEnd('365', now)).toBeUndefined();
		expect(suspensionEnd('', now)).toBeUndefined();
	});
});

describe('untilText', () => {
	it('says until when, in UTC, or until a moderator lifts it', () => {
		expect(untilText('2026-12-10T10:05:00Z')).toBe('until 10 December 2026 at 10:05 UTC');
		expect(untilText(null)).toBe('until a moderator lifts it');
	});
});

describe('doneText', () => {
	it('says what changed and what the reporter is told', () => {
		expect(doneText('suspend', 'its creator')).toBe(
			'Its creator is suspended, and the reporter is told action was taken.'
		);
		expect(doneText('lift', 'Ada Fernhill')).toBe('Ada Fernhill’s suspension is lifted.');
	});
});
