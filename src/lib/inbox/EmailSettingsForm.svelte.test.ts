import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '$lib/notifications/wording';
import EmailSettingsForm from './EmailSettingsForm.svelte';
import { DEFAULT_EMAIL_DELIVERY, parseEmailSettings } from './email-settings';

function groupNamed(name: string | RegExp) {
	return screen.getByRole('group', { name });
}

describe('EmailSettingsForm', () => {
	it('asks about every kind, each with its three choices and its default named', () => {
		render(EmailSettingsForm, { settings: DEFAULT_EMAIL_DELIVERY });

		expect(screen.getAllByRole('group')).toHaveLength(NOTIFICATION_KINDS.length);
		const requests = groupNamed(/^Emails about requests to join your groups/);
		expect(requests).toHaveTextContent('(usually at once)');
		expect(
			within(requests)
				.getAllByRole('radio')
				.map((radio) => radio.getAttribute('value'))
		).toEqual(['now', 'daily', 'never']);
		expect(groupNamed(/^Emails about crew radar alerts/)).toHaveTextContent(
			'(usually in a daily digest)'
		);
	});

	it('says once what each choice means', () => {
		render(EmailSettingsForm, { settings: DEFAULT_EMAIL_DELIVERY });

		expect(screen.getByText('At once', { selector: 'dt' })).toBeInTheDocument();
		expect(
			screen.getByText('One email a day, with everything you chose for the digest.')
		).toBeInTheDocument();
		expect(screen.getByText('Only here, in your inbox.')).toBeInTheDocument();
	});

	it('checks each kind’s setting, and posts what is chosen under the kind’s name', async () => {
		render(EmailSettingsForm, {
			settings: { ...DEFAULT_EMAIL_DELIVERY, member_left: 'never' }
		});

		const left = groupNamed(/^Emails about members leaving your groups/);
		expect(within(left).getByRole('radio', { name: 'Never' })).toBeChecked();
		const radar = groupNamed(/^Emails about crew radar alerts/);
		await fireEvent.click(within(radar).getByRole('radio', { name: 'At once' }));

		const form = screen.getByRole('button', { name: 'Save email settings' }).closest('form')!;
		expect(form).toHaveAttribute('method', 'POST');
		expect(parseEmailSettings(new FormData(form))).toEqual({
			settings: { ...DEFAULT_EMAIL_DELIVERY, member_left: 'never', radar_alert: 'now' }
		});
	});

	it('shows what was refused in a summary and beside the kind, keeping the other choices', () => {
		render(EmailSettingsForm, {
			settings: { ...DEFAULT_EMAIL_DELIVERY, radar_alert: undefined, member_left: 'never' },
			errors: { radar_alert: 'Choose how to send crew radar alerts.' }
		});

		const summary = screen.getByRole('alert');
		expect(within(summary).getByRole('heading')).toHaveTextContent(
			'Your email settings were not saved'
		);
		expect(within(summary).getByRole('link')).toHaveAttribute('href', '#email-radar_alert-now');
		const radar = groupNamed(/^Emails about crew radar alerts/);
		expect(radar).toHaveTextContent('Choose how to send crew radar alerts.');
		expect(
			within(radar)
				.getAllByRole('radio')
				.some((radio) => radio.matches(':checked'))
		).toBe(false);
		expect(
			within(groupNamed(/^Emails about members leaving/)).getByRole('radio', { name: 'Never' })
		).toBeChecked();
	});
});
