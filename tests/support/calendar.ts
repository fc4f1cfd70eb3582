import ICAL from 'ical.js';
import type { APIRequestContext } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Reading calendar files back as a calendar app does, with ical.js: a parser independent of the
 * library that writes them (ical-generator), so a test checks the file, not the writer's model.
 */

/** The events of an iCalendar text, in the order the file has them. */
export function calendarEvents(text: string): ICAL.Event[] {
	const calendar = new ICAL.Component(ICAL.parse(text));
	return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}

/**
 * The events of the calendar file at `url`, fetched with `request` (a browser page's, so with its
 * cookies), after checking that it is one: a 200 of text/calendar.
 */
export async function downloadedEvents(
	request: APIRequestContext,
	url: string
): Promise<ICAL.Event[]> {
	const response = await request.get(url);
	expect(response.status()).toBe(200);
	expect(response.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	return calendarEvents(await response.text());
}
