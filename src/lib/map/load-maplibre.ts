/**
 * MapLibre, loaded once, in the browser only, as a chunk of its own.
 *
 * Vite bundles maplibre-gl into a chunk of its own, so MapLibre cannot find its worker next to
 * itself; the worker file is emitted as an asset and pointed at explicitly.
 */
let loading: Promise<typeof import('maplibre-gl')> | undefined;

export function loadMapLibre() {
	loading ??= Promise.all([
		import('maplibre-gl'),
		import('maplibre-gl/dist/maplibre-gl-worker.mjs?url'),
		import('maplibre-gl/dist/maplibre-gl.css')
	]).then(([library, worker]) => {
		library.setWorkerUrl(worker.default);
		return library;
	});
	return loading;
}

/** MapLibre 6 draws with WebGL 2 only; checking first spares downloading it for nothing. */
export function hasWebGl2() {
	return typeof WebGL2RenderingContext !== 'undefined';
}
