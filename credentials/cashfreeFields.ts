import type { Icon, INodeProperties } from 'n8n-workflow';

/** What every Cashfree credential shares: the icon, the key fields and where requests go. */
export const CASHFREE_ICON: Icon = {
	light: 'file:../nodes/Cashfree/cashfree.svg',
	dark: 'file:../nodes/Cashfree/cashfree.dark.svg',
};

/** Client ID, Client Secret and the Previous Client Secret a webhook trigger also accepts. */
export function keyFields(descriptions: {
	clientId: string;
	clientSecret: string;
	previousClientSecret: string;
}): INodeProperties[] {
	return [
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			required: true,
			default: '',
			description: descriptions.clientId,
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			required: true,
			default: '',
			description: descriptions.clientSecret,
		},
		{
			displayName: 'Previous Client Secret',
			name: 'previousClientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: descriptions.previousClientSecret,
		},
	];
}

/** Environment (Sandbox, Production, Custom Base URL) and the custom Base URL. */
export function environmentFields(urls: {
	sandbox: string;
	production: string;
	productionNote?: string;
}): INodeProperties[] {
	const basePath = new URL(urls.production).pathname;
	return [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			default: 'sandbox',
			options: [
				{ name: 'Sandbox', value: 'sandbox', description: `Test keys, ${urls.sandbox}` },
				{
					name: 'Production',
					value: 'production',
					description: `Live keys, ${urls.production}${urls.productionNote ?? ''}`,
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
			placeholder: `http://127.0.0.1:8787${basePath}`,
			description: `The URL that stands for ${urls.production}: http:// or https://, without user name, password, query or fragment`,
			displayOptions: { show: { environment: ['custom'] } },
		},
	];
}
