import { render, screen } from '@testing-library/svelte';
import ReportForm from './ReportForm.svelte';

describe('ReportForm', () => {
	it('offers each reason as a radio button and optional details, named after what is reported', () => {
		render(ReportForm, { subjectName: 'Ada Fernhill' });

		const form = screen.getByRole('form', { name: 'Report Ada Fernhill' });
		expect(form).toHaveAttribute('method', 'POST');
		expect(screen.getAllByRole('radio').map((radio) => (radio as HTMLInputElement).value)).toEqual([
			'harassment',
			'spam',
			'impersonation',
			'unsafe',
			'inappropriate',
			'other'
		]);
		expect(screen.getByRole('radio', { name: 'Puts someone in danger' })).toBeInTheDocument();
		expect(screen.getByRole('textbox', { name: 'Details (optional)' })).toHaveAttribute(
			'maxlength',
			'1000'
		);
	});

	it('keeps what was chosen and typed, and says what is wrong beside it', () => {
		render(ReportForm, {
			subjectName: 'Ada Fernhill',
			errors: { details: 'Keep the details to 1000 characters: these are 1001.' },
			typed: { reason: 'spam', details: 'Too long' }
		});

		expect(screen.getByRole('radio', { name: 'Spam' })).toBeChecked();
		const details = screen.getByRole('textbox', { name: 'Details (optional)' });
		expect(details).toHaveValue('Too long');
		expect(details).toHaveAccessibleDescription(/^Keep the details to 1000 characters/);
	});

	it('shows the database’s refusal as it is', () => {
		render(ReportForm, {
			subjectName: 'Ada Fernhill',
			refusal: 'You have reported this already: a moderator will look at it.'
		});

		expect(screen.getByRole('alert')).toHaveTextContent(
			'You have reported this already: a moderator will look at it.'
		);
	});
});
