import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

export const CASHFREE_SANDBOX_BASE_URL = 'https://sandbox.cashfree.com/pg';
export const CASHFREE_PRODUCTION_BASE_URL = 'https://api.cashfree.com/pg';

export interface CashfreeCredentials {
	clientId: string;
	clientSecret: string;
	environment: 'sandbox' | 'production' | 'custom';
	baseUrl?: string;
	apiVersion: string;
}

/**
 * The credential test can only name its host with an expression; the node's transport maps
 * the same choice in code (resolveBaseUrl), from the same two constants.
 */
const BASE_URL_EXPRESSION = `={{ $credentials.environment === 'custom' ? String($credentials.baseUrl).trim().replace(/\\/+$/, '') : $credentials.environment === 'production' ? '${CASHFREE_PRODUCTION_BASE_URL}' : '${CASHFREE_SANDBOX_BASE_URL}' }}`;

/** A link id that cannot exist (Cashfree link ids may not contain '.'), used only to check the keys. */
const CREDENTIAL_CHECK_PATH = '/links/n8n.credential.check';

export class CashfreeApi implements ICredentialType {
	name = 'cashfreeApi';

	displayName = 'Cashfree API';

	icon: Icon = {
		light: 'file:../nodes/Cashfree/cashfree.svg',
		dark: 'file:../nodes/Cashfree/cashfree.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-cashfree/n8n-nodes-cashfree?tab=readme-ov-file#credentials';

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
			description: 'The Secret Key paired with the App ID. It is sent only as the x-client-secret header.',
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
			description: 'The URL that stands for https://api.cashfree.com/pg, without a trailing slash',
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
			default: '2025-01-01',
			description: 'Sent as the x-api-version header; it decides the shape of the JSON Cashfree returns',
			options: [
				{ name: '2025-01-01', value: '2025-01-01' },
				{ name: '2023-08-01', value: '2023-08-01' },
				{ name: '2022-09-01', value: '2022-09-01' },
			],
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: {
			headers: {
				'x-client-id': '={{$credentials.clientId}}',
				'x-client-secret': '={{$credentials.clientSecret}}',
				'x-api-version': '={{$credentials.apiVersion}}',
			},
		},
	};

	/**
	 * Cashfree has no "who am I" endpoint, so the test fetches a link that cannot exist:
	 * good keys get 404 (not found), bad keys get 401. HTTP errors are not thrown so that the
	 * rules below can tell the two apart by Cashfree's error type.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: CREDENTIAL_CHECK_PATH,
			method: 'GET',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'type',
					value: 'authentication_error',
					message:
						'Cashfree rejected the Client ID or Client Secret. Check that both keys belong to the selected environment.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'type',
					value: 'rate_limit_error',
					message: 'Cashfree is rate limiting these keys right now. Try again in a minute.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'type',
					value: 'api_error',
					message: 'Cashfree could not check the keys because of an error on its side. Try again later.',
				},
			},
		],
	};
}
