/**
 * Dates and times as Cashfree takes them: the moment a text names, read in the workflow's time
 * zone when it carries no offset, and written back in India Standard Time as Cashfree writes
 * its own timestamps.
 */

/** India Standard Time, UTC+05:30, without daylight saving. */
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

/**
 * The same moment as Cashfree writes its own timestamps, e.g. 2026-12-31T23:59:00+05:30:
 * it stores and shows times in IST, and its examples send them so. Seconds are enough.
 */
export function istTimestamp(epochMs: number): string {
	return `${new Date(epochMs + IST_OFFSET_MS).toISOString().slice(0, 19)}+05:30`;
}

/** ISO 8601 as n8n's date picker and expressions write it; the zone is optional. */
const ISO_DATE_TIME =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/** How far `timeZone` is ahead of UTC at `epochMs` (India: 5.5 hours, always). */
function zoneOffsetMs(timeZone: string, epochMs: number): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(epochMs));
	const part = (type: string) => Number(parts.find((entry) => entry.type === type)?.value);
	const wall = Date.UTC(
		part('year'),
		part('month') - 1,
		part('day'),
		part('hour'),
		part('minute'),
		part('second'),
	);
	return wall - Math.floor(epochMs / 1000) * 1000;
}

/**
 * The moment a date and time names: with its own offset, or else in the workflow's time zone
 * (n8n's date picker sends no offset; the n8n process's own zone has nothing to do with it).
 * Impossible dates (30 February, 24:00, minute 60) are undefined, not rolled over.
 */
export function parseDateTime(text: string, timeZone: string): number | undefined {
	const match = ISO_DATE_TIME.exec(text.trim());
	if (!match) return undefined;
	const [, year, month, day, hour = '0', minute = '0', second = '0', fraction = '', zone] = match;
	const fields = [year, month, day, hour, minute, second].map(Number);
	const wall = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
	const back = new Date(wall);
	const exists =
		back.getUTCFullYear() === fields[0] &&
		back.getUTCMonth() === fields[1] - 1 &&
		back.getUTCDate() === fields[2] &&
		back.getUTCHours() === fields[3] &&
		back.getUTCMinutes() === fields[4] &&
		back.getUTCSeconds() === fields[5];
	if (!exists) return undefined;
	const milliseconds = Number(`0.${fraction || '0'}`) * 1000;
	if (zone === undefined) {
		// Two passes find the offset in force at that wall-clock time, across a DST change too.
		const guess = wall - zoneOffsetMs(timeZone, wall);
		return wall - zoneOffsetMs(timeZone, guess) + milliseconds;
	}
	if (zone.toUpperCase() === 'Z') return wall + milliseconds;
	const sign = zone.startsWith('-') ? -1 : 1;
	const digits = zone.replace(/[^0-9]/g, '');
	const offsetHours = Number(digits.slice(0, 2));
	const offsetMinutes = Number(digits.slice(2));
	if (offsetHours > 14 || offsetMinutes > 59) return undefined;
	return wall - sign * (offsetHours * 60 + offsetMinutes) * 60_000 + milliseconds;
}

/**
 * For a field of which Cashfree reads only the day (a subscription's next charge date): the
 * wall-clock date and time as written, or as the workflow's time zone shows a Date given by an
 * expression, labelled IST. Converting the moment to IST would move a date picked late in the
 * evening in New York, or early in the morning in Sydney, to another day.
 */
export function sameDayInIst(raw: string | Date, timeZone: string): string | undefined {
	if (raw instanceof Date && Number.isNaN(raw.getTime())) return undefined;
	const text =
		raw instanceof Date
			? new Date(raw.getTime() + zoneOffsetMs(timeZone, raw.getTime())).toISOString().slice(0, 19)
			: raw;
	if (parseDateTime(text, timeZone) === undefined) return undefined;
	const [, year, month, day, hour = '00', minute = '00', second = '00'] =
		ISO_DATE_TIME.exec(text.trim()) ?? [];
	return `${year}-${month}-${day}T${hour}:${minute}:${second}+05:30`;
}
