import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/**
 * The Additional Fields collection of a Create operation: Cashfree's optional request fields,
 * sorted by name as n8n's editor lists them.
 */
export function additionalFields(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [...options].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** Where Cashfree posts an object's webhooks: the Cashfree Trigger's production URL, typically. */
export function notifyUrlField(noun: 'link' | 'order'): INodeProperties {
	return {
		displayName: 'Notify URL',
		name: 'notifyUrl',
		type: 'string',
		default: '',
		placeholder: 'https://example.com/webhook/cashfree',
		description: `An https URL where Cashfree posts this ${noun}'s payment events, e.g. a Cashfree Trigger's production URL`,
	};
}

/** Name/value pairs stored with an object at Cashfree (link notes, order tags). */
export function keyValueField(
	displayName: string,
	name: string,
	entryName: string,
	description: string,
): INodeProperties {
	return {
		displayName,
		name,
		type: 'fixedCollection',
		placeholder: `Add ${entryName}`,
		default: {},
		typeOptions: { multipleValues: true },
		description,
		options: [
			{
				displayName: entryName,
				name: 'entries',
				values: [
					{ displayName: 'Name', name: 'key', type: 'string', default: '' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	};
}

/** Easy Split: a list of vendor shares, written as Cashfree's own JSON. */
export function vendorSplitsField(
	displayName: string,
	name: string,
	description: string,
): INodeProperties {
	return { displayName, name, type: 'json', default: '[]', description };
}

/** Cashfree's payment method codes; payment links take the first eight, orders all of them. */
const PAYMENT_METHODS: INodePropertyOptions[] = [
	{ name: 'App Wallets', value: 'app' },
	{ name: 'Corporate Credit Card', value: 'ccc' },
	{ name: 'Credit Card', value: 'cc' },
	{ name: 'Debit Card', value: 'dc' },
	{ name: 'Net Banking', value: 'nb' },
	{ name: 'PayPal', value: 'paypal' },
	{ name: 'Prepaid Card', value: 'ppc' },
	{ name: 'UPI', value: 'upi' },
];
const ORDER_ONLY_PAYMENT_METHODS: INodePropertyOptions[] = [
	{ name: 'Bank Transfer', value: 'banktransfer' },
	{ name: 'Cardless EMI', value: 'cardlessemi' },
	{ name: 'Credit Card EMI', value: 'ccemi' },
	{ name: 'Debit Card EMI', value: 'dcemi' },
	{ name: 'Pay Later', value: 'paylater' },
];

export function paymentMethodsField(forOrders: boolean, description: string): INodeProperties {
	const options = forOrders ? [...PAYMENT_METHODS, ...ORDER_ONLY_PAYMENT_METHODS] : PAYMENT_METHODS;
	return {
		displayName: 'Payment Methods',
		name: 'paymentMethods',
		type: 'multiOptions',
		default: [],
		description,
		options: [...options].sort((a, b) => a.name.localeCompare(b.name)),
	};
}
