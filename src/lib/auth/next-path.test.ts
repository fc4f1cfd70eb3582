import { describe, expect, it } from 'vitest';
import { safeNextPath } from './next-path';

describe('safeNextPath', () => {
	it('accepts a path on this site, with its query and fragment', () => {
		expect(safeNextPath('/directory?page=2#top')).toBe('/directory?page=2#top');
	});

	it.each([
		['nothing', null],
		['an empty string', ''],
		['another origin', 'https://evil.example/'],
		['a protocol-relative URL', '//evil.example/'],
		['a backslash that browsers read as a slash', '/\\evil.example/'],
		['a tab that browsers drop', '/\t/evil.example/'],
		['a relative path', 'directory'],
		['a javascript: URL', 'javascript:alert(1)']
	])('refuses %s', (_case, value) => {
		expect(safeNextPath(value)).toBeNull();
	});
});
