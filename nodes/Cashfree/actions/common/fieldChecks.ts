import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { FieldRule, PlacedField } from './fields';
import { istTimestamp, parseDateTime, sameDayInIst } from './dates';
import { describeValue, refuseParameter } from './refuse';

/**
 * One check per editor field type: what the value must be (said as one sentence, from the
 * editor field and Cashfree's rule together) and the value as Cashfree wants it.
 *
 * n8n's own parameter type validation (n8n-workflow's validateFieldType) does not do the same
 * job here: it takes "" and "0x10" as numbers (0 and 16), 1 and 0 as booleans, and "Infinity";
 * Cashfree's schemas and this node's rules refuse them.
 */
interface FieldCheck {
	rule(property: INodeProperties, rule: FieldRule): string;
	/** The checked value; `refuse(problem)` throws the refusal naming field, item and rule. */
	check(
		raw: unknown,
		field: PlacedField,
		refuse: (problem: string) => never,
		context: IExecuteFunctions,
	): unknown;
}

export function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function optionValues(property: INodeProperties): unknown[] {
	return ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
}

const got = (raw: unknown) => `got ${describeValue(raw)}`;

/** Plain decimal text, as a person writes a number: no hex, binary, octal, exponent or blank. */
const DECIMAL_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A number given as a number, or as decimal text (expressions often give text). JavaScript's
 * Number() would also take "0x10", "0b11", "0o17", "1e3", "Infinity" and "" (16, 3, 15, 1000,
 * Infinity, 0): nobody means those as an amount. Undefined when it is not a number.
 */
export function decimalNumber(raw: unknown): number | undefined {
	if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
	if (typeof raw !== 'string' || !DECIMAL_TEXT.test(raw.trim())) return undefined;
	const value = Number(raw.trim());
	return Number.isFinite(value) ? value : undefined;
}

/**
 * The value at `decimals` places when it differs from that only by binary float noise (0.1 +
 * 0.2 = 0.30000000000000004, 99.9 computed as 99.89999999999999): a few units in the last
 * place. A real further decimal (10.999999999, 10.005) is not noise: undefined.
 */
export function atDecimals(value: number, decimals: number): number | undefined {
	const scale = 10 ** decimals;
	const rounded = Math.round(value * scale) / scale;
	const noise = 8 * Number.EPSILON * Math.max(1, Math.abs(value));
	return Math.abs(value - rounded) <= noise ? rounded : undefined;
}

function rangeOf(property: INodeProperties, rule: FieldRule) {
	return {
		min: rule.min ?? (property.typeOptions?.minValue as number | undefined),
		max: rule.max ?? (property.typeOptions?.maxValue as number | undefined),
	};
}

const number: FieldCheck = {
	rule(property, rule) {
		const { min, max } = rangeOf(property, rule);
		const range =
			min !== undefined && max !== undefined
				? ` from ${min} to ${max}`
				: min !== undefined
					? ` of at least ${min}`
					: max !== undefined
						? ` of at most ${max}`
						: '';
		const decimals = rule.decimals !== undefined ? ` with at most ${rule.decimals} decimals` : '';
		return `${property.displayName} must be a number${range}${decimals}`;
	},
	check(raw, { property, rule }, refuse) {
		const value = decimalNumber(raw);
		if (value === undefined) return refuse(got(raw));
		const { min, max } = rangeOf(property, rule);
		if ((min !== undefined && value < min) || (max !== undefined && value > max))
			return refuse(got(raw));
		if (rule.decimals === undefined) return value;
		// Amounts leave with Cashfree's decimals: float noise rounded away, a real extra decimal refused.
		const exact = atDecimals(value, rule.decimals);
		if (exact === undefined)
			return refuse(`${got(raw)}, which has more than ${rule.decimals} decimals`);
		return exact;
	},
};

const boolean: FieldCheck = {
	rule: (property) => `${property.displayName} must be true or false`,
	check(raw, _, refuse) {
		if (typeof raw === 'boolean') return raw;
		if (raw === 'true' || raw === 'false') return raw === 'true';
		return refuse(got(raw));
	},
};

const options: FieldCheck = {
	rule: (property) => `${property.displayName} must be one of ${optionValues(property).join(', ')}`,
	check(raw, { property }, refuse) {
		if (!optionValues(property).includes(raw)) return refuse(got(raw));
		return raw;
	},
};

const multiOptions: FieldCheck = {
	rule: (property) =>
		`${property.displayName} must be a list of one of ${optionValues(property).join(', ')}`,
	check(raw, { property, rule }, refuse) {
		const values = typeof raw === 'string' ? raw.split(',').map((part) => part.trim()) : raw;
		if (!Array.isArray(values)) return refuse(got(raw));
		const unknown = values.find((value) => !optionValues(property).includes(value));
		if (unknown !== undefined) return refuse(`got ${describeValue(unknown)} among the values`);
		return rule.joinWith !== undefined ? values.join(rule.joinWith) : values;
	},
};

/** A date as an expression may give it: text, a JavaScript Date, or a Luxon DateTime ($now). */
function dateText(raw: unknown): string | undefined {
	if (typeof raw === 'string') return raw;
	if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? undefined : raw.toISOString();
	const toISO = (raw as { toISO?: unknown } | null)?.toISO;
	if (typeof toISO === 'function') {
		const text: unknown = toISO.call(raw);
		return typeof text === 'string' ? text : undefined;
	}
	return undefined;
}

const dateTime: FieldCheck = {
	rule: (property) =>
		`${property.displayName} must be a date and time that exists, e.g. 2026-12-31T23:59:00 (in the workflow's time zone) or 2026-12-31T23:59:00+05:30`,
	check(raw, { rule }, refuse, context) {
		const timeZone = context.getTimezone();
		if (rule.dayOnly) {
			const text = raw instanceof Date ? raw : dateText(raw);
			const day = text === undefined ? undefined : sameDayInIst(text, timeZone);
			return day ?? refuse(got(raw));
		}
		const text = dateText(raw);
		const time = text === undefined ? undefined : parseDateTime(text, timeZone);
		if (time === undefined) return refuse(got(raw));
		return istTimestamp(time);
	},
};

/**
 * Names that JavaScript treats as an object's machinery: n8n deep-copies parameters and
 * request bodies by assignment, which turns a "__proto__" key into a prototype and drops it,
 * so a tag or a cart field by that name would vanish on the way without a word.
 */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Cashfree's JSON objects (cart details, products, splits) are a few levels deep and small. */
export const JSON_FIELD_LIMITS = { depth: 20, values: 5_000, characters: 64 * 1024 } as const;

/**
 * What is wrong with a JSON value a field will send, walked without recursion (a value nested
 * thousands of levels deep must not overflow the stack here, or later in n8n's deep copy):
 * too deep, too many values, or a reserved key; undefined when it is fine.
 */
function jsonProblem(root: unknown): string | undefined {
	const stack: Array<{ value: unknown; depth: number; at: string }> = [
		{ value: root, depth: 1, at: '' },
	];
	let values = 0;
	while (stack.length > 0) {
		const { value, depth, at } = stack.pop()!;
		if (++values > JSON_FIELD_LIMITS.values)
			return `it has more than ${JSON_FIELD_LIMITS.values} values`;
		if (value === null || typeof value !== 'object') continue;
		if (depth > JSON_FIELD_LIMITS.depth)
			return `it is nested more than ${JSON_FIELD_LIMITS.depth} levels deep`;
		if (Array.isArray(value)) {
			value.forEach((entry, index) =>
				stack.push({ value: entry, depth: depth + 1, at: `${at}[${index}]` }),
			);
			continue;
		}
		for (const [key, entry] of Object.entries(value)) {
			if (RESERVED_KEYS.has(key)) return `the key "${key}"${at ? ` in ${at}` : ''} is not allowed`;
			stack.push({ value: entry, depth: depth + 1, at: at ? `${at}.${key}` : key });
		}
	}
	return undefined;
}

/** Key/value pairs (the editor's fixedCollection of entries) as one object of texts. */
const fixedCollection: FieldCheck = {
	rule: (property, rule) =>
		`${property.displayName} takes at most ${rule.maxEntries ?? 'any number of'} entries, each a name and a text`,
	check(raw, { rule }, refuse) {
		const entries = ((raw as IDataObject | undefined)?.entries ?? []) as Array<{
			key?: unknown;
			value?: unknown;
		}>;
		if (!Array.isArray(entries)) return refuse(got(raw));
		if (rule.maxEntries !== undefined && entries.length > rule.maxEntries) {
			return refuse(`it has ${entries.length} entries, the limit is ${rule.maxEntries}`);
		}
		const object: IDataObject = {};
		for (const { key, value } of entries) {
			if (typeof key !== 'string' || key.trim() === '') return refuse('an entry has no name');
			if (RESERVED_KEYS.has(key)) return refuse(`the name "${key}" is not allowed`);
			// The last of two entries with one name would win silently.
			if (Object.hasOwn(object, key)) return refuse(`the name "${key}" is given twice`);
			if (typeof value !== 'string' && typeof value !== 'number')
				return refuse(`the entry "${key}" is not a text`);
			Object.defineProperty(object, key, {
				value: String(value),
				enumerable: true,
				writable: true,
				configurable: true,
			});
		}
		return object;
	},
};

const json: FieldCheck = {
	rule(property, rule) {
		const name = property.displayName;
		if (rule.listOf) {
			return `${name} must be a JSON list of objects, each with ${rule.listOf.required.join(' and ')}`;
		}
		return rule.jsonObject ? `${name} must be a JSON object` : `${name} must be valid JSON`;
	},
	check(raw, { rule }, refuse) {
		let value: unknown = raw;
		if (typeof raw === 'string') {
			if (raw.length > JSON_FIELD_LIMITS.characters) {
				return refuse(
					`it is ${raw.length} characters long, the limit is ${JSON_FIELD_LIMITS.characters}`,
				);
			}
			try {
				value = JSON.parse(raw) as unknown;
			} catch {
				return refuse('it is not valid JSON');
			}
		}
		const problem = jsonProblem(value);
		if (problem) return refuse(problem);
		if (rule.jsonObject && !isPlainObject(value)) {
			return refuse(`expected a JSON object, got ${describeValue(value)}`);
		}
		if (rule.listOf) {
			if (!Array.isArray(value)) return refuse(`expected a list, got ${describeValue(value)}`);
			for (const [position, entry] of (value as unknown[]).entries()) {
				if (!isPlainObject(entry)) return refuse(`entry ${position + 1} is not an object`);
				const missing = rule.listOf.required.find((field) => entry[field] === undefined);
				if (missing) return refuse(`entry ${position + 1} has no ${missing}`);
			}
		}
		return value;
	},
};

/** Text fields, and everything else the editor shows as text. */
const text: FieldCheck = {
	rule(property, rule) {
		const length =
			rule.minLength !== undefined && rule.minLength === rule.maxLength
				? ` of exactly ${rule.maxLength} characters`
				: rule.minLength !== undefined && rule.maxLength !== undefined
					? ` of ${rule.minLength} to ${rule.maxLength} characters`
					: rule.maxLength !== undefined
						? ` of at most ${rule.maxLength} characters`
						: '';
		const list = rule.splitOn !== undefined ? ` (values separated by "${rule.splitOn}")` : '';
		return `${property.displayName} must be a text${length}${list}${rule.pattern ? `, ${rule.pattern.rule}` : ''}`;
	},
	check(raw, { rule }, refuse) {
		const value = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
		if (typeof value !== 'string') return refuse(`expected text, ${got(raw)}`);
		const length = Array.from(value).length;
		if (rule.maxLength !== undefined && length > rule.maxLength) {
			return refuse(`it is ${length} characters long, the limit is ${rule.maxLength}`);
		}
		if (rule.minLength !== undefined && length < rule.minLength) {
			return refuse(`it is ${length} characters long, the minimum is ${rule.minLength}`);
		}
		if (rule.splitOn !== undefined) {
			const parts = value
				.split(rule.splitOn)
				.map((part) => part.trim())
				.filter((part) => part !== '');
			const bad = rule.pattern ? parts.find((part) => !rule.pattern?.test.test(part)) : undefined;
			if (bad !== undefined) return refuse(`got ${describeValue(bad)} among the values`);
			return parts;
		}
		if (rule.pattern && !rule.pattern.test.test(value)) return refuse(got(value));
		return value;
	},
};

const CHECKS = new Map<string, FieldCheck>([
	['number', number],
	['boolean', boolean],
	['options', options],
	['multiOptions', multiOptions],
	['dateTime', dateTime],
	['fixedCollection', fixedCollection],
	['json', json],
]);

/** One value checked against its field and rule; the value as Cashfree wants it. */
export function checkValue(
	context: IExecuteFunctions,
	field: PlacedField,
	raw: unknown,
	itemIndex: number,
): unknown {
	const { property, rule } = field;
	const fieldCheck = CHECKS.get(property.type) ?? text;
	const refuse = (problem: string): never =>
		refuseParameter(
			context,
			property.displayName,
			itemIndex,
			problem,
			fieldCheck.rule(property, rule),
		);
	return fieldCheck.check(raw, field, refuse, context);
}
