import { describe, expect, it } from 'vitest';
import { precisionForAudience } from './audience';

describe('precisionForAudience', () => {
	it('shows members exactly the precision the owner chose', () => {
		expect(precisionForAudience({ precision: 'neighbourhood', audience: 'member' })).toBe(
			'neighbourhood'
		);
		expect(precisionForAudience({ precision: 'region', audience: 'member' })).toBe('region');
	});

	it('never shows anonymous visitors anything finer than the area', () => {
		expect(precisionForAudience({ precision: 'neighbourhood', audience: 'anonymous' })).toBe(
			'area'
		);
		expect(precisionForAudience({ precision: 'town', audience: 'anonymous' })).toBe('area');
		expect(precisionForAudience({ precision: 'area', audience: 'anonymous' })).toBe('area');
	});

	it('keeps an owner’s coarser choice for anonymous visitors', () => {
		expect(precisionForAudience({ precision: 'region', audience: 'anonymous' })).toBe('region');
		expect(precisionForAudience({ precision: 'country', audience: 'anonymous' })).toBe('country');
	});
});
