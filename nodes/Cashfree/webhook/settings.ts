import type { IWebhookFunctions } from 'n8n-workflow';

import { describeValue } from '../actions/common/refuse';
import { ALL_EVENTS } from './events';

/**
 * The trigger's settings, checked like the Cashfree node's Additional Options: any of them may
 * come from an expression, and a value that is not one the editor would store is refused instead
 * of being read loosely. Read loosely, `0`, `""` or `null` for Verify Signatures turned
 * verification off, and a tolerance of -1, "abc", NaN or 1e9 turned the timestamp check off.
 */

export const TOLERANCE_LIMITS = { min: 0, max: 604_800 } as const;

export interface TriggerSettings {
	verifySignatures: boolean;
	toleranceSeconds: number;
	events: string[];
	includeTestEvents: boolean;
	/** Version 1 only: the secret once kept in the workflow itself (see the node). */
	legacyPreviousSecret: string;
}

/**
 * What differs between the triggers (and their versions) when a setting is not set: each
 * Cashfree product has its own events, and only version 1 of the Payment Gateway trigger kept a
 * previous secret in the workflow.
 */
export interface SettingDefaults {
	toleranceSeconds: number;
	events: readonly string[];
	/** One of the product's event types, for the Events rule's example. */
	exampleEvent: string;
	/** Whether this node reads the deprecated Previous Client Secret parameter. */
	readsLegacyPreviousSecret: boolean;
}

/** A setting that cannot be used. */
export interface SettingProblem {
	/** Names the setting and its rule, never its value: it is sent back to the caller. */
	message: string;
	/** What was found, for n8n's log only. */
	found: string;
}

export type SettingsResult =
	| { ok: true; settings: TriggerSettings }
	| ({ ok: false } & SettingProblem);

/** A parameter the node does not have; it then takes its default. */
const NOT_SET = Symbol('not set');

/** Records a setting that cannot be used and gives the value to go on reading with. */
type Refuse = <T>(displayName: string, rule: string, found: string, fallback: T) => T;

/** Exactly true or false, or the texts "true" and "false" (what an expression may give). */
function readBoolean(
	refuse: Refuse,
	raw: unknown,
	displayName: string,
	fallback: boolean,
): boolean {
	if (raw === NOT_SET) return fallback;
	if (raw === true || raw === 'true') return true;
	if (raw === false || raw === 'false') return false;
	return refuse(displayName, 'it must be true or false', describeValue(raw), fallback);
}

/** A whole number within the limits; a number written as text (from an expression) counts. */
function readWholeNumber(
	refuse: Refuse,
	raw: unknown,
	displayName: string,
	{ min, max }: { min: number; max: number },
	fallback: number,
): number {
	if (raw === NOT_SET) return fallback;
	const value = typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : raw;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		const rule = `it must be a whole number from ${min} to ${max}`;
		return refuse(displayName, rule, describeValue(raw), fallback);
	}
	return value;
}

/** The event types: a list of texts, or one text (an expression giving a single type). */
function readEvents(refuse: Refuse, raw: unknown, defaults: SettingDefaults): string[] {
	if (raw === NOT_SET) return [...defaults.events];
	const list = typeof raw === 'string' ? [raw] : raw;
	if (
		!Array.isArray(list) ||
		list.length === 0 ||
		!list.every((type) => typeof type === 'string' && type !== '')
	) {
		const rule = `it must be a list of event types, such as ["${defaults.exampleEvent}"] or ["${ALL_EVENTS}"]`;
		return refuse('Events', rule, describeValue(raw), []);
	}
	return list as string[];
}

function readSecret(refuse: Refuse, raw: unknown, displayName: string): string {
	if (raw === NOT_SET || raw === undefined || raw === null || raw === '') return '';
	// Its value is never described, not even in the log: it may be a secret.
	if (typeof raw !== 'string') return refuse(displayName, 'it must be text', `a ${typeof raw}`, '');
	return raw;
}

/**
 * Reads every setting a delivery needs, or says which one cannot be used (the first found).
 * Settings the editor hides (the tolerance while verification is off) are not read.
 */
export function readTriggerSettings(
	context: IWebhookFunctions,
	defaults: SettingDefaults,
): SettingsResult {
	const node = context.getNode();
	const problems: SettingProblem[] = [];
	const refuse: Refuse = (displayName, rule, found, fallback) => {
		problems.push({ message: `Invalid ${displayName} setting: ${rule}`, found });
		return fallback;
	};
	/** The parameter's value; NOT_SET when the node has none (n8n would throw "Could not get"). */
	const parameter = (name: string, displayName: string): unknown => {
		if (node.parameters[name] === undefined) return NOT_SET;
		try {
			return context.getNodeParameter(name, undefined);
		} catch {
			return refuse(displayName, 'its expression could not be evaluated', 'an error', NOT_SET);
		}
	};

	const verifySignatures = readBoolean(
		refuse,
		parameter('verifySignatures', 'Verify Signatures'),
		'Verify Signatures',
		true,
	);
	const settings: TriggerSettings = {
		verifySignatures,
		toleranceSeconds: verifySignatures
			? readWholeNumber(
					refuse,
					parameter('toleranceSeconds', 'Timestamp Tolerance (Seconds)'),
					'Timestamp Tolerance (Seconds)',
					TOLERANCE_LIMITS,
					defaults.toleranceSeconds,
				)
			: 0,
		events: readEvents(refuse, parameter('events', 'Events'), defaults),
		includeTestEvents: readBoolean(
			refuse,
			parameter('includeTestEvents', 'Include Test Events'),
			'Include Test Events',
			false,
		),
		legacyPreviousSecret:
			verifySignatures && defaults.readsLegacyPreviousSecret
				? readSecret(
						refuse,
						parameter('previousClientSecret', 'Previous Client Secret'),
						'Previous Client Secret',
					)
				: '',
	};
	return problems.length === 0 ? { ok: true, settings } : { ok: false, ...problems[0] };
}
