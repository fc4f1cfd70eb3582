/**
 * Test data: a Field drawn as a select, as the filters draw how far ahead to look for
 * gatherings. Its options mix an empty value and numbers: a form sends each as text.
 */
export function upcomingGatheringsSelect(value: string) {
	return {
		id: 'within',
		name: 'within',
		label: 'Upcoming gatherings',
		options: [
			{ value: '', label: 'Any upcoming date' },
			{ value: 7, label: 'In the next week' },
			{ value: 30, label: 'In the next month' }
		],
		value
	};
}

/** A submitted form's data: each field once, or a list of pairs for a field sent several times. */
export function formDataOf(fields: Record<string, string> | readonly [string, string][]): FormData {
	const data = new FormData();
	for (const [name, value] of Array.isArray(fields) ? fields : Object.entries(fields)) {
		data.append(name, value);
	}
	return data;
}
