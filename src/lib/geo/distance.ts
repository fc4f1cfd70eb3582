/**
 * How precisely a distance to a published cell may be said (the database measures it). Pure,
 * with exact-value tests.
 */

/**
 * The size a distance to a cell is rounded to, by the cell's length (its zoom), as the directory
 * rounds them (`directory_page`): a neighbourhood 1 km, a town 5, an area 20, a region 100.
 */
export function cellSizeKm(cell: string): number {
	if (cell.length >= 15) return 1;
	if (cell.length >= 13) return 5;
	if (cell.length >= 11) return 20;
	if (cell.length >= 9) return 100;
	return 1000;
}

/** A distance to a cell's centre rounded to the cell's size, never below one size. */
export function roundedDistanceKm(km: number, cell: string): number {
	const size = cellSizeKm(cell);
	return Math.max(Math.round(km / size), 1) * size;
}
