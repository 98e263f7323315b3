import type {
	IDataObject,
	IExecuteFunctions,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { ApiVersion } from '../../transport';
import { requireApiVersion, type RunInfo } from './apiVersion';
import { describeValue, refuseParameter } from './refuse';

/**
 * What Cashfree's schema says of one request field, beyond what the editor field already
 * says (its type, `required`, its `options`, `typeOptions.minValue`/`maxValue`): where the
 * value goes in the request body and the checks the editor cannot enforce on an expression.
 */
export interface FieldRule {
	/** Cashfree's field name, dotted for nested objects: `customer_details.customer_phone`. */
	to: string;
	minLength?: number;
	maxLength?: number;
	pattern?: { test: RegExp; rule: string };
	min?: number;
	max?: number;
	/** Amounts: at most this many decimals (Cashfree takes paise, two). */
	decimals?: number;
	/** The first API version that has the field. */
	since?: ApiVersion;
	/** Key/value pairs (fixedCollection) become an object; at most this many. */
	maxEntries?: number;
	/** A multi-select sent as one comma-separated text, as Cashfree's payment_methods. */
	joinWith?: string;
	/** A text of comma-separated values sent as a list, as Cashfree's settlement filters. */
	splitOn?: string;
	/** JSON that must be a list of objects, each with these fields (e.g. vendor splits). */
	listOf?: { required: string[] };
	/** JSON that must be one object, passed to Cashfree as it is (e.g. cart details). */
	jsonObject?: boolean;
}

/** Cashfree's amounts: at least 1 (rupee), in paise at most. */
export const AMOUNT_RULE = { min: 1, decimals: 2 } as const;
export const CURRENCY_RULE = {
	pattern: { test: /^[A-Z]{3}$/, rule: 'three capital letters such as INR' },
} as const;
/** Cashfree only calls and redirects to https URLs. */
export const HTTPS_URL_RULE = {
	maxLength: 250,
	pattern: { test: /^https:\/\/[^\s/?#]+[^\s]*$/, rule: 'an https:// URL' },
} as const;

/** Rules by parameter name; a parameter without a rule is not sent by `fieldReader`. */
export type FieldRules = Record<string, FieldRule>;

/** A top-level field or one inside the Additional Fields collection, with its rule. */
interface PlacedField {
	property: INodeProperties;
	rule: FieldRule;
	inCollection?: string;
}

function placedFields(properties: INodeProperties[], rules: FieldRules): PlacedField[] {
	const placed: PlacedField[] = [];
	for (const property of properties) {
		if (property.type === 'collection') {
			for (const option of (property.options ?? []) as INodeProperties[]) {
				const rule = rules[option.name];
				if (rule) placed.push({ property: option, rule, inCollection: property.name });
			}
		} else if (rules[property.name]) {
			placed.push({ property, rule: rules[property.name] });
		}
	}
	return placed;
}

function setPath(body: IDataObject, path: string, value: unknown): void {
	const keys = path.split('.');
	let target = body;
	for (const key of keys.slice(0, -1)) {
		target[key] = (target[key] as IDataObject | undefined) ?? {};
		target = target[key] as IDataObject;
	}
	target[keys[keys.length - 1]] = value as IDataObject[keyof IDataObject];
}

function optionValues(property: INodeProperties): unknown[] {
	return ((property.options ?? []) as INodePropertyOptions[]).map((option) => option.value);
}

/** The rule as one sentence, from the editor field and the schema's rule together. */
function ruleText(property: INodeProperties, rule: FieldRule): string {
	const name = property.displayName;
	const min = rule.min ?? property.typeOptions?.minValue;
	const max = rule.max ?? property.typeOptions?.maxValue;
	switch (property.type) {
		case 'number': {
			const range =
				min !== undefined && max !== undefined
					? ` from ${min} to ${max}`
					: min !== undefined
						? ` of at least ${min}`
						: max !== undefined
							? ` of at most ${max}`
							: '';
			const decimals = rule.decimals !== undefined ? ` with at most ${rule.decimals} decimals` : '';
			return `${name} must be a number${range}${decimals}`;
		}
		case 'boolean':
			return `${name} must be true or false`;
		case 'options':
		case 'multiOptions':
			return `${name} must be ${property.type === 'multiOptions' ? 'a list of ' : ''}one of ${optionValues(property).join(', ')}`;
		case 'dateTime':
			return `${name} must be a date and time, e.g. 2026-12-31T23:59:00+05:30`;
		case 'fixedCollection':
			return `${name} takes at most ${rule.maxEntries ?? 'any number of'} entries, each a name and a text`;
		case 'json':
			if (rule.listOf) {
				return `${name} must be a JSON list of objects, each with ${rule.listOf.required.join(' and ')}`;
			}
			return rule.jsonObject ? `${name} must be a JSON object` : `${name} must be valid JSON`;
		default: {
			const length =
				rule.minLength !== undefined && rule.minLength === rule.maxLength
					? ` of exactly ${rule.maxLength} characters`
					: rule.minLength !== undefined && rule.maxLength !== undefined
						? ` of ${rule.minLength} to ${rule.maxLength} characters`
						: rule.maxLength !== undefined
							? ` of at most ${rule.maxLength} characters`
							: '';
			const list = rule.splitOn !== undefined ? ` (values separated by "${rule.splitOn}")` : '';
			return `${name} must be a text${length}${list}${rule.pattern ? `, ${rule.pattern.rule}` : ''}`;
		}
	}
}

/** India Standard Time, UTC+05:30, without daylight saving. */
const IST_OFFSET_MS = (5 * 60 + 30) * 60 * 1000;

/**
 * The same moment as Cashfree writes its own timestamps, e.g. 2026-12-31T23:59:00+05:30:
 * it stores and shows times in IST, and its examples send them so. Seconds are enough.
 */
export function istTimestamp(epochMs: number): string {
	return `${new Date(epochMs + IST_OFFSET_MS).toISOString().slice(0, 19)}+05:30`;
}

function isPlainObject(value: unknown): value is IDataObject {
	return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** One value checked against its field and rule; the value as Cashfree wants it. */
function checkValue(
	context: IExecuteFunctions,
	{ property, rule }: PlacedField,
	raw: unknown,
	itemIndex: number,
): unknown {
	const refuse = (problem: string): never =>
		refuseParameter(context, property.displayName, itemIndex, problem, ruleText(property, rule));
	const got = () => `got ${describeValue(raw)}`;
	switch (property.type) {
		case 'number': {
			const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
			if (typeof value !== 'number' || !Number.isFinite(value)) return refuse(got());
			const min = rule.min ?? property.typeOptions?.minValue;
			const max = rule.max ?? property.typeOptions?.maxValue;
			if ((min !== undefined && value < min) || (max !== undefined && value > max))
				return refuse(got());
			if (rule.decimals !== undefined) {
				const scaled = value * 10 ** rule.decimals;
				if (Math.abs(scaled - Math.round(scaled)) > 1e-6)
					return refuse(`${got()}, which has more than ${rule.decimals} decimals`);
			}
			return value;
		}
		case 'boolean':
			if (typeof raw === 'boolean') return raw;
			if (raw === 'true' || raw === 'false') return raw === 'true';
			return refuse(got());
		case 'options':
			if (!optionValues(property).includes(raw)) return refuse(got());
			return raw;
		case 'multiOptions': {
			const values = typeof raw === 'string' ? raw.split(',').map((part) => part.trim()) : raw;
			if (!Array.isArray(values)) return refuse(got());
			const unknown = values.find((value) => !optionValues(property).includes(value));
			if (unknown !== undefined) return refuse(`got ${describeValue(unknown)} among the values`);
			return rule.joinWith !== undefined ? values.join(rule.joinWith) : values;
		}
		case 'dateTime': {
			const text =
				typeof raw === 'string' ? raw : raw instanceof Date ? raw.toISOString() : undefined;
			const time = text === undefined ? NaN : Date.parse(text);
			if (Number.isNaN(time)) return refuse(got());
			return istTimestamp(time);
		}
		case 'fixedCollection': {
			const entries = ((raw as IDataObject | undefined)?.entries ?? []) as Array<{
				key?: unknown;
				value?: unknown;
			}>;
			if (!Array.isArray(entries)) return refuse(got());
			if (rule.maxEntries !== undefined && entries.length > rule.maxEntries) {
				return refuse(`it has ${entries.length} entries, the limit is ${rule.maxEntries}`);
			}
			const object: IDataObject = {};
			for (const { key, value } of entries) {
				if (typeof key !== 'string' || key.trim() === '') return refuse('an entry has no name');
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
		}
		case 'json': {
			let value: unknown = raw;
			if (typeof raw === 'string') {
				try {
					value = JSON.parse(raw) as unknown;
				} catch {
					return refuse('it is not valid JSON');
				}
			}
			if (rule.jsonObject && !isPlainObject(value)) {
				return refuse(`expected a JSON object, got ${describeValue(value)}`);
			}
			if (rule.listOf) {
				if (!Array.isArray(value)) return refuse(`expected a list, got ${describeValue(value)}`);
				value.forEach((entry: unknown, position) => {
					if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
						refuse(`entry ${position + 1} is not an object`);
					}
					const missing = rule.listOf?.required.find(
						(field) => (entry as IDataObject)[field] === undefined,
					);
					if (missing) refuse(`entry ${position + 1} has no ${missing}`);
				});
			}
			return value;
		}
		default: {
			const value = typeof raw === 'number' && Number.isFinite(raw) ? String(raw) : raw;
			if (typeof value !== 'string') return refuse(`expected text, ${got()}`);
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
			if (rule.pattern && !rule.pattern.test.test(value))
				return refuse(`got ${describeValue(value)}`);
			return value;
		}
	}
}

/**
 * The reader of an operation's fields: for one item, it reads the fields that have a rule,
 * checks each against it and builds Cashfree's request body, before anything is sent. Empty optional fields are left out, so Cashfree's
 * own defaults apply; a field the credential's API version lacks is refused, naming the
 * version that has it.
 */
export function fieldReader(
	properties: INodeProperties[],
	rules: FieldRules,
): (context: IExecuteFunctions, itemIndex: number, run: RunInfo) => IDataObject {
	// Which fields have a rule, and where they sit, depends on the operation only: found once.
	const placed = placedFields(properties, rules);
	return (context, itemIndex, run) => readPlacedFields(context, itemIndex, placed, run);
}

function readPlacedFields(
	context: IExecuteFunctions,
	itemIndex: number,
	placed: PlacedField[],
	run: RunInfo,
): IDataObject {
	const body: IDataObject = {};
	const collections = new Map<string, IDataObject>();
	const valueOf = ({ property, inCollection }: PlacedField): unknown => {
		if (!inCollection) return context.getNodeParameter(property.name, itemIndex, undefined);
		let collection = collections.get(inCollection);
		if (!collection) {
			collection = context.getNodeParameter(inCollection, itemIndex, {}) as IDataObject;
			collections.set(inCollection, collection);
		}
		return collection[property.name];
	};
	for (const field of placed) {
		const raw = valueOf(field);
		if (isEmpty(raw)) {
			if (field.property.required) {
				refuseParameter(
					context,
					field.property.displayName,
					itemIndex,
					'it is empty',
					`${field.property.displayName} is required`,
				);
			}
			continue;
		}
		const value = checkValue(context, field, raw, itemIndex);
		// An empty list or set of pairs (the editor's default) says nothing: Cashfree's default applies.
		if (
			Array.isArray(value)
				? value.length === 0
				: isPlainObject(value) && Object.keys(value).length === 0
		)
			continue;
		if (field.rule.since)
			requireApiVersion(context, field.property.displayName, field.rule.since, run, itemIndex);
		setPath(body, field.rule.to, value);
	}
	return body;
}
