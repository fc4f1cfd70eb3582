import { resolve } from '$app/paths';
import type { MapItemKind } from '$lib/map/map-items';
import { mapUrlStateToSearchParams } from '$lib/map/url-state';

/** How close the map comes to a group's or gathering's area when a page links to it. */
const AREA_ZOOM = 9;

/**
 * The map centred on a published area with the item's card open, or null when the area is not
 * known (the item is then not on the map either).
 */
export function mapLinkTo(item: {
	id: string;
	area_lat: number | null;
	area_lng: number | null;
}): string | null {
	if (item.area_lat === null || item.area_lng === null) return null;
	const params = mapUrlStateToSearchParams({
		view: { center: [item.area_lng, item.area_lat], zoom: AREA_ZOOM },
		hiddenKinds: [],
		selectedId: item.id
	});
	return `${resolve('/map')}?${params}`;
}

/** The page of anything on the map: a person's profile, a group's or a gathering's page. */
export function itemPageHref({ kind, id }: { kind: MapItemKind; id: string }): string {
	switch (kind) {
		case 'practitioner':
			return resolve('/p/[id]', { id });
		case 'crew':
		case 'congregation':
			return resolve('/groups/[id]', { id });
		case 'gathering':
			return resolve('/gatherings/[id]', { id });
	}
}
