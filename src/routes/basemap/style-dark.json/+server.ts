import { basemapStyle } from '$lib/map/basemap-style';
import { basemapDataUrls } from '$lib/map/basemap-urls';
import { styleFile } from '$lib/map/basemap-response';

export const GET = styleFile(({ url }) => basemapStyle('dark', basemapDataUrls(url)));
