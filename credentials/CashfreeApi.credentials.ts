import type {
	ICredentialDataDecryptedObject,
	Icon,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { API_VERSIONS, DEFAULT_API_VERSION } from '../nodes/Cashfree/transport/apiVersion';

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

	icon: Icon = {
		light: 'file:../nodes/Cashfree/cashfree.svg',
		dark: 'file:../nodes/Cashfree/cashfree.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-cashfree/n8n-nodes-cashfree?tab=readme-ov-file#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: 'The App ID from the Cashfree Merchant Dashboard (Developers → API Keys)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The Secret Key paired with the App ID. It is sent only as the x-client-secret header.',
		},
		{
			displayName: 'Previous Client Secret',
			name: 'previousClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only while rotating keys: the Secret Key being replaced. The Cashfree Trigger also accepts webhooks signed with it, since deliveries and retries signed before the rotation still carry it. Clear it once the old key is revoked. Never sent to Cashfree.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'sandbox',
			options: [
				{
					name: 'Sandbox',
					value: 'sandbox',
					description: 'Test keys, https://sandbox.cashfree.com/pg',
				},
				{
					name: 'Production',
					value: 'production',
					description: 'Live keys, https://api.cashfree.com/pg',
				},
				{
					name: 'Custom Base URL',
					value: 'custom',
					description: 'A proxy, an API gateway or a local Cashfree simulator',
				},
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8787/pg',
			description:
				'The URL that stands for https://api.cashfree.com/pg: http:// or https://, without user name, password, query or fragment',
			displayOptions: {
				show: {
					environment: ['custom'],
				},
			},
		},
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
