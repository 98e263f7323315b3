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
	 * Subscription ids also take ".", and subscription ids " ": harmless in one encoded path
	 * segment, except an id of dots alone ("." or ".."), which a URL reads as a directory step.
	 */
	alsoDots?: boolean;
	alsoSpaces?: boolean;
	/**
	 * Another character set altogether (Payouts' beneficiary_id takes "." and "|"; its
	 * transfer_id refuses "-"); `only` names them: 'letters, digits and "_"'. Such ids go into a
	 * query, encoded, never into a path.
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
		: rule.alsoDots
			? {
					// The path rule as one pattern: the allowed characters, and not dots alone.
					test: new RegExp(`^(?!\\.+$)${allowedCharacters(rule).test.source.slice(1)}`),
					rule: `only ${allowedCharacters(rule).words}, not dots alone`,
				}
			: ID_PATTERN;
	return { to, minLength: rule.minLength, maxLength: rule.maxLength, pattern };
}
const DIGITS = /^[0-9]+$/;
const WITH_DOTS = /^[A-Za-z0-9_.-]+$/;
const WITH_DOTS_AND_SPACES = /^[A-Za-z0-9_. -]+$/;
const ONLY_DOTS = /^\.+$/;

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

/** plan_id: 1 to 40 characters, letters, digits, ".", "-" and "_" (Cashfree's Create Plan rule). */
export const PLAN_ID: IdRule = {
	displayName: 'Plan ID',
	minLength: 1,
	maxLength: 40,
	alsoDots: true,
};
/** subscription_id: up to 250 characters, letters, digits, "_", ".", "-" and spaces (Create Subscription). */
export const SUBSCRIPTION_ID: IdRule = {
	displayName: 'Subscription ID',
	minLength: 1,
	maxLength: 250,
	alsoDots: true,
	alsoSpaces: true,
};
/**
 * A subscription payment's payment_id and a subscription refund's refund_id: the documents give
 * no rule, so the subscription id's length with the characters every other Cashfree id allows.
 */
export const SUBSCRIPTION_PAYMENT_ID: IdRule = {
	displayName: 'Payment ID',
	minLength: 1,
	maxLength: 250,
	alsoDots: true,
};
export const SUBSCRIPTION_REFUND_ID: IdRule = {
	...SUBSCRIPTION_PAYMENT_ID,
	displayName: 'Refund ID',
};

function allowedCharacters(rule: IdRule): { test: RegExp; words: string } {
	if (rule.digitsOnly) return { test: DIGITS, words: 'digits 0-9' };
	if (rule.characters) return { test: rule.characters.test, words: rule.characters.only };
	if (rule.alsoSpaces)
		return {
			test: WITH_DOTS_AND_SPACES,
			words: 'letters A-Z and a-z, digits 0-9, ".", "-", "_" and spaces',
		};
	if (rule.alsoDots)
		return { test: WITH_DOTS, words: 'letters A-Z and a-z, digits 0-9, ".", "-" and "_"' };
	return { test: ID_CHARACTERS, words: 'letters A-Z and a-z, digits 0-9, "-" and "_"' };
}

function ruleText(rule: IdRule): string {
	const length =
		rule.minLength === rule.maxLength
			? `${rule.maxLength}`
			: `${rule.minLength} to ${rule.maxLength}`;
	if (rule.digitsOnly) return `${rule.displayName} must be ${length} digits 0-9`;
	if (rule.characters)
		return `${rule.displayName} must be ${length} characters, only ${rule.characters.only}`;
	if (rule.alsoDots)
		return `${rule.displayName} must be ${length} characters, each one of ${allowedCharacters(rule).words}, and not dots alone`;
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
	const allowed = allowedCharacters(rule);
	if (!allowed.test.test(value)) {
		const position = characters.findIndex((character) => !allowed.test.test(character));
		return refuse(
			`${JSON.stringify(value)} contains ${describeCharacter(characters[position])} at position ${position + 1}; only ${allowed.words} are allowed`,
		);
	}
	if (ONLY_DOTS.test(value)) return refuse(`${JSON.stringify(value)} is dots alone`);
	if (characters.length < rule.minLength) {
		return refuse(`it is ${characters.length} characters long, the minimum is ${rule.minLength}`);
	}
	return value;
}
