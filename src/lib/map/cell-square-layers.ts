import type { CellSquares } from '$lib/geo/cell-squares';
import type { ColourScheme } from './colour-scheme';
import type {
	ExpressionSpecification,
	LayerSpecification,
	SourceSpecification
} from './style-types';

export const CELL_SQUARE_SOURCE_ID = 'audience-cells';

export const cellSquareLayerIds = {
	membersFill: 'audience-cell-members-fill',
	membersOutline: 'audience-cell-members-outline',
	strangersOutline: 'audience-cell-strangers-outline'
} as const;

export const isMembersSquare: ExpressionSpecification = ['==', ['get', 'audience'], 'members'];
export const isStrangersSquare: ExpressionSpecification = ['==', ['get', 'audience'], 'strangers'];

/**
 * Members' square filled in the accent colour; strangers' (the same or larger) outlined only,
 * dashed, in the muted text colour. Outlines keep 3:1 contrast with land and water.
 */
export const cellSquarePalettes = {
	light: { members: '#1b6a7f', strangers: '#50565c' },
	dark: { members: '#7fcbdc', strangers: '#aab4ba' }
} satisfies Record<ColourScheme, Record<'members' | 'strangers', string>>;

export function cellSquareSource(squares: CellSquares): SourceSpecification {
	return { type: 'geojson', data: squares };
}

export function cellSquareLayers(scheme: ColourScheme): LayerSpecification[] {
	const palette = cellSquarePalettes[scheme];
	const source = CELL_SQUARE_SOURCE_ID;
	return [
		{
			id: cellSquareLayerIds.membersFill,
			type: 'fill',
			source,
			filter: isMembersSquare,
			paint: { 'fill-color': palette.members, 'fill-opacity': 0.15 }
		},
		{
			id: cellSquareLayerIds.membersOutline,
			type: 'line',
			source,
			filter: isMembersSquare,
			paint: { 'line-color': palette.members, 'line-width': 2 }
		},
		{
			id: cellSquareLayerIds.strangersOutline,
			type: 'line',
			source,
			filter: isStrangersSquare,
			paint: { 'line-color': palette.strangers, 'line-width': 2, 'line-dasharray': [2, 2] }
		}
	];
}
