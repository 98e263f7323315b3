import type { IExecuteFunctions } from 'n8n-workflow';

import { versionAtLeast, type ApiVersion } from '../../transport';
import { refuseParameter } from './refuse';

/** What a run knows before it reads any item: the credential's API version decides what exists. */
export interface RunInfo {
	apiVersion: ApiVersion;
}

/**
 * Refuses what the credential's API version does not have, before anything is sent: Cashfree
 * would answer with a bare "not found" that does not say a newer version has it.
 */
export function requireApiVersion(
	context: IExecuteFunctions,
	what: string,
	since: ApiVersion,
	run: RunInfo,
	itemIndex: number,
): void {
	if (versionAtLeast(run.apiVersion, since)) return;
	refuseParameter(
		context,
		'API Version',
		itemIndex,
		`${what} needs Cashfree API version ${since} or later; the credential uses ${run.apiVersion}`,
		`Open the Cashfree credential and pick API Version ${since} or later (the shape of some answers changes with it)`,
	);
}
