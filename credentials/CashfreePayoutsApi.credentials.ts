import { constants, createPublicKey, publicEncrypt } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { CASHFREE_ICON, environmentFields, keyFields } from './cashfreeFields';

/** Cashfree Payouts V2 servers, as its OpenAPI document (payouts-2024-01-01.json) lists them. */
export const PAYOUTS_SANDBOX_BASE_URL = 'https://sandbox.cashfree.com/payout';
export const PAYOUTS_PRODUCTION_BASE_URL = 'https://api.cashfree.com/payout';
/** The one x-api-version Payouts V2 documents (its apiVersionHeader parameter's default). */
export const PAYOUTS_API_VERSION = '2024-01-01';

export interface CashfreePayoutsCredentials {
	clientId: string;
	clientSecret: string;
	/** Only while rotating keys; read by the Payouts trigger, never sent to Cashfree. */
	previousClientSecret?: string;
	environment: 'sandbox' | 'production' | 'custom';
	baseUrl?: string;
	/** Cashfree's second factor for Payouts: an allow-listed IP, or a signature made with a public key. */
	secondFactor: 'ipAllowlist' | 'publicKey';
	publicKey?: string;
}

type CredentialData = ICredentialDataDecryptedObject | Partial<CashfreePayoutsCredentials>;

/** Whether the credential signs its requests (Second Factor = Public Key). */
export function signsRequests(credentials: CredentialData): boolean {
	return credentials.secondFactor === 'publicKey';
}

/**
 * What is wrong with the public key, or undefined when it is a usable RSA public key. The key
 * itself is never part of the answer: it is a secret of the credential like the client secret.
 */
export function publicKeyProblem(credentials: CredentialData): string | undefined {
	if (!signsRequests(credentials)) return undefined;
	const text = typeof credentials.publicKey === 'string' ? credentials.publicKey.trim() : '';
	if (!text) {
		return 'Public Key is empty. With Second Factor set to Public Key, paste the public key (PEM) downloaded from the Payouts Dashboard (Developers → Two-Factor Authentication).';
	}
	try {
		const key = createPublicKey(text);
		if (key.asymmetricKeyType !== 'rsa') return 'Public Key is not an RSA public key.';
	} catch {
		return 'Public Key is not a PEM public key (it should start with -----BEGIN PUBLIC KEY-----).';
	}
	return undefined;
}

/**
 * Cashfree's two-factor signature for Payouts ("2FA API Signature Generation" in Cashfree's API
 * reference): the client id, a period and the current UNIX time in seconds, encrypted with the
 * account's RSA public key (OAEP padding, as Cashfree's own PHP sample asks of OpenSSL), in
 * base64. Made afresh for every request, because Cashfree accepts it only for a short while.
 */
export function payoutsSignature(credentials: CredentialData, nowMs: number = Date.now()): string {
	const message = `${String(credentials.clientId ?? '')}.${Math.floor(nowMs / 1000)}`;
	return publicEncrypt(
		{ key: String(credentials.publicKey ?? '').trim(), padding: constants.RSA_PKCS1_OAEP_PADDING },
		Buffer.from(message, 'utf8'),
	).toString('base64');
}

/** The headers that authenticate a Payouts request, for the node and its Test button alike. */
export function cashfreePayoutsAuthHeaders(credentials: CredentialData): Record<string, string> {
	return {
		'x-client-id': String(credentials.clientId ?? ''),
		'x-client-secret': String(credentials.clientSecret ?? ''),
		'x-api-version': PAYOUTS_API_VERSION,
		...(signsRequests(credentials) ? { 'x-cf-signature': payoutsSignature(credentials) } : {}),
	};
}

export class CashfreePayoutsApi implements ICredentialType {
	name = 'cashfreePayoutsApi';

	displayName = 'Cashfree Payouts API';

	icon: Icon = CASHFREE_ICON;

	documentationUrl =
		'https://github.com/n8n-nodes-cashfree/n8n-nodes-cashfree?tab=readme-ov-file#cashfree-payouts';

	properties: INodeProperties[] = [
		...keyFields({
			clientId:
				'The Client ID of the Payouts API keys (Payouts Dashboard → Developers → API Keys); Payment Gateway keys do not work here',
			clientSecret:
				'The Client Secret paired with the Client ID. It is sent only as the x-client-secret header.',
			previousClientSecret:
				'Only while rotating keys: the Client Secret being replaced, so that webhooks signed with it are still accepted by the Payouts trigger. Clear it once the old key is revoked. Never sent to Cashfree.',
		}),
		...environmentFields({
			sandbox: PAYOUTS_SANDBOX_BASE_URL,
			production: PAYOUTS_PRODUCTION_BASE_URL,
			productionNote: ': transfers move real money',
		}),
		{
			displayName: 'Second Factor',
			name: 'secondFactor',
			type: 'options',
			default: 'ipAllowlist',
			description:
				'How Cashfree makes sure Payouts calls come from you, besides the keys: as set up in the Payouts Dashboard (Developers → Two-Factor Authentication)',
			options: [
				{
					name: 'IP Allow-List',
					value: 'ipAllowlist',
					description:
						"The n8n server's public IP address is allow-listed with Cashfree; nothing more is sent",
				},
				{
					name: 'Public Key',
					value: 'publicKey',
					description:
						'Every request carries an x-cf-signature made with the public key Cashfree gave you',
				},
			],
		},
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			typeOptions: { password: true, rows: 4 },
			default: '',
			placeholder: '-----BEGIN PUBLIC KEY-----',
			description:
				'The public key (PEM) downloaded from the Payouts Dashboard. Used only to compute the x-cf-signature header of each request; never sent itself.',
			displayOptions: {
				show: {
					secondFactor: ['publicKey'],
				},
			},
		},
	];

	/**
	 * A function, not a generic block of expressions: the signature holds the time of the request,
	 * so it must be made for every request, and it needs RSA encryption, which n8n's expressions
	 * cannot do. The Test button (transport/credentialTest.ts) sends the same headers itself.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, ...cashfreePayoutsAuthHeaders(credentials) },
	});
}
