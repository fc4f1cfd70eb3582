/** `['id', 'name']` as `'id, name'`, to the letter, so the select's type follows its columns. */
type Joined<Names extends readonly string[]> = Names extends readonly [
	infer First extends string,
	...infer Rest extends readonly string[]
]
	? Rest extends readonly []
		? First
		: `${First}, ${Joined<Rest>}`
	: string;

/**
 * A PostgREST select of these columns. The columns are written once, as a list: supabase-js
 * reads the rows' type from the joined string, and the list names the same columns for `Pick`.
 */
export function selectOf<const Names extends readonly string[]>(names: Names): Joined<Names> {
	return names.join(', ') as Joined<Names>;
}
