import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * Refuses one parameter of one item before anything is sent, naming the field, the item and
 * the rule: every check of user input (ids, fields, options) ends here, so they all read alike.
 */
export function refuseParameter(
	context: IExecuteFunctions,
	displayName: string,
	itemIndex: number,
	problem: string,
	rule: string,
): never {
	throw new NodeOperationError(
		context.getNode(),
		`Invalid ${displayName} in item ${itemIndex}: ${problem}`,
		{
			itemIndex,
			description: `${rule}. Nothing was sent to Cashfree for this item.`,
		},
	);
}

/** A value as a message shows it: short, typed, never a whole pasted document. */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (typeof value === 'number') return `the number ${value}`;
	if (typeof value === 'string')
		return value.length > 40 ? `a text of ${value.length} characters` : `"${value}"`;
	if (Array.isArray(value)) return 'a list';
	return typeof value;
}

/** One character as a message names it, with its code point so invisible ones can be found. */
export function describeCharacter(character: string): string {
	const codePoint = character.codePointAt(0) ?? 0;
	const code = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
	if (character === ' ') return 'a space';
	if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0))
		return `a control character (${code})`;
	return /[\p{L}\p{N}\p{P}\p{S}]/u.test(character) ? `"${character}" (${code})` : code;
}
