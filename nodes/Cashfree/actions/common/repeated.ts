import type { IExecuteFunctions } from 'n8n-workflow';

import type { RunInfo } from './apiVersion';
import { refuseParameter } from './refuse';

/** Per run of the node (RunInfo is made once per run): each field's values, by the first item to give them. */
const firstItems = new WeakMap<RunInfo, Map<string, Map<string, number>>>();

/**
 * Refuses, while the items are read and so before anything is sent, a value of `displayName`
 * that an earlier item of the same run gave already: an id that must name one object per item
 * (a Payouts Transfer ID), which Cashfree would refuse for the second item, or, with Treat
 * Existing on, hand the second item the first item's object as if it were its own.
 */
export function refuseRepeatedValue(
	context: IExecuteFunctions,
	run: RunInfo,
	itemIndex: number,
	displayName: string,
	value: string,
	rule: string,
): void {
	let byField = firstItems.get(run);
	if (!byField) {
		byField = new Map();
		firstItems.set(run, byField);
	}
	let byValue = byField.get(displayName);
	if (!byValue) {
		byValue = new Map();
		byField.set(displayName, byValue);
	}
	const first = byValue.get(value);
	if (first !== undefined && first !== itemIndex) {
		refuseParameter(
			context,
			displayName,
			itemIndex,
			`item ${first} has the same ${displayName} "${value}"`,
			rule,
		);
	}
	byValue.set(value, itemIndex);
}
