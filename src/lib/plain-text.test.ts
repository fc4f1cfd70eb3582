import { describe, expect, it } from 'vitest';
import {
	hasForbiddenCharacters,
	PLAIN_TEXT_MESSAGE,
	plainTextErrors,
	urlProblem
} from './plain-text';

describe('hasForbiddenCharacters', () => {
	it('takes text in any script, with marks, joiners and emoji', () => {
		for (const text of [
			'Ada Fernhill',
			'Zoë Ñúñez-Łukasiewicz',
			'نور الهدى',
			'שלום עולם',
			'👩‍👩‍👧 family',
			'Chak Two Hundred Forty-nine',
			'a\u00a0b'
		]) {
			expect(hasForbiddenCharacters(text), text).toBe(false);
		}
	});

	it('refuses NUL, the other C0 controls, DEL and the C1 controls', () => {
		for (const code of [0x00, 0x01, 0x07, 0x08, 0x1b, 0x1f, 0x7f, 0x85, 0x9f]) {
			const text = `a${String.fromCodePoint(code)}b`;
			expect(hasForbiddenCharacters(text), code.toString(16)).toBe(true);
			expect(hasForbiddenCharacters(text, { multiline: true }), code.toString(16)).toBe(true);
		}
	});

	it('refuses the bidirectional marks, embeddings, overrides and isolates, and line separators', () => {
		for (const code of [0x061c, 0x200e, 0x200f, 0x2028, 0x2029]) {
			expect(hasForbiddenCharacters(`Ada ${String.fromCodePoint(code)}x`)).toBe(true);
		}
		for (let code = 0x202a; code <= 0x202e; code++) {
			expect(hasForbiddenCharacters(`Ada ${String.fromCodePoint(code)}x`)).toBe(true);
		}
		for (let code = 0x2066; code <= 0x2069; code++) {
			expect(hasForbiddenCharacters(`Ada ${String.fromCodePoint(code)}x`)).toBe(true);
		}
	});

	it('takes tabs and line breaks in multi-line text only', () => {
		for (const text of ['one\ntwo', 'one\r\ntwo', 'one\ttwo']) {
			expect(hasForbiddenCharacters(text, { multiline: true }), JSON.stringify(text)).toBe(false);
			expect(hasForbiddenCharacters(text), JSON.stringify(text)).toBe(true);
		}
		expect(hasForbiddenCharacters('one\vtwo', { multiline: true })).toBe(true);
		expect(hasForbiddenCharacters('one\ftwo', { multiline: true })).toBe(true);
	});
});

describe('plainTextErrors', () => {
	it('names each field holding a forbidden character, a list when any of its values does', () => {
		expect(
			plainTextErrors(
				{
					name: 'Ada \u202enilhgnireF',
					bio: 'Line one\nline two',
					offers: 'Soup\u0000',
					practices: ['crewing', 'hosting\u0007'],
					open_to: ['crewing']
				},
				{ multiline: ['bio', 'offers'] }
			)
		).toEqual({
			name: PLAIN_TEXT_MESSAGE,
			offers: PLAIN_TEXT_MESSAGE,
			practices: PLAIN_TEXT_MESSAGE
		});
	});

	it('finds nothing in plain text', () => {
		expect(plainTextErrors({ name: 'Ada', bio: 'One\ntwo' }, { multiline: ['bio'] })).toEqual({});
	});
});

describe('urlProblem', () => {
	const problem = (address: string) => urlProblem(new URL(address, 'https://map.example.org'));

	it('takes ordinary addresses, encoded or not', () => {
		expect(problem('/map?q=Zo%C3%AB&lat=52.1')).toBeNull();
		expect(problem('/directory?q=caf%C3%A9+garden&near=Utrecht')).toBeNull();
		expect(problem('/p/00000000-0000-4000-8000-000000000001')).toBeNull();
		expect(problem('/gatherings/feed.ics?near=S%C3%A3o%20Paulo')).toBeNull();
	});

	it('refuses a NUL byte or a control character in the query or the path', () => {
		expect(problem('/map/search?q=Utr%00echt')).toMatch(/NUL byte/);
		expect(problem('/places?q=%1B')).not.toBeNull();
		expect(problem('/directory?q=a%0Ab')).not.toBeNull();
		expect(problem('/p/%00')).not.toBeNull();
		expect(problem('/map?%00=1')).not.toBeNull();
	});

	it('refuses a text-direction override in the query', () => {
		expect(problem('/directory?q=%E2%80%AEnelA')).not.toBeNull();
	});

	it('leaves a path that does not decode to SvelteKit', () => {
		expect(problem('/p/%E0%A4%A')).toBeNull();
	});
});
