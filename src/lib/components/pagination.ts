/**
 * The page number in a `?page=` parameter: 1 when there is none, null when it is not a whole
 * number from 1 up (so the caller can say so rather than guess).
 */
export function parsePageNumber(value: string | null): number | null {
	if (value === null || value === '') return 1;
	if (!/^\d+$/.test(value)) return null;
	const page = Number(value);
	return Number.isSafeInteger(page) && page >= 1 ? page : null;
}

/** How many pages `total` items fill; an empty list still has its one (empty) page. */
export function pageCount(total: number, pageSize: number): number {
	return Math.max(1, Math.ceil(total / pageSize));
}

/**
 * The number to show for a page reached by keyset (`cursor`), from the `?page=` its link carried:
 * 1 without a cursor. The number finds nothing, so one that cannot be right (1 with a cursor, or
 * past the last page of `pageCount`, when it is known) shows as unknown: null.
 */
export function keysetPageNumber({
	cursor,
	page,
	pageCount
}: {
	cursor: boolean;
	page: number;
	pageCount: number | null;
}): number | null {
	if (!cursor) return 1;
	if (page < 2 || (pageCount !== null && page > pageCount)) return null;
	return page;
}
