import { describe, expect, it } from 'vitest';
import { MAX_CURSOR_PARAM_LENGTH, cursorFromParam, cursorParam } from './cursor';

/** A cursor as `directory_list` gives it (its `next`). */
const cursor =
	'{"d": null, "i": "00000000-0000-4000-8000-000000000017", "n": "Nell Okafor", "p": true, "s": "name", "t": "2026-03-01T00:00:00+00:00"}';

describe('cursorParam', () => {
	it('writes a cursor in base64url, without padding', () => {
		expect(cursorParam('{"n": "Zoë"}')).toBe('eyJuIjogIlpvw6sifQ');
	});

	it('needs no escaping in a URL', () => {
		const param = cursorParam(cursor);
		expect(param).toMatch(/^[A-Za-z0-9_-]+$/);
		expect(new URLSearchParams({ after: param }).toString()).toBe(`after=${param}`);
	});
});

describe('cursorFromParam', () => {
	it('reads back what cursorParam wrote, names in any script included', () => {
		for (const text of [cursor, '{"n": "Zoë Łukasz 山田"}', '{"n": "??>>"}']) {
			expect(cursorFromParam(cursorParam(text))).toBe(text);
		}
	});

	it.each([
		['an empty value', ''],
		['characters outside base64url', 'eyJuIjogIlpvw6sifQ=='],
		['a space', 'eyJu IjogIlpvw6sifQ'],
		['a length base64 never has', 'eyJuI'],
		['bytes that are not UTF-8', '_w'],
		['a value longer than any cursor', 'A'.repeat(MAX_CURSOR_PARAM_LENGTH + 4)]
	])('refuses %s', (_, param) => {
		expect(cursorFromParam(param)).toBeNull();
	});
});
