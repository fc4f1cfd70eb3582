import { resolve } from '$app/paths';
import type { BasemapDataUrls } from './basemap-style';
import type { ColourScheme } from './colour-scheme';

const stylePaths = {
	light: '/basemap/style.json',
	dark: '/basemap/style-dark.json'
} as const;

/**
 * `resolve()` can return a path relative to the page being rendered (SvelteKit's default
 * `paths.relative`), and MapLibre resolves a style's source URLs against the document, not the
 * style. So every URL handed to MapLibre is made absolute against the current URL first.
 */
function absolutePath(path: ReturnType<typeof resolve>, relativeTo: URL): string {
	return new URL(path, relativeTo).pathname;
}

/** The bundled offline style for a colour scheme, served by `src/routes/basemap/`. */
export function basemapStyleUrl(scheme: ColourScheme, relativeTo: URL): string {
	return absolutePath(resolve(stylePaths[scheme]), relativeTo);
}

/** Where the style's GeoJSON sources are served. */
export function basemapDataUrls(relativeTo: URL): BasemapDataUrls {
	return {
		land: absolutePath(resolve('/basemap/land.geojson'), relativeTo),
		borders: absolutePath(resolve('/basemap/country-borders.geojson'), relativeTo),
		countryLabels: absolutePath(resolve('/basemap/country-labels.geojson'), relativeTo)
	};
}
