/**
 * The offline basemap's data: Natural Earth 1:50m land, country borders and one label point per
 * country, from the `world-atlas` package's TopoJSON (public domain). The `/basemap/*` endpoints
 * serve these as GeoJSON, computed from the installed package; nothing generated is committed.
 */
import type {
	Feature,
	FeatureCollection,
	Geometry,
	MultiLineString,
	MultiPolygon,
	Point,
	Polygon
} from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countriesTopology from 'world-atlas/countries-50m.json';
import landTopology from 'world-atlas/land-50m.json';
import { repairAntimeridian, wrapLongitude } from '$lib/geo/antimeridian';
import { labelPoint, ringArea } from '$lib/geo/label-point';
import { roundGeometry } from '$lib/geo/round-coordinates';

/** About 100 m: finer than the 1:50m source is accurate to. */
const DECIMALS = 3;

type CountryProperties = { name: string };
type CountriesTopology = Topology<{ countries: GeometryCollection<CountryProperties> }>;
type LandTopology = Topology<{ land: GeometryCollection }>;

// The JSON's inferred type is a literal of its contents; the TopoJSON types describe it better.
const countries = countriesTopology as unknown as CountriesTopology;
const land = landTopology as unknown as LandTopology;

export interface CountryLabelProperties {
	name: string;
	/** Planar area of the country's largest part in square degrees, to place big names first. */
	area: number;
}

/** All land as polygons. */
export function landGeoJson(): FeatureCollection<Polygon | MultiPolygon> {
	const collection = feature(land, land.objects.land) as FeatureCollection<Polygon | MultiPolygon>;
	return {
		type: 'FeatureCollection',
		features: collection.features.map((landFeature) => ({
			type: 'Feature',
			properties: {},
			geometry: roundGeometry(repairAntimeridian(landFeature.geometry), DECIMALS)
		}))
	};
}

/** Borders between countries, each drawn once; coastlines are where land meets the background. */
export function countryBordersGeoJson(): FeatureCollection<MultiLineString> {
	const borders = mesh(countries, countries.objects.countries, (a, b) => a !== b);
	return {
		type: 'FeatureCollection',
		features: [{ type: 'Feature', properties: {}, geometry: roundGeometry(borders, DECIMALS) }]
	};
}

/** One point per country, inside its largest part, carrying the name to draw there. */
export function countryLabelsGeoJson(): FeatureCollection<Point, CountryLabelProperties> {
	const labels: Feature<Point, CountryLabelProperties>[] = [];
	for (const country of countries.objects.countries.geometries) {
		// Each country is one geometry, so `feature` gives a Feature, never a collection.
		const shape = feature(countries, country) as Feature<Geometry | null, CountryProperties>;
		if (shape.geometry?.type !== 'Polygon' && shape.geometry?.type !== 'MultiPolygon') continue;
		const geometry = repairAntimeridian(shape.geometry);
		const parts = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
		const area = Math.max(...parts.flatMap((part) => part.map(ringArea)));
		const [lng, lat] = labelPoint(geometry);
		labels.push({
			type: 'Feature',
			properties: { name: shape.properties.name, area: Math.round(area * 100) / 100 },
			geometry: roundGeometry({ type: 'Point', coordinates: [wrapLongitude(lng), lat] }, DECIMALS)
		});
	}
	return { type: 'FeatureCollection', features: labels };
}
