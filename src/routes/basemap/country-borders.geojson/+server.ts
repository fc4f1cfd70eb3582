import { countryBordersGeoJson } from '$lib/map/basemap-data';
import { geoJsonFile } from '$lib/map/basemap-response';

export const GET = geoJsonFile(countryBordersGeoJson);
