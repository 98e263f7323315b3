/**
 * The x-api-version values the Payment Gateway credential offers, oldest first: the one list
 * the credential's options, the operations' version gates and the simulator read.
 */
export const API_VERSIONS = ['2022-09-01', '2023-08-01', '2025-01-01'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

export const NEWEST_API_VERSION: ApiVersion = API_VERSIONS[API_VERSIONS.length - 1];

export function isApiVersion(value: unknown): value is ApiVersion {
	return (API_VERSIONS as readonly unknown[]).includes(value);
}

export function versionAtLeast(version: ApiVersion, since: ApiVersion): boolean {
	return API_VERSIONS.indexOf(version) >= API_VERSIONS.indexOf(since);
}
