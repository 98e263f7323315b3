/**
 * The x-api-version values the Payment Gateway credential offers, oldest first: the one list
 * the credential's options, the operations' version gates and the simulator read.
 * 2026-01-01 is the version Cashfree's Go SDK v6 sends (its configuration.go, XApiVersion).
 */
export const API_VERSIONS = ['2022-09-01', '2023-08-01', '2025-01-01', '2026-01-01'] as const;
export type ApiVersion = (typeof API_VERSIONS)[number];

/**
 * The credential's default, deliberately not the newest. n8n fills a credential field that its
 * stored data lacks with the field's *current* default every time it decrypts the credential
 * (n8n's CredentialsHelper.applyDefaultsAndOverwrites calls NodeHelpers.getNodeParameters with
 * returnDefaults), and it saves only what it is given: the editor writes the defaults it shows,
 * but a credential made through n8n's public API or `n8n import:credentials` without
 * apiVersion has none stored. Moving the default to 2026-01-01 would move such credentials to
 * 2026-01-01 on their next run, without anyone choosing it. A new version is picked in the
 * credential; the default moves only in a major release that says so.
 */
export const DEFAULT_API_VERSION: ApiVersion = '2025-01-01';

export function isApiVersion(value: unknown): value is ApiVersion {
	return (API_VERSIONS as readonly unknown[]).includes(value);
}

export function versionAtLeast(version: ApiVersion, since: ApiVersion): boolean {
	return API_VERSIONS.indexOf(version) >= API_VERSIONS.indexOf(since);
}
