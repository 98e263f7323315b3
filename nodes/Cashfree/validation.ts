import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/** Cashfree's rule for link_id, which it also uses as the path segment of every link call. */
export const LINK_ID_MAX_LENGTH = 50;
const LINK_ID_ALLOWED = /^[A-Za-z0-9_-]+$/;
const LINK_ID_RULE = `Link ID must be 1 to ${LINK_ID_MAX_LENGTH} characters, each a letter A-Z or a-z, a digit 0-9, "-" or "_"`;

function describeCharacter(character: string): string {
	const codePoint = character.codePointAt(0) ?? 0;
	if (character === ' ') return 'a space';
	if (codePoint < 0x20 || codePoint === 0x7f) return `a control character (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})`;
	return `"${character}" (U+${codePoint.toString(16).toUpperCase().padStart(4, '0')})`;
}

/**
 * Refuses a link id that Cashfree would refuse, before anything is sent. Because only
 * letters, digits, "-" and "_" pass, no input can steer the request to another path:
 * "/", "..", "%2F", "?", "#" and any non-ASCII character are all refused here.
 */
export function validateLinkId(context: IExecuteFunctions, value: unknown, itemIndex: number): string {
	const refuse = (problem: string): never => {
		throw new NodeOperationError(context.getNode(), `Invalid Link ID in item ${itemIndex}: ${problem}`, {
			itemIndex,
			description: `${LINK_ID_RULE}. Nothing was sent to Cashfree for this item.`,
		});
	};
	// A spreadsheet column of numeric ids arrives as numbers; those are still valid ids.
	if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) value = String(value);
	if (typeof value !== 'string') {
		const got = value === null ? 'null' : typeof value === 'number' ? `the number ${value}` : typeof value;
		return refuse(`expected text or a whole number, got ${got}`);
	}
	if (value.trim() === '') return refuse(value === '' ? 'it is empty' : 'it contains only spaces');
	const characters = Array.from(value);
	if (characters.length > LINK_ID_MAX_LENGTH) {
		return refuse(`it is ${characters.length} characters long, the limit is ${LINK_ID_MAX_LENGTH}`);
	}
	if (!LINK_ID_ALLOWED.test(value)) {
		const position = characters.findIndex((character) => !LINK_ID_ALLOWED.test(character));
		return refuse(
			`${JSON.stringify(value)} contains ${describeCharacter(characters[position])} at position ${position + 1}; only letters A-Z and a-z, digits 0-9, "-" and "_" are allowed`,
		);
	}
	return value;
}
