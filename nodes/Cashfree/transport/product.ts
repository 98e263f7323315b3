import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	CASHFREE_PRODUCTION_BASE_URL,
	CASHFREE_SANDBOX_BASE_URL,
} from '../../../credentials/CashfreeApi.credentials';
import { DEFAULT_API_VERSION, isApiVersion } from './apiVersion';

/** Where a product's requests go: its two hosted environments, and a path to name in messages. */
export interface ProductUrls {
	sandbox: string;
	production: string;
	/** A path the node appends to the base URL, e.g. `/links/{link_id}`. */
	examplePath: string;
}

/**
 * What the transport needs to know of one Cashfree product (Payment Gateway today; Payouts has
 * its own credential, `/payout` base and headers): everything else (retries, deadlines,
 * idempotency, redaction, errors) is the same for every product.
 */
export interface CashfreeProduct {
	/** The n8n credential type; n8n adds its `authenticate` headers to every request. */
	credentialType: string;
	urls: ProductUrls;
	/** The x-api-version a run uses, from the credential. */
	apiVersion(credentials: ICredentialDataDecryptedObject): string;
	/** Values no output item, error or log may show, even when a server repeats them back. */
	secrets(credentials: ICredentialDataDecryptedObject): string[];
	/** What makes the keys unusable before anything is sent (a blank secret), or undefined. */
	keysProblem(credentials: ICredentialDataDecryptedObject): string | undefined;
}

/** Keys that are empty or only spaces: n8n's `required` lets a single space through. */
function blankKeys(credentials: ICredentialDataDecryptedObject): string | undefined {
	const blank = (['clientId', 'clientSecret'] as const).filter(
		(name) => typeof credentials[name] !== 'string' || String(credentials[name]).trim() === '',
	);
	if (blank.length === 0) return undefined;
	const names = blank.map((name) => (name === 'clientId' ? 'Client ID' : 'Client Secret'));
	return `${names.join(' and ')} ${blank.length > 1 ? 'are' : 'is'} empty or blank. Paste the keys from the Cashfree Merchant Dashboard (Developers → API Keys).`;
}

export const paymentGateway: CashfreeProduct = {
	credentialType: 'cashfreeApi',
	urls: {
		sandbox: CASHFREE_SANDBOX_BASE_URL,
		production: CASHFREE_PRODUCTION_BASE_URL,
		examplePath: '/links/{link_id}',
	},
	// A credential edited by hand to a version not offered is gated as the credential's default.
	apiVersion: ({ apiVersion }) => (isApiVersion(apiVersion) ? apiVersion : DEFAULT_API_VERSION),
	secrets: ({ clientSecret }) => [String(clientSecret ?? '')],
	keysProblem: blankKeys,
};
