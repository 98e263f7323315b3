import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { API_VERSIONS, versionAtLeast, type ApiVersion } from '../../transport';

/** What a run knows before it reads any item: the credential's API version decides what exists. */
export interface RunInfo {
	apiVersion: ApiVersion;
}

/**
 * Refuses what the credential's API version does not have, before anything is sent: Cashfree
 * would answer with a bare "not found" that does not say a newer version has it. The item is
 * not at fault, the credential is, so the message says what is needed in the editor's words:
 * "Terminate Order needs API version 2023-08-01 or later; the credential uses 2022-09-01".
 */
export function requireApiVersion(
	context: IExecuteFunctions,
	what: string,
	since: ApiVersion,
	run: RunInfo,
	itemIndex: number,
): void {
	if (versionAtLeast(run.apiVersion, since)) return;
	throw new NodeOperationError(
		context.getNode(),
		`${what} needs API version ${since} or later; the credential uses ${run.apiVersion}`,
		{
			itemIndex,
			description: `Open the Cashfree credential and pick API Version ${since} or later (the shape of some answers changes with it). Nothing was sent to Cashfree.`,
		},
	);
}

/**
 * Refuses a field that Cashfree dropped in the credential's API version, before anything is
 * sent: a newer version would not say that it ignored the field, and the user would believe it
 * stored. The message names the version that dropped it and the last one that has it:
 * "Subscription Note was removed in API version 2026-01-01; the credential uses 2026-01-01".
 */
export function refuseRemovedInVersion(
	context: IExecuteFunctions,
	what: string,
	removedIn: ApiVersion,
	run: RunInfo,
	itemIndex: number,
): void {
	if (!versionAtLeast(run.apiVersion, removedIn)) return;
	const lastWithIt = API_VERSIONS[API_VERSIONS.indexOf(removedIn) - 1];
	throw new NodeOperationError(
		context.getNode(),
		`${what} was removed in API version ${removedIn}; the credential uses ${run.apiVersion}`,
		{
			itemIndex,
			description: `Leave ${what} empty, or pick API Version ${lastWithIt} or earlier in the Cashfree credential. Nothing was sent to Cashfree.`,
		},
	);
}
