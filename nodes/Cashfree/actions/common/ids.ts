import type { IExecuteFunctions } from 'n8n-workflow';

import type { FieldRule } from './fields';
import { describeCharacter, refuseParameter } from './refuse';

/**
 * The rule for one kind of id that goes into a URL path. Because only letters, digits, "-"
 * and "_" (or only digits) pass, no input can steer a request to another path: "/", "..",
 * "%2F", "?", "#" and any non-ASCII character are refused before anything is sent.
 */
export interface IdRule {
	displayName: string;
	minLength: number;
	maxLength: number;
	/** Cashfree's own numeric ids (cf_payment_id, dispute_id) are digits only. */
	digitsOnly?: boolean;
	/**
	 * Another character set than letters, digits, "-" and "_" (Payouts' beneficiary_id takes "."
	 * and "|"; its transfer_id refuses "-"); `only` names them: 'letters, digits and "_"'.
	 * Such ids go into a query, encoded, never into a path.
	 */
	characters?: { test: RegExp; only: string };
}

const ID_CHARACTERS = /^[A-Za-z0-9_-]+$/;

/** The id rule as a field rule, for the ids a Create operation sends in its body. */
export const ID_PATTERN = {
	test: ID_CHARACTERS,
	rule: 'only letters A-Z and a-z, digits 0-9, "-" and "_"',
} as const;

/** For the ids a Create operation sends in its body: the same rule as in paths, as a field rule. */
export function idFieldRule(to: string, rule: IdRule): FieldRule {
	const pattern = rule.characters
		? { test: rule.characters.test, rule: `only ${rule.characters.only}` }
		: ID_PATTERN;
	return { to, minLength: rule.minLength, maxLength: rule.maxLength, pattern };
}
const DIGITS = /^[0-9]+$/;

/** Cashfree's rule for link_id, which it also uses as the path segment of every link call. */
export const LINK_ID: IdRule = { displayName: 'Link ID', minLength: 1, maxLength: 50 };
/** order_id: 3 to 45 characters, letters, digits, "_" and "-" (Cashfree's Create Order rule). */
export const ORDER_ID: IdRule = { displayName: 'Order ID', minLength: 3, maxLength: 45 };
/** refund_id: 3 to 40 characters (Cashfree's Create Refund rule). */
export const REFUND_ID: IdRule = { displayName: 'Refund ID', minLength: 3, maxLength: 40 };
/** cf_payment_id: Cashfree's numeric payment id (an int64 in 2022-09-01). */
export const CF_PAYMENT_ID: IdRule = {
	displayName: 'Payment ID',
	minLength: 1,
	maxLength: 20,
	digitsOnly: true,
};
/** dispute_id: Cashfree's numeric dispute id. */
export const DISPUTE_ID: IdRule = {
	displayName: 'Dispute ID',
	minLength: 1,
	maxLength: 20,
	digitsOnly: true,
};

function ruleText(rule: IdRule): string {
	const length =
		rule.minLength === rule.maxLength
			? `${rule.maxLength}`
			: `${rule.minLength} to ${rule.maxLength}`;
	if (rule.digitsOnly) return `${rule.displayName} must be ${length} digits 0-9`;
	if (rule.characters)
		return `${rule.displayName} must be ${length} characters, only ${rule.characters.only}`;
	return `${rule.displayName} must be ${length} characters, each a letter A-Z or a-z, a digit 0-9, "-" or "_"`;
}

/** Checks one id against its rule and returns it as text; refuses it naming the item and the rule. */
export function validateId(
	context: IExecuteFunctions,
	rule: IdRule,
	value: unknown,
	itemIndex: number,
): string {
	const refuse = (problem: string): never =>
		refuseParameter(context, rule.displayName, itemIndex, problem, ruleText(rule));
	// A spreadsheet column of numeric ids arrives as numbers; those are still valid ids.
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) value = String(value);
	if (typeof value !== 'string') {
		const got =
			value === null ? 'null' : typeof value === 'number' ? `the number ${value}` : typeof value;
		return refuse(`expected text or a whole number, got ${got}`);
	}
	if (value.trim() === '') return refuse(value === '' ? 'it is empty' : 'it contains only spaces');
	const characters = Array.from(value);
	if (characters.length > rule.maxLength) {
		return refuse(`it is ${characters.length} characters long, the limit is ${rule.maxLength}`);
	}
	const allowed = rule.digitsOnly ? DIGITS : (rule.characters?.test ?? ID_CHARACTERS);
	if (!allowed.test(value)) {
		const position = characters.findIndex((character) => !allowed.test(character));
		const only = rule.digitsOnly
			? 'digits 0-9 are'
			: `${rule.characters?.only ?? 'letters A-Z and a-z, digits 0-9, "-" and "_"'} are`;
		return refuse(
			`${JSON.stringify(value)} contains ${describeCharacter(characters[position])} at position ${position + 1}; only ${only} allowed`,
		);
	}
	if (characters.length < rule.minLength) {
		return refuse(`it is ${characters.length} characters long, the minimum is ${rule.minLength}`);
	}
	return value;
}
