import { render, screen } from '@testing-library/svelte';
import ReportLink from './ReportLink.svelte';

const GROUP_ID = '7b0f1b1e-2f55-4c71-9d3e-0a5b2e6c9d10';

describe('ReportLink', () => {
	it('links a member to the report page', () => {
		render(ReportLink, {
			subject: 'group',
			id: GROUP_ID,
			name: 'Bristol Makers Crew',
			signedIn: true
		});
		expect(screen.getByRole('link', { name: 'Report Bristol Makers Crew' })).toHaveAttribute(
			'href',
			`/report/group/${GROUP_ID}`
		);
	});

	it('asks anyone else to sign in, and brings them back to the report page', () => {
		render(ReportLink, {
			subject: 'group',
			id: GROUP_ID,
			name: 'Bristol Makers Crew',
			signedIn: false
		});
		expect(screen.queryByRole('link', { name: /^Report/ })).not.toBeInTheDocument();
		expect(screen.getByRole('link', { name: 'Sign in to report' })).toHaveAttribute(
			'href',
			`/login?next=${encodeURIComponent(`/report/group/${GROUP_ID}`)}`
		);
	});
});
