import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import ChoiceFieldset from './ChoiceFieldset.svelte';
import { upcomingGatheringsSelect } from './factories';
import Field from './Field.svelte';

/**
 * What the server sends before any JavaScript runs: forms have to hold their values in the
 * HTML itself, for browsers without JavaScript and for the moments before it loads.
 */
describe('rendered on the server', () => {
	const choices = [
		{ value: 'crewing', label: 'Crewing' },
		{ value: 'mentoring', label: 'Mentoring' },
		{ value: '', label: 'Rather not say' }
	];

	/** The checked inputs' values in some HTML. */
	function checked(html: string): string[] {
		return [...html.matchAll(/<input[^>]*>/g)]
			.map(([input]) => input)
			.filter((input) => /\schecked(\s|=|>|\/)/.test(input))
			.map((input) => input.match(/value="([^"]*)"/)?.[1] ?? '?');
	}

	it('checks the chosen radio button', () => {
		const { body } = render(ChoiceFieldset, {
			props: {
				legend: 'Stage',
				name: 'stage',
				idPrefix: 'stage',
				type: 'radio',
				choices,
				value: ''
			}
		});
		expect(checked(body)).toEqual(['']);
	});

	it('checks every chosen checkbox', () => {
		const { body } = render(ChoiceFieldset, {
			props: {
				legend: 'Practices',
				name: 'practices',
				idPrefix: 'practices',
				type: 'checkbox',
				choices,
				value: ['crewing', 'mentoring']
			}
		});
		expect(checked(body)).toEqual(['crewing', 'mentoring']);
	});

	it('selects the chosen option', () => {
		const { body } = render(Field, { props: upcomingGatheringsSelect('30') });
		expect(body).toMatch(/<option value="30" selected/);
		expect(body).not.toMatch(/<option value="" selected/);
	});

	it('puts the value in a text field and in a textarea', () => {
		expect(render(Field, { props: { id: 'q', label: 'Name', value: 'Ada' } }).body).toMatch(
			/<input[^>]*value="Ada"/
		);
		expect(
			render(Field, { props: { id: 'bio', label: 'About', rows: 2, value: 'Soup & bikes' } }).body
		).toMatch(/<textarea[^>]*>Soup &amp; bikes<\/textarea>/);
	});
});
