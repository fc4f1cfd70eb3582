import { describe, expect, it } from 'vitest';
import { formatOf } from './import-list';

describe('the format of a list', () => {
	it('is what the file’s name says', () => {
		expect(formatOf('people.CSV', '[')).toBe('csv');
		expect(formatOf('index.json', 'name,email')).toBe('murmurations');
	});

	it('is read from the first character when the name says nothing', () => {
		expect(formatOf('/dev/stdin', '  {"data": []}')).toBe('murmurations');
		expect(formatOf('list.txt', '[{"name": "Ann"}]')).toBe('murmurations');
		expect(formatOf('list.txt', 'name,email,place\n')).toBe('csv');
	});
});
