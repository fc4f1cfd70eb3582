// maplibre-gl 6 takes and returns these types but does not re-export them; they come from the
// style specification package it depends on (a type-only import, so nothing more is bundled).
export type {
	ExpressionSpecification,
	FilterSpecification,
	LayerSpecification,
	SourceSpecification,
	StyleSpecification
} from '@maplibre/maplibre-gl-style-spec';
