import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import { expectRefused } from '../../../tests/support/fields';
import GatheringForm from './GatheringForm.svelte';
import { EMPTY_GATHERING_FORM, type GatheringFormValues } from './gathering-form';

function values(overrides: Partial<GatheringFormValues> = {}): GatheringFormValues {
	return {
		...EMPTY_GATHERING_FORM,
		name: 'Yorkshire Day',
		starts_on: '2027-07-10',
		starts_time: '10:00',
		ends_time: '17:00',
		time_zone: 'Europe/London',
		...overrides
	};
}

/** The form's fields as the browser would post them, with the button pressed. */
function posted(button?: HTMLElement): FormData {
	return new FormData(document.querySelector('form')!, button as HTMLButtonElement | undefined);
}

describe('GatheringForm', () => {
	it('is a real form, with a name on every field', () => {
		render(GatheringForm, { values: values({ accessibility: ['step_free'] }) });
		const data = posted();
		for (const name of [
			'kind',
			'name',
			'description',
			'starts_on',
			'starts_time',
			'ends_on',
			'ends_time',
			'time_zone',
			'repeat',
			'meeting_mode',
			'lat',
			'lng',
			'address',
			'visibility',
			'registration',
			'capacity',
			'contribution',
			'accessibility_note',
			'area_cell'
		]) {
			expect(data.has(name), name).toBe(true);
		}
		expect(data.getAll('accessibility')).toEqual(['step_free']);
		expect(data.get('time_zone')).toBe('Europe/London');
		// In person: the joining link is not asked for, and not posted.
		expect(data.has('online_url')).toBe(false);
	});

	it('saves a draft or publishes, by the button pressed', () => {
		render(GatheringForm, { values: values() });
		expect(posted(screen.getByRole('button', { name: 'Publish' })).get('intent')).toBe('publish');
		expect(posted(screen.getByRole('button', { name: 'Save as a draft' })).get('intent')).toBe(
			'save'
		);
	});

	it('saves a published gathering as it is, with no second button', () => {
		render(GatheringForm, { values: values(), published: true });
		expect(screen.getByRole('button', { name: 'Save changes' })).toBeInTheDocument();
		expect(screen.queryByRole('button', { name: 'Publish' })).not.toBeInTheDocument();
	});

	it('shows each refusal beside its field, keeps what was typed, and sums them up', () => {
		render(GatheringForm, {
			values: values({ capacity: 'lots', ends_time: '09:00' }),
			errors: {
				capacity:
					'Give the number of places as a whole number from 1, or leave it empty for no limit.',
				ends_time: 'It ends after it starts: choose a later end.'
			}
		});
		expectRefused(screen.getByRole('textbox', { name: 'Places' }), {
			value: 'lots',
			error: expect.stringContaining('whole number from 1')
		});
		expectRefused(screen.getByLabelText('Ends at'), {
			value: '09:00',
			error: expect.stringContaining('It ends after it starts')
		});
		const summary = screen.getByRole('alert');
		expect(within(summary).getByRole('link', { name: /It ends after it starts/ })).toHaveAttribute(
			'href',
			'#gathering-ends-time'
		);
	});

	it('hides the times of an all-day gathering and the repeat’s fields until it repeats', async () => {
		render(GatheringForm, { values: values() });
		expect(screen.queryByLabelText('How many times in all')).not.toBeInTheDocument();
		await fireEvent.change(screen.getByLabelText('Repeats'), { target: { value: 'WEEKLY' } });
		expect(await screen.findByRole('group', { name: /On/ })).toBeInTheDocument();
		await fireEvent.click(screen.getByLabelText(/All day/));
		expect(screen.queryByLabelText('Starts at')).not.toBeInTheDocument();
	});

	it('asks for a venue in person and a link online', async () => {
		render(GatheringForm, { values: values() });
		expect(screen.getByLabelText('Venue address')).toBeInTheDocument();
		expect(screen.queryByLabelText('Joining link')).not.toBeInTheDocument();
		await fireEvent.click(screen.getByLabelText('Online'));
		expect(await screen.findByLabelText('Joining link')).toBeInTheDocument();
		expect(screen.queryByLabelText('Venue address')).not.toBeInTheDocument();
	});
});
