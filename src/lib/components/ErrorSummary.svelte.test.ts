import { render, screen, waitFor, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import ErrorSummary from './ErrorSummary.svelte';

const fieldIds = { name: 'crew-name', size: 'size-small' };

describe('ErrorSummary', () => {
	it('says nothing while nothing is wrong', () => {
		render(ErrorSummary, { heading: 'Your crew was not saved', errors: {}, fieldIds });

		expect(screen.queryByRole('alert')).not.toBeInTheDocument();
	});

	it('links each problem to its field, and takes the focus', async () => {
		render(ErrorSummary, {
			heading: 'Your crew was not saved',
			errors: { name: 'Name the crew.', size: 'Choose a size.' },
			fieldIds
		});

		const summary = screen.getByRole('alert', { name: 'Your crew was not saved' });
		const links = within(summary).getAllByRole('link');
		expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
			['Name the crew.', '#crew-name'],
			['Choose a size.', '#size-small']
		]);
		await waitFor(() => expect(summary).toHaveFocus());
	});

	it('shows a problem with the submit itself without a link, and skips empty messages', () => {
		render(ErrorSummary, {
			heading: 'Your crew was not saved',
			errors: { form: 'The database is not answering.', name: '' },
			fieldIds
		});

		const summary = screen.getByRole('alert');
		expect(within(summary).getAllByRole('listitem')).toHaveLength(1);
		expect(summary).toHaveTextContent('The database is not answering.');
		expect(within(summary).queryByRole('link')).not.toBeInTheDocument();
	});
});
