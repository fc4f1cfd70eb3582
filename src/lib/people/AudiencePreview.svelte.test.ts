import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import type { Precision } from '$lib/geo/cells';
import AudiencePreview from './AudiencePreview.svelte';
import type { Visibility } from './choices';
import { loneUtrechtLabels, utrechtLabels } from './factories';

function linesFor(precision: Precision, visibility: Visibility) {
	render(AudiencePreview, { labels: utrechtLabels(), precision, visibility });
	return screen.getAllByRole('listitem').map((item) => item.textContent);
}

describe('AudiencePreview', () => {
	describe('for a public profile', () => {
		it('shows strangers the area even when members see the neighbourhood', () => {
			expect(linesFor('neighbourhood', 'public')).toEqual([
				'Strangers see: a dot somewhere in the Utrecht area, NL',
				'Members see: a dot near Utrecht, NL',
				'Crewmates see: a dot near Utrecht, NL'
			]);
			expect(
				screen.getByText(
					'Strangers never see anyone closer than the area level: for them the square is about 20 km across.'
				)
			).toBeInTheDocument();
		});

		it('shows strangers the area for town precision too', () => {
			expect(linesFor('town', 'public')[0]).toBe(
				'Strangers see: a dot somewhere in the Utrecht area, NL'
			);
		});

		it('shows everyone the same area at area precision, without the closer-than note', () => {
			expect(linesFor('area', 'public')).toEqual([
				'Strangers see: a dot somewhere in the Utrecht area, NL',
				'Members see: a dot somewhere in the Utrecht area, NL',
				'Crewmates see: a dot somewhere in the Utrecht area, NL'
			]);
			expect(screen.queryByText(/never see anyone closer/)).not.toBeInTheDocument();
		});

		it('shows strangers the owner’s coarser choice of region or country', () => {
			expect(linesFor('region', 'public')[0]).toBe(
				'Strangers see: a dot somewhere around Amsterdam, NL'
			);
		});

		it('shows only the country at country precision', () => {
			expect(linesFor('country', 'public')).toEqual([
				'Strangers see: a dot somewhere in Netherlands',
				'Members see: a dot somewhere in Netherlands',
				'Crewmates see: a dot somewhere in Netherlands'
			]);
		});

		it('warns that lone people are shown to strangers more coarsely still', () => {
			linesFor('area', 'public');

			expect(
				screen.getByText(
					'Where fewer than 3 people share a square with strangers, strangers see them in a bigger square, so nobody is singled out.'
				)
			).toBeInTheDocument();
		});
	});

	describe('for a members-only profile', () => {
		it('hides it from strangers and shows members the chosen precision', () => {
			expect(linesFor('neighbourhood', 'members')).toEqual([
				"Strangers don't see you at all",
				'Members see: a dot near Utrecht, NL',
				'Crewmates see: a dot near Utrecht, NL'
			]);
			expect(screen.queryByText(/fewer than 3 people/)).not.toBeInTheDocument();
			expect(screen.queryByText(/never see anyone closer/)).not.toBeInTheDocument();
		});
	});

	describe('for a crewmates-only profile', () => {
		it('shows crewmates only', () => {
			expect(linesFor('town', 'crewmates')).toEqual([
				"Strangers don't see you at all",
				"Members who aren't your crewmates don't see you at all",
				'Crewmates see: a dot near Utrecht, NL'
			]);
		});
	});

	describe('for an only-me profile', () => {
		it('says nobody else sees it', () => {
			expect(linesFor('neighbourhood', 'only_me')).toEqual([
				"Strangers don't see you at all",
				"Members don't see you at all",
				"Crewmates don't see you at all"
			]);
			expect(screen.getByText('Only you see this profile.')).toBeInTheDocument();
			expect(screen.queryByText(/The dot is the middle/)).not.toBeInTheDocument();
		});
	});

	it('says how big the square around the point is at the chosen precision', () => {
		linesFor('town', 'members');

		expect(
			screen.getByText(
				'The dot is the middle of a square about 5 km across that holds your point. Nobody but you sees the point itself.'
			)
		).toBeInTheDocument();
	});

	describe('before a point is chosen', () => {
		it('says the profile is not on the map', () => {
			render(AudiencePreview, { labels: null, precision: 'area', visibility: 'public' });

			expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
				'Strangers see: your profile, but not on the map',
				'Members see: your profile, but not on the map',
				'Crewmates see: your profile, but not on the map'
			]);
		});
	});

	describe('where fewer than three people share with everyone nearby', () => {
		it('shows what the database says strangers will see, and why it is coarser', () => {
			render(AudiencePreview, {
				labels: loneUtrechtLabels(),
				precision: 'town',
				visibility: 'public'
			});
			expect(screen.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
				'Strangers see: a dot somewhere around Amsterdam, NL',
				'Members see: a dot near Utrecht, NL',
				'Crewmates see: a dot near Utrecht, NL'
			]);
			expect(
				screen.getByText(
					'Fewer than 3 people who share with everyone are in your area square, so strangers see you in the larger region one, with others: nobody is singled out. This changes as people join.'
				)
			).toBeInTheDocument();
		});

		it('says strangers will not see where someone is when too few in the country share', () => {
			render(AudiencePreview, {
				labels: loneUtrechtLabels({ inCountry: false }),
				precision: 'area',
				visibility: 'public'
			});
			expect(screen.getAllByRole('listitem')[0]).toHaveTextContent(
				'Strangers see: your profile, but not on the map'
			);
			expect(screen.getByText(/Fewer than 3 people in your country share/)).toBeInTheDocument();
		});

		it('says nothing of it when strangers do not see the profile anyway', () => {
			render(AudiencePreview, {
				labels: loneUtrechtLabels({ inCountry: false }),
				precision: 'area',
				visibility: 'members'
			});
			expect(screen.queryByText(/Fewer than 3/)).not.toBeInTheDocument();
		});
	});

	describe('where the gazetteer has no name for the place', () => {
		it('describes the square instead', () => {
			const labels = utrechtLabels().map((row) => ({ ...row, label: null, stranger_label: null }));
			render(AudiencePreview, { labels, precision: 'neighbourhood', visibility: 'public' });

			expect(screen.getAllByRole('listitem')[0]).toHaveTextContent(
				'Strangers see: a dot in a square about 20 km across around your point'
			);
		});
	});

	it('announces changes politely, and says when it is looking names up', async () => {
		const { rerender } = render(AudiencePreview, {
			labels: utrechtLabels(),
			precision: 'area',
			visibility: 'members'
		});
		const region = screen.getByText('Members see: a dot somewhere in the Utrecht area, NL')
			.parentElement?.parentElement;
		expect(region).toHaveAttribute('aria-live', 'polite');

		await rerender({ pending: true });

		expect(region).toHaveTextContent('Looking up the place names for your point…');
	});

	it('is a section named by its heading', () => {
		render(AudiencePreview, { labels: null, precision: 'area', visibility: 'members' });

		expect(screen.getByRole('region', { name: 'Who sees what' })).toBeInTheDocument();
	});
});
