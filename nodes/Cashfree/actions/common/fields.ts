import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ApiVersion } from '../../transport';
import { refuseRemovedInVersion, requireApiVersion, type RunInfo } from './apiVersion';
import { checkValue, isPlainObject } from './fieldChecks';
import { refuseParameter } from './refuse';

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
	/** The first API version that no longer has the field (Cashfree dropped it there). */
	removedIn?: ApiVersion;
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
	/** A date and time of which Cashfree reads only the day: sent as the day the user sees. */
	dayOnly?: boolean;
	/** For a required field: why it is, added to the refusal of an empty one. */
	requiredBecause?: string;
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

/** Cashfree's customer_email: a text with one "@" and no spaces. */
export const EMAIL_PATTERN = { test: /^[^@\s]+@[^@\s]+$/, rule: 'an email address' } as const;
/** The customer_email of orders and subscriptions. */
export const EMAIL_RULE = { minLength: 3, maxLength: 100, pattern: EMAIL_PATTERN } as const;
/** The customer_phone of orders and subscriptions: an Indian 10-digit number. */
export const TEN_DIGIT_PHONE_RULE = {
	minLength: 10,
	maxLength: 10,
	pattern: { test: /^[0-9]+$/, rule: 'digits only' },
} as const;
/** An Indian bank branch code. */
export const IFSC_RULE = {
	pattern: { test: /^[A-Z]{4}0[A-Z0-9]{6}$/, rule: 'an 11-character IFSC such as SBIN0000001' },
} as const;

/** Rules by parameter name; a parameter without a rule is not sent by `fieldReader`. */
export type FieldRules = Record<string, FieldRule>;

/** A top-level field or one inside the Additional Fields collection, with its rule. */
export interface PlacedField {
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

function isEmpty(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
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
		// A field hidden by another's choice (Payouts' Pay To) has no value: read as empty.
		if (!inCollection) return context.getNodeParameter(property.name, itemIndex, '');
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
					[`${field.property.displayName} is required`, field.rule.requiredBecause]
						.filter(Boolean)
						.join(': '),
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
		if (field.rule.removedIn)
			refuseRemovedInVersion(
				context,
				field.property.displayName,
				field.rule.removedIn,
				run,
				itemIndex,
			);
		setPath(body, field.rule.to, value);
	}
	return body;
}
