import type { Icon, ICredentialTestRequest, ICredentialType, INodeProperties } from 'n8n-workflow';

/**
 * The Cashfree Payouts credential, as far as the Cashfree Payouts Trigger needs it: the fields,
 * named as agreed with the Payouts node's work (issue 18), which adds the requests' keys, the
 * second factor and the Test. The trigger reads only Client Secret and Previous Client Secret.
 * The Test below is a stand-in that n8n's lint requires, not to ship: it asks for a transfer id
 * that cannot exist, and n8n counts Cashfree's 404 as a failure, so it never passes. The Payouts
 * work replaces this file with its Test (Cashfree's own answer, the second factor included).
 */
export class CashfreePayoutsApi implements ICredentialType {
	name = 'cashfreePayoutsApi';

	displayName = 'Cashfree Payouts API';

	icon: Icon = {
		light: 'file:../nodes/Cashfree/cashfree.svg',
		dark: 'file:../nodes/Cashfree/cashfree.dark.svg',
	};

	documentationUrl =
		'https://github.com/n8n-nodes-cashfree/n8n-nodes-cashfree?tab=readme-ov-file#credentials';

	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{$credentials.environment === "custom" ? $credentials.baseUrl : $credentials.environment === "production" ? "https://api.cashfree.com/payout" : "https://sandbox.cashfree.com/payout"}}',
			url: '/transfers',
			qs: { transfer_id: 'n8n_credential_test' },
			headers: {
				'x-client-id': '={{$credentials.clientId}}',
				'x-client-secret': '={{$credentials.clientSecret}}',
				'x-api-version': '2024-01-01',
			},
		},
	};

	properties: INodeProperties[] = [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description:
				'The Payouts Client ID from the Cashfree Merchant Dashboard (Payouts → Developers → API Keys)',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description:
				'The Payouts Client Secret paired with the Client ID. The Cashfree Payouts Trigger checks webhook signatures with it.',
		},
		{
			displayName: 'Previous Client Secret',
			name: 'previousClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				'Only while rotating keys: the Client Secret being replaced. Cashfree signs Payouts webhooks with the oldest active key, so the Cashfree Payouts Trigger also accepts that one. Clear it once the old key is revoked.',
		},
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'sandbox',
			options: [
				{ name: 'Sandbox', value: 'sandbox' },
				{ name: 'Production', value: 'production' },
				{ name: 'Custom Base URL', value: 'custom' },
			],
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: '',
			placeholder: 'http://127.0.0.1:8787/payout',
			displayOptions: { show: { environment: ['custom'] } },
		},
		{
			displayName: 'Second Factor',
			name: 'secondFactor',
			type: 'options',
			default: 'ipAllowlist',
			options: [
				{ name: 'IP Allow-List', value: 'ipAllowlist' },
				{ name: 'Public Key', value: 'publicKey' },
			],
		},
		{
			displayName: 'Public Key',
			name: 'publicKey',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			displayOptions: { show: { secondFactor: ['publicKey'] } },
		},
	];
}
