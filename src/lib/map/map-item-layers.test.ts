import { describe, expect, it } from 'vitest';
import { buildClusterIndex, clustersInView } from '$lib/map/clusters';
import { mapItemLayerIds, mapItemLayers, mapItemSource } from './map-item-layers';

describe('mapItemSource', () => {
	it('is a plain GeoJSON source of the clustered view, not clustered again by MapLibre', () => {
		const view = clustersInView(
			buildClusterIndex([{ kind: 'crew', id: 'c', name: 'Crew', lat: 1, lng: 2 }]),
			[-180, -85, 180, 85],
			3
		);
		expect(mapItemSource(view)).toEqual({ type: 'geojson', data: view });
	});
});

describe('mapItemLayers', () => {
	it('draws clusters, their counts and kinds, single items and their details, the hover halo and the selection ring, in that order', () => {
		expect(mapItemLayers('light', null).map((layer) => layer.id)).toEqual([
			'map-item-clusters',
			'map-item-cluster-counts',
			'map-item-cluster-kinds',
			'map-item-points',
			'map-item-details',
			'map-item-highlighted',
			'map-item-selected'
		]);
	});

	it('colours single items by kind', () => {
		const points = mapItemLayers('light', null).find(
			(layer) => layer.id === mapItemLayerIds.points
		);
		expect(points?.type === 'circle' && points.paint?.['circle-color']).toEqual([
			'match',
			['get', 'kind'],
			'crew',
			'#8a4b00',
			'congregation',
			'#6b3fa0',
			'gathering',
			'#a3263f',
			'#1b6a7f'
		]);
	});

	it('rings only the selected item, and only when it is not inside a cluster', () => {
		const selected = mapItemLayers('dark', 'ada').find(
			(layer) => layer.id === mapItemLayerIds.selected
		);
		expect(selected?.type === 'circle' && selected.filter).toEqual([
			'all',
			['!', ['has', 'count']],
			['==', ['get', 'id'], 'ada']
		]);
	});

	it('rings nobody when nobody is selected', () => {
		const selected = mapItemLayers('light', null).find(
			(layer) => layer.id === mapItemLayerIds.selected
		);
		expect(selected?.type === 'circle' && selected.filter).toEqual([
			'all',
			['!', ['has', 'count']],
			['==', ['get', 'id'], '']
		]);
	});

	it('haloes only the item whose list entry is hovered', () => {
		const highlighted = mapItemLayers('light', 'ada', 'bo').find(
			(layer) => layer.id === mapItemLayerIds.highlighted
		);
		expect(highlighted?.type === 'circle' && highlighted.filter).toEqual([
			'all',
			['!', ['has', 'count']],
			['==', ['get', 'id'], 'bo']
		]);
	});

	it('sizes and labels clusters by what they stand for, not by how many points made them', () => {
		const clusters = mapItemLayers('light', null).find(
			(layer) => layer.id === mapItemLayerIds.clusters
		);
		const counts = mapItemLayers('light', null).find(
			(layer) => layer.id === mapItemLayerIds.clusterCounts
		);
		expect(clusters?.type === 'circle' && clusters.paint?.['circle-radius']).toEqual([
			'step',
			['get', 'count'],
			14,
			10,
			18,
			100,
			24,
			1000,
			30
		]);
		expect(counts?.type === 'symbol' && counts.layout?.['text-field']).toEqual([
			'get',
			'count_label'
		]);
	});
});
