import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireApiVersion, type RunInfo } from '../common/apiVersion';

import {
	additionalFields,
	keyValueField,
	notifyUrlField,
	paymentMethodsField,
	vendorSplitsField,
} from '../common/fields.description';
import { isPlainObject } from '../common/fieldChecks';
import {
	AMOUNT_RULE,
	CURRENCY_RULE,
	EMAIL_RULE,
	HTTPS_URL_RULE,
	IFSC_RULE,
	TEN_DIGIT_PHONE_RULE,
	type FieldRules,
} from '../common/fields';
import { ID_PATTERN, idFieldRule, ORDER_ID } from '../common/ids';
import { existingAsSuccess } from '../common/existing';
import { requestOperation, type ReadRequest } from '../common/requestOperation';
import { orderPath, orderWords } from './common';

const fields: INodeProperties[] = [
	{
		displayName: 'Order ID',
		name: 'orderId',
		type: 'string',
		default: '',
		placeholder: 'order_1042',
		description:
			'An ID of your choice, unique in your account: 3 to 45 characters, letters, digits, "-" and "_". Build it from the item (e.g. your invoice number) so that running the workflow again cannot create a second order; Cashfree makes one up when empty.',
	},
	{
		displayName: 'Order Amount',
		name: 'orderAmount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 2 },
		description: 'The amount to collect, at least 1, with at most two decimals (paise)',
	},
	{
		displayName: 'Order Currency',
		name: 'orderCurrency',
		type: 'string',
		required: true,
		default: 'INR',
		description:
			'Three-letter currency code; currencies other than INR must be enabled for the account by Cashfree',
	},
	{
		displayName: 'Customer ID',
		name: 'customerId',
		type: 'string',
		required: true,
		default: '',
		description: 'Your ID of the customer: 3 to 50 characters, letters, digits, "-" and "_"',
	},
	{
		displayName: 'Customer Phone',
		name: 'customerPhone',
		type: 'string',
		required: true,
		default: '',
		description: "The customer's 10-digit phone number",
	},
	additionalFields([
		{
			displayName: 'Cart Details',
			name: 'cartDetails',
			type: 'json',
			default: '{}',
			description:
				"Cashfree's cart_details object: cart name, items, shipping charge, shipping and billing addresses (API version 2023-08-01 or later)",
		},
		{
			displayName: 'Customer Bank Account Number',
			name: 'customerBankAccountNumber',
			type: 'string',
			default: '',
			description:
				'For a bank account check (TPV): the account the customer must pay from, 3 to 20 characters',
		},
		{
			displayName: 'Customer Bank Code',
			name: 'customerBankCode',
			type: 'number',
			default: 0,
			description:
				"Cashfree's code of the customer's bank, for net banking with a bank account check",
		},
		{
			displayName: 'Customer Bank IFSC',
			name: 'customerBankIfsc',
			type: 'string',
			default: '',
			description: 'The IFSC of the account the customer must pay from',
		},
		{
			displayName: 'Customer Email',
			name: 'customerEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: "The customer's email address, 3 to 100 characters",
		},
		{
			displayName: 'Customer Name',
			name: 'customerName',
			type: 'string',
			default: '',
			description: "The customer's name, 3 to 100 characters",
		},
		{
			displayName: 'Customer UID',
			name: 'customerUid',
			type: 'string',
			default: '',
			description:
				"Cashfree's own ID of a customer saved with Cashfree, to prefill their details (API version 2023-08-01 or later)",
		},
		{
			displayName: 'Expiry Time',
			name: 'orderExpiryTime',
			type: 'dateTime',
			default: '',
			description: 'When the order stops taking payments',
		},
		notifyUrlField('order'),
		{
			displayName: 'Offer Filters',
			name: 'offerFilters',
			type: 'json',
			default: '{}',
			description:
				'Cashfree\'s offer_filters object: which offers the checkout allows or denies, e.g. {"action": "ALLOW", "values": ["offer_id"]} (API version 2026-01-01 or later)',
		},
		{
			displayName: 'Order Note',
			name: 'orderNote',
			type: 'string',
			default: '',
			description: 'A note for your reference, 3 to 200 characters',
		},
		vendorSplitsField(
			'Order Splits',
			'orderSplits',
			"With Easy Split enabled: how the payment is split between vendors, as Cashfree's list of objects with vendor_id and amount or percentage",
		),
		keyValueField(
			'Order Tags',
			'orderTags',
			'Tag',
			'Up to 15 name/value pairs stored with the order',
		),
		paymentMethodsField(true, 'The payment methods the order offers; all enabled ones when empty'),
		{
			displayName: 'Payment Methods Filters',
			name: 'paymentMethodsFilters',
			type: 'json',
			default: '{}',
			description:
				"Cashfree's payment_methods_filters object: allowed methods with filters such as card networks (API version 2023-08-01 or later)",
		},
		{
			displayName: 'Products',
			name: 'products',
			type: 'json',
			default: '{}',
			description:
				"Cashfree's products object, e.g. One Click Checkout or Verify and Pay settings, where enabled for the account (API version 2023-08-01 or later)",
		},
		{
			displayName: 'Return URL',
			name: 'returnUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/thank-you?order_id={order_id}',
			description: 'Where the customer goes after paying: an https URL of up to 250 characters',
		},
		{
			displayName: 'Terminal',
			name: 'terminal',
			type: 'json',
			default: '{}',
			description:
				"Cashfree's terminal object, for orders paid at a softPOS terminal (terminal_type, terminal_phone_no …)",
		},
		{
			displayName: 'UPI App Priority',
			name: 'upiAppPriority',
			type: 'string',
			default: '',
			placeholder: 'phonepe, gpay, paytm',
			description:
				'The UPI apps the checkout shows first, in this order, separated by commas (API version 2026-01-01 or later)',
		},
	]),
];

/** The UPI apps Cashfree's upi_app_priority names (Go SDK v6's OrderMeta). */
const UPI_APPS = [
	'gpay',
	'phonepe',
	'paytm',
	'navi',
	'cred',
	'supermoney',
	'amazonpay',
	'bhim',
	'mobikwik',
	'airtel',
	'popclub',
	'kiwi',
] as const;

/** Cashfree's Create Order request, field by field (its schema CreateOrderRequest). */
const rules: FieldRules = {
	orderId: idFieldRule('order_id', ORDER_ID),
	orderAmount: { to: 'order_amount', ...AMOUNT_RULE },
	orderCurrency: { to: 'order_currency', ...CURRENCY_RULE },
	customerId: {
		to: 'customer_details.customer_id',
		minLength: 3,
		maxLength: 50,
		pattern: ID_PATTERN,
	},
	customerPhone: { to: 'customer_details.customer_phone', ...TEN_DIGIT_PHONE_RULE },
	customerEmail: { to: 'customer_details.customer_email', ...EMAIL_RULE },
	customerName: { to: 'customer_details.customer_name', minLength: 3, maxLength: 100 },
	customerBankAccountNumber: {
		to: 'customer_details.customer_bank_account_number',
		minLength: 3,
		maxLength: 20,
	},
	customerBankIfsc: { to: 'customer_details.customer_bank_ifsc', ...IFSC_RULE },
	customerBankCode: { to: 'customer_details.customer_bank_code', min: 1, decimals: 0 },
	orderExpiryTime: { to: 'order_expiry_time' },
	notifyUrl: { to: 'order_meta.notify_url', ...HTTPS_URL_RULE },
	returnUrl: { to: 'order_meta.return_url', ...HTTPS_URL_RULE },
	paymentMethods: { to: 'order_meta.payment_methods', joinWith: ',' },
	orderNote: { to: 'order_note', minLength: 3, maxLength: 200 },
	// The schema's limit (maxProperties 15); its prose says 10, and refusing what Cashfree takes is worse.
	orderTags: { to: 'order_tags', maxEntries: 15 },
	orderSplits: { to: 'order_splits', listOf: { required: ['vendor_id'] } },
	cartDetails: { to: 'cart_details', jsonObject: true, since: '2023-08-01' },
	customerUid: { to: 'customer_details.customer_uid', maxLength: 100, since: '2023-08-01' },
	paymentMethodsFilters: {
		to: 'order_meta.payment_methods_filters',
		jsonObject: true,
		since: '2023-08-01',
	},
	products: { to: 'products', jsonObject: true, since: '2023-08-01' },
	terminal: { to: 'terminal', jsonObject: true },
	// 2026-01-01's additions to OrderMeta, as Go SDK v6 has them (model_order_meta.go).
	offerFilters: { to: 'order_meta.offer_filters', jsonObject: true, since: '2026-01-01' },
	upiAppPriority: {
		to: 'order_meta.upi_app_priority',
		splitOn: ',',
		pattern: {
			test: new RegExp(`^(${UPI_APPS.join('|')})$`),
			rule: `each one of ${UPI_APPS.join(', ')}`,
		},
		since: '2026-01-01',
	},
};

/** A cart item names its variant only from 2026-01-01 (Go SDK v6's CartItem.item_variant_id). */
function refine(
	context: IExecuteFunctions,
	{ fields }: ReadRequest,
	itemIndex: number,
	run: RunInfo,
): void {
	const items = (fields.cart_details as IDataObject | undefined)?.cart_items;
	const namesVariant = (item: unknown) => isPlainObject(item) && 'item_variant_id' in item;
	if (Array.isArray(items) && items.some(namesVariant))
		requireApiVersion(context, "Cart Details' item_variant_id", '2026-01-01', run, itemIndex);
}

const existing = existingAsSuccess({
	noun: 'order',
	idName: 'Order ID',
	about: orderWords,
	lookup: (request) =>
		typeof request.fields.order_id === 'string' ? orderPath(request.fields.order_id) : undefined,
	id: (request) => String(request.fields.order_id),
	same: ['order_amount', 'order_currency'],
});

export const create = requestOperation({
	resource: 'order',
	operation: 'create',
	about: orderWords,
	method: 'POST',
	ids: [],
	path: () => '/orders',
	fields,
	rules,
	refine,
	flags: [existing.flag],
	onRefusal: existing.onRefusal,
	carriedOut: {
		singular: 'order',
		plural: 'orders',
		verb: 'created',
		id: (request) =>
			typeof request.fields.order_id === 'string'
				? request.fields.order_id
				: '(id chosen by Cashfree)',
	},
});
