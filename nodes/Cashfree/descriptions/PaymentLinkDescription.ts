import type { INodeProperties } from 'n8n-workflow';

const showForPaymentLink = { resource: ['paymentLink'] };

export const paymentLinkOperations: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: showForPaymentLink },
		options: [
			{
				name: 'Cancel',
				value: 'cancel',
				description:
					'Cancel an ACTIVE payment link so that no further payments can be made on it. Links that are already cancelled, paid, partially paid or expired cannot be cancelled.',
				action: 'Cancel a payment link',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get the details and current status of a payment link',
				action: 'Get a payment link',
			},
		],
		default: 'cancel',
	},
];

export const paymentLinkFields: INodeProperties[] = [
	{
		displayName: 'Link ID',
		name: 'linkId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'my_link_id',
		description:
			'The link_id you chose when the payment link was created: up to 50 characters, letters, digits, "-" and "_"',
		displayOptions: { show: { ...showForPaymentLink, operation: ['cancel', 'get'] } },
	},
	{
		displayName: 'Additional Options',
		name: 'additionalOptions',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions: { show: showForPaymentLink },
		options: [
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'string',
				default: '',
				description:
					'Sent as x-idempotency-key. Cashfree answers a repeated request with the same key with the first result instead of acting twice, so a retried cancel is safe.',
				displayOptions: { show: { '/operation': ['cancel'] } },
			},
			{
				displayName: 'Request ID',
				name: 'requestId',
				type: 'string',
				default: '',
				description:
					'Sent in the X-Request-ID header, to quote to Cashfree support. When empty the node sends one of its own and shows it with any error.',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1000, maxValue: 300000 },
				default: 30000,
				description: 'How long to wait for Cashfree to answer, in milliseconds',
			},
		],
	},
];
