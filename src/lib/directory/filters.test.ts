import { describe, expect, it } from 'vitest';
import {
	countActiveFilters,
	filterProblems,
	filtersForDatabase,
	filtersToSearchParams,
	hasFilters,
	parseFilters
} from './filters';

const params = (query: string) => new URLSearchParams(query);

describe('parseFilters', () => {
	it('reads repeated parameters as several values', () => {
		expect(
			parseFilters(
				params(
					'open_to=crewing&open_to=mentoring&practice=facilitation&stage=hosting&stage=weaving&language=Dutch&language=English&q=garden'
				)
			)
		).toEqual({
			openTo: ['crewing', 'mentoring'],
			practices: ['facilitation'],
			pathwayStage: ['hosting', 'weaving'],
			languages: ['Dutch', 'English'],
			q: 'garden'
		});
	});

	it('gives no filters for a URL without any', () => {
		expect(parseFilters(params('page=2&near=Utrecht'))).toEqual({});
	});

	it('trims values and drops empty ones and repeats', () => {
		expect(
			parseFilters(
				params('open_to=&open_to=crewing&open_to=crewing&language=+dutch+&language=Dutch&q=++')
			)
		).toEqual({ openTo: ['crewing'], languages: ['dutch'] });
	});

	it('leaves out values a filter does not know', () => {
		expect(parseFilters(params('stage=expert&stage=curious&practice=knitting'))).toEqual({
			pathwayStage: ['curious']
		});
	});

	it('leaves out a search longer than anything it could match', () => {
		expect(parseFilters(params(`q=${'a'.repeat(101)}`))).toEqual({});
	});
});

describe('filterProblems', () => {
	it('names the parameter and the accepted values of an unknown choice', () => {
		expect(filterProblems(params('stage=expert'))).toEqual([
			'“expert” is not a choice for stage: use one of curious, practising, hosting, weaving.'
		]);
	});

	it('finds nothing wrong with good filters', () => {
		expect(filterProblems(params('open_to=gatherings&language=Frysk&q=bees'))).toEqual([]);
	});

	it('says when a search is too long', () => {
		expect(filterProblems(params(`q=${'a'.repeat(101)}`))).toEqual([
			'A search is at most 100 characters long.'
		]);
	});
});

describe('filtersToSearchParams', () => {
	it('writes filters back in a stable order, one parameter per value', () => {
		expect(
			filtersToSearchParams({
				q: 'bees',
				languages: ['Dutch'],
				pathwayStage: ['curious'],
				practices: ['crewing', 'mentoring'],
				openTo: ['gatherings']
			}).toString()
		).toBe(
			'open_to=gatherings&practice=crewing&practice=mentoring&stage=curious&language=Dutch&q=bees'
		);
	});

	it('round-trips through parseFilters', () => {
		const filters = { openTo: ['crewing'], languages: ['Nederlands'], q: 'moestuin' };
		expect(parseFilters(filtersToSearchParams(filters))).toEqual(filters);
	});

	it('writes nothing for no filters', () => {
		expect(filtersToSearchParams({}).toString()).toBe('');
		expect(hasFilters({})).toBe(false);
		expect(hasFilters({ q: 'x' })).toBe(true);
	});
});

describe('countActiveFilters', () => {
	it('is zero without filters', () => {
		expect(countActiveFilters({})).toBe(0);
	});

	it('counts each chosen value, each language and the search once', () => {
		expect(
			countActiveFilters({
				openTo: ['crewing', 'mentoring'],
				practices: ['facilitation'],
				pathwayStage: ['curious'],
				languages: ['Dutch', 'Frysk'],
				q: 'garden'
			})
		).toBe(7);
	});

	it('leaves out empty lists and an empty search', () => {
		expect(countActiveFilters({ openTo: [], languages: ['Dutch'], q: '' })).toBe(1);
	});
});

describe('filtersForDatabase', () => {
	it('uses the database functions’ keys and leaves out empty filters', () => {
		expect(
			filtersForDatabase({ openTo: ['crewing'], practices: [], pathwayStage: ['curious'], q: 'x' })
		).toEqual({ open_to: ['crewing'], pathway_stage: ['curious'], q: 'x' });
	});
});

describe('the gatherings filter', () => {
	it('reads the days ahead from `within`, only as one of its choices', () => {
		expect(parseFilters(params('within=30'))).toEqual({ withinDays: 30 });
		expect(parseFilters(params('within=31'))).toEqual({});
		expect(parseFilters(params('within=soon'))).toEqual({});
	});

	it('names the parameter and its choices when the value is not one', () => {
		expect(filterProblems(params('within=31'))).toEqual([
			'“31” is not a choice for within: use one of 7, 30, 90, 365 (days).'
		]);
		expect(filterProblems(params('within=7'))).toEqual([]);
	});

	it('round-trips through the URL and counts as one filter', () => {
		expect(filtersToSearchParams({ withinDays: 90, q: 'camp' }).toString()).toBe(
			'q=camp&within=90'
		);
		expect(countActiveFilters({ withinDays: 90 })).toBe(1);
	});

	it('reaches the database as within_days', () => {
		expect(filtersForDatabase({ withinDays: 7 })).toEqual({ within_days: 7 });
	});
});
