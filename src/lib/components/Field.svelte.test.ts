import { createRawSnippet } from 'svelte';
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../../../tests/support/fields';
import { upcomingGatheringsSelect } from './factories';
import Field, { type FieldControl } from './Field.svelte';

describe('Field', () => {
	it('is a named, labelled text input holding its value', () => {
		render(Field, { id: 'pronouns', name: 'pronouns', label: 'Pronouns', value: 'she/her' });

		const input = screen.getByRole('textbox', { name: 'Pronouns' });
		expect(input).toHaveAttribute('id', 'pronouns');
		expect(input).toHaveAttribute('name', 'pronouns');
		expect(input).toHaveValue('she/her');
		expect(input).not.toBeInvalid();
		expect(input).not.toHaveAttribute('aria-describedby');
	});

	it('describes the input by its hint', () => {
		render(Field, { id: 'website', label: 'Website', hint: 'A full address.', type: 'url' });

		const input = screen.getByRole('textbox', { name: 'Website' });
		expect(input).toHaveAttribute('type', 'url');
		expect(input).toHaveAccessibleDescription('A full address.');
	});

	it('passes other attributes on to the input', () => {
		render(Field, { id: 'name', label: 'Your name', autocomplete: 'nickname', required: true });

		const input = screen.getByRole('textbox', { name: 'Your name' });
		expect(input).toBeRequired();
		expect(input).toHaveAttribute('autocomplete', 'nickname');
	});

	it('says what is wrong before the hint, and keeps what was typed', () => {
		render(Field, {
			id: 'display-name',
			label: 'Your name',
			hint: 'The name people know you by.',
			error: 'Enter your name.',
			value: '  '
		});

		expectRefused(screen.getByRole('textbox', { name: 'Your name' }), {
			value: '  ',
			error: 'Enter your name. The name people know you by.'
		});
		expect(document.getElementById('display-name-error')).toHaveTextContent('Enter your name.');
	});

	it('adds other describing elements after its own', () => {
		document.body.insertAdjacentHTML('beforeend', '<p id="credit">Places from GeoNames</p>');
		render(Field, { id: 'q', label: 'Search', hint: 'A town.', describedby: 'credit' });

		expect(screen.getByRole('textbox', { name: 'Search' })).toHaveAccessibleDescription(
			'A town. Places from GeoNames'
		);
		document.getElementById('credit')?.remove();
	});

	it('is a textarea given rows, bound to what is typed', async () => {
		const props = $state({ id: 'offers', label: 'What you can offer', rows: 3, value: '' });
		render(Field, props);

		const textarea = screen.getByRole('textbox', { name: 'What you can offer' });
		expect(textarea.tagName).toBe('TEXTAREA');
		expect(textarea).toHaveAttribute('rows', '3');
		await fireEvent.input(textarea, { target: { value: 'Soup' } });
		expect(props.value).toBe('Soup');
	});

	it('is a select given options, bound to the one chosen', async () => {
		const props = $state(upcomingGatheringsSelect(''));
		render(Field, props);

		const select = screen.getByRole('combobox', { name: 'Upcoming gatherings' });
		expect(select).toHaveValue('');
		await fireEvent.change(select, { target: { value: '7' } });
		expect(props.value).toBe('7');
	});

	it('draws another control with the label, the invalid state and the description', () => {
		const control = createRawSnippet((attributes: () => FieldControl) => ({
			render: () => {
				const { id, 'aria-describedby': describedBy } = attributes();
				return `<select id="${id}" aria-invalid="${attributes()['aria-invalid']}" aria-describedby="${describedBy}"><option>Name</option></select>`;
			}
		}));
		render(Field, { id: 'sort', label: 'Sort by', error: 'Choose an order.', control });

		const select = screen.getByRole('combobox', { name: 'Sort by' });
		expect(select).toBeInvalid();
		expect(select).toHaveAccessibleDescription('Choose an order.');
		expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
	});
});
