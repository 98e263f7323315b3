import { randomBytes } from 'node:crypto';

import type { ApiVersion, CustomerDetails } from './types';

/** Cashfree reports every timestamp in India Standard Time. */
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

export const DAY_MS = 24 * 60 * 60 * 1000;

export function toIstTimestamp(epochMs: number): string {
	return `${new Date(epochMs + IST_OFFSET_MS).toISOString().slice(0, 19)}+05:30`;
}

export function randomToken(length: number): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
	return Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** What a checkout pays an order with; clients only pass it through. */
export function newPaymentSessionId(): string {
	return `session_${randomToken(32)}`;
}

export function roundToPaise(amount: number): number {
	return Math.round(amount * 100) / 100;
}

export function withoutUndefined<T extends object>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/** 2022-09-01 is the legacy shape; 2023-08-01, 2025-01-01 and 2026-01-01 share the newer one. */
export function isLegacyVersion(version: ApiVersion): boolean {
	return version === '2022-09-01';
}

/** What Cashfree's Go SDK v6 added with 2026-01-01 (see README, *API version 2026-01-01*). */
export function has2026Shapes(version: ApiVersion): boolean {
	// Versions are dates, so they compare as text; a later version keeps 2026-01-01's additions.
	return version >= '2026-01-01';
}

/** Cashfree ids that 2022-09-01 sends as integers and later versions as digit strings. */
export function renderNumericId(id: string, version: ApiVersion): number | string {
	return isLegacyVersion(version) ? Number(id) : id;
}

/**
 * Hands out Cashfree-looking ids. Arbitrary starting points, so ids look like Cashfree's
 * rather than 1, 2, 3; one counter per kind so that ids never collide across stores.
 */
export class IdSequence {
	constructor(private next: number) {}

	take(): string {
		return String(this.next++);
	}
}

/** The customer's bank fields arrived with 2023-08-01; 2022-09-01 does not know them. */
export function renderCustomerDetails(
	details: CustomerDetails,
	version: ApiVersion,
): CustomerDetails {
	if (!isLegacyVersion(version)) return { ...details };
	const { customer_id, customer_phone, customer_email, customer_name } = details;
	return withoutUndefined<CustomerDetails>({
		customer_id,
		customer_phone,
		customer_email,
		customer_name,
	});
}

/** Counts of something that happened per id (cancels, terminations, acceptances), for tests to assert on. */
export class Tally<K> {
	private readonly counts = new Map<K, number>();

	add(key: K): void {
		this.counts.set(key, this.of(key) + 1);
	}

	of(key: K): number {
		return this.counts.get(key) ?? 0;
	}

	forget(key: K): void {
		this.counts.delete(key);
	}

	clear(): void {
		this.counts.clear();
	}
}

/**
 * http(s) URLs on 127.0.0.1, ::1 or localhost: the only notify URLs the simulator calls,
 * being a test tool that must never send a webhook out of the machine.
 */
export function isLoopbackUrl(text: string): boolean {
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return false;
	}
	return (
		(url.protocol === 'http:' || url.protocol === 'https:') &&
		['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname)
	);
}
