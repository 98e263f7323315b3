import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { API_VERSIONS, DEFAULT_API_VERSION } from '../nodes/Cashfree/transport/apiVersion';
import { CASHFREE_ICON, environmentFields, keyFields } from './cashfreeFields';

export const CASHFREE_SANDBOX_BASE_URL = 'https://sandbox.cashfree.com/pg';
export const CASHFREE_PRODUCTION_BASE_URL = 'https://api.cashfree.com/pg';

export interface CashfreeCredentials {
	clientId: string;
	clientSecret: string;
	/** Only while rotating keys; read by the Cashfree Trigger, never sent to Cashfree. */
	previousClientSecret?: string;
	environment: 'sandbox' | 'production' | 'custom';
	baseUrl?: string;
	apiVersion: string;
}

/** The three headers that authenticate a request to Cashfree, for the node and its Test button alike. */
export function cashfreeAuthHeaders(
	credentials: ICredentialDataDecryptedObject | Partial<CashfreeCredentials>,
): Record<string, string> {
	return {
		'x-client-id': String(credentials.clientId ?? ''),
		'x-client-secret': String(credentials.clientSecret ?? ''),
		'x-api-version': String(credentials.apiVersion ?? ''),
	};
}

export class CashfreeApi implements ICredentialType {
	name = 'cashfreeApi';

	displayName = 'Cashfree API';

	icon: Icon = CASHFREE_ICON;

	documentationUrl =
		'https://github.com/n8n-nodes-cashfree/n8n-nodes-cashfree?tab=readme-ov-file#credentials';

	properties: INodeProperties[] = [
		...keyFields({
			clientId: 'The App ID from the Cashfree Merchant Dashboard (Developers → API Keys)',
			clientSecret:
				'The Secret Key paired with the App ID. It is sent only as the x-client-secret header.',
			previousClientSecret:
				'Only while rotating keys: the Secret Key being replaced. The Cashfree Trigger also accepts webhooks signed with it, since deliveries and retries signed before the rotation still carry it. Clear it once the old key is revoked. Never sent to Cashfree.',
		}),
		...environmentFields({
			sandbox: CASHFREE_SANDBOX_BASE_URL,
			production: CASHFREE_PRODUCTION_BASE_URL,
		}),
		{
			displayName: 'API Version',
			name: 'apiVersion',
			type: 'options',
			// Not the newest: see DEFAULT_API_VERSION for why a saved credential would move with it.
			default: DEFAULT_API_VERSION,
			description:
				'Sent as the x-api-version header; it decides the shape of the JSON Cashfree returns',
			// Newest first, as the editor lists them; saved credentials keep the version they name.
			options: [...API_VERSIONS].reverse().map((version) => ({ name: version, value: version })),
		},
	];

	/**
	 * The node's requests carry these headers. A function, not a generic block of
	 * `={{$credentials…}}` expressions: n8n applies `authenticate` to every request, and
	 * evaluating three expressions cost about as much as the rest of the node's own work.
	 * The Test button (credentialTest.ts, run by n8n through the node's `testedBy`) sends the
	 * same headers itself, so that it can refuse to follow redirects and bound the answer,
	 * which a declarative test cannot.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => ({
		...requestOptions,
		headers: { ...requestOptions.headers, ...cashfreeAuthHeaders(credentials) },
	});
}
