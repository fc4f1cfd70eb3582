/**
 * The hosts' CSV export of a gathering's sign-ups (`/gatherings/<id>/attendees.csv`): one row per
 * person, as the database lists them to a host (`gathering_attendees`), so each person appears
 * only as their own visibility lets the host see them. RFC 4180: fields quoted when they hold a
 * comma, a quote or a line break, lines ended by CRLF. A cell that a spreadsheet would read as a
 * formula (starting with =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe,
 * as OWASP advises against CSV injection: names are typed by the people themselves.
 */
import type { Rsvp } from './rsvp-state';
import { RSVP_STANDING_NAMES, UNNAMED_ATTENDEE, rsvpStanding } from './wording';

/** What a line holds of an answer. */
export type AttendeeRow = Omit<Rsvp, 'profile_id'>;

export const CSV_HEADER = ['Name', 'Place', 'Answer', 'Host', 'Answered at (UTC)'] as const;

/** One field, safe for a spreadsheet and quoted where CSV needs it. */
export function csvField(value: string): string {
	const defused = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
	return /[",\r\n]/.test(defused) ? `"${defused.replaceAll('"', '""')}"` : defused;
}

/** The whole file: a header line, then a line per person, in the order given. */
export function attendeesCsv(rows: readonly AttendeeRow[]): string {
	const lines = [
		CSV_HEADER.map(csvField).join(','),
		...rows.map((row) =>
			[
				row.display_name ?? UNNAMED_ATTENDEE,
				row.place_label ?? '',
				RSVP_STANDING_NAMES[rsvpStanding(row)],
				row.is_host ? 'yes' : 'no',
				new Date(row.responded_at).toISOString().replace('T', ' ').slice(0, 16)
			]
				.map(csvField)
				.join(',')
		)
	];
	return `${lines.join('\r\n')}\r\n`;
}

/** A file name for the export: the gathering's name in plain letters, then "attendees.csv". */
export function csvFileName(gatheringName: string): string {
	const slug = gatheringName
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
		.slice(0, 60);
	return `${slug || 'gathering'}-attendees.csv`;
}
