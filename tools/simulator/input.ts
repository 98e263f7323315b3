/**
 * Reading an untrusted JSON request body. Every problem is thrown as Cashfree's 400
 * `<field>_missing` / `<field>_invalid`, naming the field's dotted path as Cashfree does.
 */
import { errors, RequestRejected, validationError } from './errors';
import { toIstTimestamp, withoutUndefined } from './format';
import type { CustomerDetails, VendorSplit } from './types';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function reject(field: string, problem: 'missing' | 'invalid', explanation: string): never {
	throw new RequestRejected(validationError(field, problem, explanation));
}

/** The request body as a JSON object, or Cashfree's 400 for anything else. */
export function parseJsonObject(text: string): JsonObject {
	let body: unknown;
	try {
		body = JSON.parse(text);
	} catch {
		throw new RequestRejected(errors.invalidJson());
	}
	if (!isJsonObject(body)) throw new RequestRejected(errors.invalidJson());
	return body;
}

interface JsonKinds {
	string: string;
	number: number;
	boolean: boolean;
}

/**
 * Reads an optional field of the given JSON type; `null` counts as absent, as in most JSON
 * APIs. `label` is the field's dotted path, which Cashfree puts in error codes and messages.
 */
export function readOptional<K extends keyof JsonKinds>(
	source: JsonObject,
	field: string,
	kind: K,
	label = field,
): JsonKinds[K] | undefined {
	const value = source[field];
	if (value === undefined || value === null) return undefined;
	if (typeof value !== kind || (kind === 'number' && !Number.isFinite(value)))
		reject(label, 'invalid', `should be a ${kind}`);
	return value as JsonKinds[K];
}

export function readRequiredString(source: JsonObject, field: string, label = field): string {
	const value = readOptional(source, field, 'string', label);
	if (value === undefined || value.trim() === '') reject(label, 'missing', 'is required');
	return value;
}

export interface TextRules {
	required?: boolean;
	minLength?: number;
	maxLength?: number;
	pattern?: RegExp;
	/** Says what `pattern` allows, for the error message. */
	patternHint?: string;
	label?: string;
}

/** A string field with the length and character rules Cashfree's documents give for it. */
export function readText(
	source: JsonObject,
	field: string,
	rules: TextRules & { required: true },
): string;
export function readText(source: JsonObject, field: string, rules?: TextRules): string | undefined;
export function readText(
	source: JsonObject,
	field: string,
	rules: TextRules = {},
): string | undefined {
	const label = rules.label ?? field;
	const value = rules.required
		? readRequiredString(source, field, label)
		: readOptional(source, field, 'string', label);
	if (value === undefined) return undefined;
	const { minLength = 0, maxLength = Infinity } = rules;
	if (value.length < minLength || value.length > maxLength) {
		const range =
			maxLength === Infinity ? `at least ${minLength}` : `between ${minLength} and ${maxLength}`;
		reject(label, 'invalid', `should be ${range} characters long`);
	}
	if (rules.pattern && !rules.pattern.test(value))
		reject(label, 'invalid', `should contain only ${rules.patternHint ?? 'allowed characters'}`);
	return value;
}

/** A positive amount with at most two decimals (paise), at least `minimum` when given. */
export function readAmount(
	source: JsonObject,
	field: string,
	minimum?: number,
): number | undefined {
	const amount = readOptional(source, field, 'number');
	if (amount === undefined) return undefined;
	if (amount <= 0) reject(field, 'invalid', 'should be greater than 0');
	if (minimum !== undefined && amount < minimum)
		reject(field, 'invalid', `should be at least ${minimum}`);
	if (Math.abs(amount * 100 - Math.round(amount * 100)) > 1e-6)
		reject(field, 'invalid', 'should have at most two decimals');
	return amount;
}

export function readRequiredAmount(source: JsonObject, field: string, minimum?: number): number {
	const amount = readAmount(source, field, minimum);
	if (amount === undefined) reject(field, 'missing', 'is required');
	return amount;
}

export function readObject(
	source: JsonObject,
	field: string,
	label = field,
): JsonObject | undefined {
	const value = source[field];
	if (value === undefined || value === null) return undefined;
	if (!isJsonObject(value)) reject(label, 'invalid', 'should be an object');
	return value;
}

export function readRequiredObject(source: JsonObject, field: string, label = field): JsonObject {
	const value = readObject(source, field, label);
	if (!value) reject(label, 'missing', 'is required');
	return value;
}

/** A value that must be one of a few documented strings. */
export function readEnum<T extends string>(
	source: JsonObject,
	field: string,
	allowed: readonly T[],
	label = field,
): T | undefined {
	const value = readOptional(source, field, 'string', label);
	if (value === undefined) return undefined;
	if (!(allowed as readonly string[]).includes(value))
		reject(label, 'invalid', `should be one of ${allowed.join(', ')}`);
	return value as T;
}

export function readRequiredEnum<T extends string>(
	source: JsonObject,
	field: string,
	allowed: readonly T[],
	label = field,
): T {
	const value = readEnum(source, field, allowed, label);
	if (value === undefined) reject(label, 'missing', 'is required');
	return value;
}

const LINK_CUSTOMER_RULES: Partial<Record<string, TextRules>> = {
	customer_phone: { required: true },
};

/** Order customers (not link customers) carry the documented length limits and a required customer_id. */
const ORDER_CUSTOMER_RULES: Partial<Record<string, TextRules>> = {
	customer_id: {
		required: true,
		minLength: 3,
		maxLength: 50,
		pattern: /^[A-Za-z0-9_-]+$/,
		patternHint: 'letters, digits, - and _',
	},
	customer_phone: {
		required: true,
		minLength: 10,
		maxLength: 10,
		pattern: /^\d+$/,
		patternHint: 'digits',
	},
	customer_email: { minLength: 3, maxLength: 100 },
	customer_name: { minLength: 3, maxLength: 100 },
	customer_bank_account_number: { minLength: 3, maxLength: 20 },
};

export function readCustomerDetails(
	body: JsonObject,
	kind: 'link' | 'order' = 'link',
): CustomerDetails {
	const source = readRequiredObject(body, 'customer_details');
	const text = (field: string): string | undefined => {
		const rules = (kind === 'order' ? ORDER_CUSTOMER_RULES : LINK_CUSTOMER_RULES)[field];
		return readText(source, field, { ...rules, label: `customer_details.${field}` });
	};
	const phone = text('customer_phone');
	return withoutUndefined<CustomerDetails>({
		customer_id: kind === 'order' ? text('customer_id') : undefined,
		customer_phone: phone as string,
		customer_email: text('customer_email'),
		customer_name: text('customer_name'),
		customer_bank_account_number: text('customer_bank_account_number'),
		customer_bank_ifsc: text('customer_bank_ifsc'),
		customer_bank_code: readOptional(
			source,
			'customer_bank_code',
			'number',
			'customer_details.customer_bank_code',
		),
	});
}

export function readSplits(body: JsonObject, field: string): VendorSplit[] {
	const splits = body[field];
	if (splits === undefined || splits === null) return [];
	if (
		!Array.isArray(splits) ||
		!splits.every((split) => isJsonObject(split) && typeof split.vendor_id === 'string')
	) {
		reject(field, 'invalid', 'should be a list of objects with a vendor_id');
	}
	return splits as VendorSplit[];
}

/**
 * A string map such as order_tags or link_notes, with Cashfree's limit on entries and, when
 * `valueLength` is given, on the length of each value.
 */
export function readStringMap(
	body: JsonObject,
	field: string,
	maxEntries: number,
	valueLength?: { min: number; max: number },
): Record<string, string> | undefined {
	const map = readObject(body, field);
	if (!map) return undefined;
	const entries = Object.entries(map);
	if (entries.length > maxEntries)
		reject(field, 'invalid', `should have at most ${maxEntries} entries`);
	const fits = (value: unknown): boolean =>
		typeof value === 'string' &&
		(!valueLength || (value.length >= valueLength.min && value.length <= valueLength.max));
	if (!entries.every(([, value]) => fits(value))) {
		const lengths = valueLength ? ` of ${valueLength.min} to ${valueLength.max} characters` : '';
		reject(field, 'invalid', `values should be strings${lengths}`);
	}
	return Object.fromEntries(entries) as Record<string, string>;
}

/** Parses an ISO 8601 time given in the body; Cashfree stores and answers it in IST. */
export function readTime(source: JsonObject, field: string, label = field): number | undefined {
	const text = readOptional(source, field, 'string', label);
	if (text === undefined) return undefined;
	const at = Date.parse(text);
	if (Number.isNaN(at))
		reject(label, 'invalid', 'should be an ISO 8601 time, e.g. 2021-07-02T10:20:12+05:30');
	return at;
}

/** An expiry time: in the future, IST, `defaultMs` from now when absent. */
export function readExpiryTime(
	body: JsonObject,
	field: string,
	now: number,
	defaultMs: number,
): string {
	const expiresAt = readTime(body, field);
	if (expiresAt === undefined) return toIstTimestamp(now + defaultMs);
	if (expiresAt <= now) reject(field, 'invalid', 'should be in the future');
	return toIstTimestamp(expiresAt);
}
