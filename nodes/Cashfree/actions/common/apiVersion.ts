import type { IExecuteFunctions } from 'n8n-workflow';

import { refuseParameter } from './refuse';

/** The x-api-version values the credential offers, oldest first. */
export const API_VERSIONS = ['2022-09-01', '2023-08-01', '2025-01-01'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/** What a run knows before it reads any item: the credential's API version decides what exists. */
export interface RunInfo {
	apiVersion: ApiVersion;
}

export function isApiVersion(value: unknown): value is ApiVersion {
	return (API_VERSIONS as readonly unknown[]).includes(value);
}

export function versionAtLeast(version: ApiVersion, since: ApiVersion): boolean {
	return API_VERSIONS.indexOf(version) >= API_VERSIONS.indexOf(since);
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
