import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import {
	CASHFREE_PRODUCTION_BASE_URL,
	CASHFREE_SANDBOX_BASE_URL,
	cashfreeAuthHeaders,
} from '../../../credentials/CashfreeApi.credentials';
import {
	cashfreePayoutsAuthHeaders,
	PAYOUTS_API_VERSION,
	PAYOUTS_PRODUCTION_BASE_URL,
	PAYOUTS_SANDBOX_BASE_URL,
	publicKeyProblem,
} from '../../../credentials/CashfreePayoutsApi.credentials';
import { DEFAULT_API_VERSION, isApiVersion } from './apiVersion';

/** Where a product's requests go: its two hosted environments, and a path to name in messages. */
export interface ProductUrls {
	sandbox: string;
	production: string;
	/** A path the node appends to the base URL, e.g. `/links/{link_id}`. */
	examplePath: string;
}

/**
 * How the credential's Test button proves the keys: a GET of something that cannot exist, which
 * Cashfree answers with its own 404 `<entity>_not_found` only after accepting the keys.
 */
export interface CredentialCheck {
	/** Below the base URL, query included. */
	path: string;
	/** What the path asks for, in the Test's messages: "a link that cannot exist". */
	subject: string;
	/** What a 403 means for this product, in the user's words. */
	forbidden: string;
}

/**
 * What the transport needs to know of one Cashfree product (Payment Gateway, Payouts): everything
 * else (retries, deadlines, idempotency, redaction, errors) is the same for every product.
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
	/** The headers the credential's `authenticate` adds, for the Test button, which sends its own. */
	authHeaders(credentials: ICredentialDataDecryptedObject): Record<string, string>;
	credentialCheck: CredentialCheck;
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
	authHeaders: cashfreeAuthHeaders,
	// Link ids may not contain '.', so this link cannot exist.
	credentialCheck: {
		path: '/links/n8n.credential.check',
		subject: 'a link that cannot exist',
		forbidden:
			'These keys are not allowed to use this API. Ask Cashfree to enable it for the account.',
	},
};

/**
 * Cashfree Payouts V2 (x-api-version 2024-01-01, base `/payout`), from Cashfree's OpenAPI
 * document payouts-2024-01-01.json. Its keys are not the Payment Gateway's, and every call
 * passes a second factor: an allow-listed IP or the x-cf-signature made with a public key.
 */
export const payouts: CashfreeProduct = {
	credentialType: 'cashfreePayoutsApi',
	urls: {
		sandbox: PAYOUTS_SANDBOX_BASE_URL,
		production: PAYOUTS_PRODUCTION_BASE_URL,
		examplePath: '/transfers',
	},
	apiVersion: () => PAYOUTS_API_VERSION,
	// The public key is not secret to Cashfree, but it is the account's: no output shows it.
	secrets: ({ clientSecret, publicKey }) =>
		[clientSecret, publicKey].map((value) => String(value ?? '').trim()).filter(Boolean),
	keysProblem: (credentials) => blankKeys(credentials) ?? publicKeyProblem(credentials),
	authHeaders: cashfreePayoutsAuthHeaders,
	// A beneficiary id with dots is valid but unlikely; Cashfree answers 404 beneficiary_not_found.
	credentialCheck: {
		path: '/beneficiary?beneficiary_id=n8n.credential.check',
		subject: 'a beneficiary that does not exist',
		forbidden:
			"Cashfree refused the second factor: with IP Allow-List, allow-list the n8n server's public IP in the Payouts Dashboard; with Public Key, check that the key is the one Cashfree gave for these keys.",
	},
};
