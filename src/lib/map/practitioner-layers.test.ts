import { describe, expect, it } from 'vitest';
import { toFeatureCollection } from '$lib/geo/practitioner-points';
import {
	practitionerLayerIds,
	practitionerLayers,
	practitionerSource
} from './practitioner-layers';

describe('practitionerSource', () => {
	it('clusters the points it is given', () => {
		const points = toFeatureCollection([]);
		expect(practitionerSource(points)).toEqual({
			type: 'geojson',
			data: points,
			cluster: true,
			clusterRadius: 48,
			clusterMaxZoom: 8
		});
	});
});

describe('practitionerLayers', () => {
	it('draws clusters, their counts, single points and the selection ring, in that order', () => {
		expect(practitionerLayers('light', null).map((layer) => layer.id)).toEqual([
			'practitioner-clusters',
			'practitioner-cluster-counts',
			'practitioner-points',
			'practitioner-selected'
		]);
	});

	it('rings only the selected practitioner, and only when it is not inside a cluster', () => {
		const selected = practitionerLayers('dark', 'ada').find(
			(layer) => layer.id === practitionerLayerIds.selected
		);
		expect(selected?.type === 'circle' && selected.filter).toEqual([
			'all',
			['!', ['has', 'point_count']],
			['==', ['get', 'id'], 'ada']
		]);
	});

	it('rings nobody when nobody is selected', () => {
		const selected = practitionerLayers('light', null).find(
			(layer) => layer.id === practitionerLayerIds.selected
		);
		expect(selected?.type === 'circle' && selected.filter).toEqual([
			'all',
			['!', ['has', 'point_count']],
			['==', ['get', 'id'], '']
		]);
	});
});
