import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	IDEMPOTENCY_KEY_MAX_LENGTH,
	OPTION_LIMITS,
	REQUEST_ID_MAX_LENGTH,
	type CallSettings,
} from '../../transport';
import { decimalNumber } from './fieldChecks';
import { describeCharacter, describeValue, refuseParameter } from './refuse';
import { SHARED_OPTIONS } from './requestOptions.description';

/** One item's Additional Options, checked: the client's per-request settings and the run's. */
export interface RequestOptions extends CallSettings {
	timeout: number;
	maxAttempts: number;
	waitOnRateLimit: boolean;
	/** Items at Once as the user set it; undefined when not set (the run then adapts it). */
	concurrency?: number;
	rateLimitWaitBudget: number;
}

/** The per-item settings an operation hands to the client unchanged (its own key aside). */
export function callSettings({ requestId, timeout, maxAttempts, waitOnRateLimit }: RequestOptions) {
	return { requestId, timeout, maxAttempts, waitOnRateLimit };
}

/** The names the editor shows, taken from the options themselves so they cannot drift apart. */
const DISPLAY_NAMES = new Map(SHARED_OPTIONS.map((option) => [option.name, option.displayName]));

function displayNameOf(name: string): string {
	return DISPLAY_NAMES.get(name) ?? name;
}

function readOptions(context: IExecuteFunctions, itemIndex: number): IDataObject {
	return context.getNodeParameter('additionalOptions', itemIndex, {}) as IDataObject;
}

/** A whole number within the option's limits; numbers written as text (from expressions) count. */
function readWholeNumber(
	context: IExecuteFunctions,
	options: IDataObject,
	name: keyof typeof OPTION_LIMITS,
	itemIndex: number,
): number {
	const { min, max, default: fallback } = OPTION_LIMITS[name];
	const raw = options[name];
	if (raw === undefined || raw === '') return fallback;
	const value = decimalNumber(raw);
	const displayName = displayNameOf(name);
	if (value === undefined || !Number.isInteger(value) || value < min || value > max) {
		return refuseParameter(
			context,
			displayName,
			itemIndex,
			`got ${describeValue(raw)}`,
			`${displayName} must be a whole number from ${min} to ${max}`,
		);
	}
	return value;
}

function readBoolean(
	context: IExecuteFunctions,
	raw: unknown,
	displayName: string,
	itemIndex: number,
	fallback: boolean,
): boolean {
	if (raw === undefined || raw === '') return fallback;
	if (typeof raw === 'boolean') return raw;
	if (raw === 'true' || raw === 'false') return raw === 'true';
	return refuseParameter(
		context,
		displayName,
		itemIndex,
		`got ${describeValue(raw)}`,
		`${displayName} must be true or false`,
	);
}

/**
 * Header values: printable ASCII (0x21-0x7E) only. Node would send other characters as an
 * empty or mangled header, so a key like "ключ" protected nothing and "订单-2024" and
 * "订购-2024" became the same key.
 */
function readHeaderText(
	context: IExecuteFunctions,
	options: IDataObject,
	name: 'requestId' | 'idempotencyKey',
	itemIndex: number,
	maxLength: number,
): string | undefined {
	const raw = options[name];
	if (raw === undefined || raw === null || raw === '') return undefined;
	const displayName = displayNameOf(name);
	const rule = `${displayName} must be 1 to ${maxLength} printable ASCII characters (letters, digits and symbols such as - _ . :), without spaces`;
	const refuse = (problem: string) =>
		refuseParameter(context, displayName, itemIndex, problem, rule);
	if (typeof raw !== 'string' && typeof raw !== 'number')
		return refuse(`expected text, got ${describeValue(raw)}`);
	const value = String(raw).trim();
	if (value === '') return undefined;
	if (value.length > maxLength)
		return refuse(`it is ${value.length} characters long, the limit is ${maxLength}`);
	const characters = Array.from(value);
	const position = characters.findIndex((character) => {
		const code = character.codePointAt(0) ?? 0;
		return code < 0x21 || code > 0x7e;
	});
	if (position >= 0)
		return refuse(
			`it contains ${describeCharacter(characters[position])} at position ${position + 1}`,
		);
	return value;
}

/** Reads and checks the shared Additional Options of one item; throws before anything is sent. */
export function readRequestOptions(context: IExecuteFunctions, itemIndex: number): RequestOptions {
	const options = readOptions(context, itemIndex);
	return {
		requestId: readHeaderText(context, options, 'requestId', itemIndex, REQUEST_ID_MAX_LENGTH),
		idempotencyKey: readHeaderText(
			context,
			options,
			'idempotencyKey',
			itemIndex,
			IDEMPOTENCY_KEY_MAX_LENGTH,
		),
		timeout: readWholeNumber(context, options, 'timeout', itemIndex),
		maxAttempts: readWholeNumber(context, options, 'maxAttempts', itemIndex),
		concurrency:
			options.concurrency === undefined || options.concurrency === ''
				? undefined
				: readWholeNumber(context, options, 'concurrency', itemIndex),
		rateLimitWaitBudget: readWholeNumber(context, options, 'rateLimitWaitBudget', itemIndex),
		waitOnRateLimit: readBoolean(
			context,
			options.waitOnRateLimit,
			displayNameOf('waitOnRateLimit'),
			itemIndex,
			true,
		),
	};
}

/** A boolean option of one operation (off unless set), named as the editor shows it. */
export function readOperationFlag(
	context: IExecuteFunctions,
	option: INodeProperties,
	itemIndex: number,
): boolean {
	return readBoolean(
		context,
		readOptions(context, itemIndex)[option.name],
		option.displayName,
		itemIndex,
		false,
	);
}
