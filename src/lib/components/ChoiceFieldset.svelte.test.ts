import { fireEvent, render, screen, within } from '@testing-library/svelte';
import type { ComponentProps } from 'svelte';
import { describe, expect, it } from 'vitest';
import ChoiceFieldset from './ChoiceFieldset.svelte';

const sizes = [
	{ value: 'small', label: 'Small', description: 'Three to five people.' },
	{ value: 'large', label: 'Large', description: 'Up to eight.' },
	{ value: '', label: 'Rather not say' }
];

/** The props of a group of radio buttons for a crew's size. */
function sizeRadios(overrides: Partial<ComponentProps<typeof ChoiceFieldset>> = {}) {
	return {
		legend: 'Crew size',
		name: 'size',
		idPrefix: 'size',
		type: 'radio' as const,
		choices: sizes,
		...overrides
	};
}

/** The fieldset's inputs as a browser would post them. */
function posted(): FormData {
	const form = document.createElement('form');
	form.append(screen.getByRole('group'));
	return new FormData(form);
}

describe('ChoiceFieldset', () => {
	describe('as radio buttons', () => {
		it('groups named choices under the legend, the chosen one checked', () => {
			render(ChoiceFieldset, sizeRadios({ value: 'large' }));

			const group = screen.getByRole('group', { name: 'Crew size' });
			expect(within(group).getAllByRole('radio')).toHaveLength(3);
			expect(screen.getByRole('radio', { name: 'Large' })).toBeChecked();
			expect(posted().getAll('size')).toEqual(['large']);
		});

		it('describes each choice by its line, and gives the empty value the id ending in none', () => {
			render(ChoiceFieldset, sizeRadios());

			expect(screen.getByRole('radio', { name: 'Small' })).toHaveAccessibleDescription(
				'Three to five people.'
			);
			expect(screen.getByRole('radio', { name: 'Small' })).toHaveAttribute('id', 'size-small');
			const none = screen.getByRole('radio', { name: 'Rather not say' });
			expect(none).toHaveAttribute('id', 'size-none');
			expect(none).not.toHaveAttribute('aria-describedby');
		});

		it('binds the choice made', async () => {
			const props = $state(sizeRadios({ value: 'small' }));
			render(ChoiceFieldset, props);

			await fireEvent.click(screen.getByRole('radio', { name: 'Rather not say' }));

			expect(props.value).toBe('');
		});
	});

	describe('as checkboxes', () => {
		it('checks every chosen value and binds the list as it changes', async () => {
			const props = $state({
				legend: 'Open to',
				legendHint: '(any of)',
				name: 'open_to',
				idPrefix: 'open-to',
				type: 'checkbox' as const,
				choices: sizes.slice(0, 2),
				value: ['large']
			});
			render(ChoiceFieldset, props);

			expect(screen.getByRole('group', { name: 'Open to (any of)' })).toBeInTheDocument();
			expect(screen.getByRole('checkbox', { name: 'Large' })).toBeChecked();
			await fireEvent.click(screen.getByRole('checkbox', { name: 'Small' }));

			// In the order the choices are offered, as the browser posts them.
			expect(props.value).toEqual(['small', 'large']);
			expect(posted().getAll('open_to')).toEqual(['small', 'large']);
		});
	});

	describe('after a refused submit', () => {
		it('says what is wrong and describes every choice by it first', () => {
			render(ChoiceFieldset, sizeRadios({ error: 'Choose a size from the list.' }));

			expect(screen.getByRole('group', { name: 'Crew size' })).toHaveTextContent(
				'Choose a size from the list.'
			);
			expect(screen.getByRole('radio', { name: 'Small' })).toHaveAccessibleDescription(
				'Choose a size from the list. Three to five people.'
			);
			expect(screen.getByRole('radio', { name: 'Rather not say' })).toHaveAccessibleDescription(
				'Choose a size from the list.'
			);
		});
	});
});
