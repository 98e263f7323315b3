import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { RunInfo } from '../common/apiVersion';
import {
	additionalFields,
	keyValueField,
	notifyUrlField,
	paymentMethodsField,
	vendorSplitsField,
} from '../common/fields.description';
import {
	AMOUNT_RULE,
	CURRENCY_RULE,
	EMAIL_PATTERN,
	HTTPS_URL_RULE,
	IFSC_RULE,
	type FieldRules,
} from '../common/fields';
import { idFieldRule, LINK_ID } from '../common/ids';
import { refuseParameter } from '../common/refuse';
import { existingAsSuccess } from '../common/existing';
import { requestOperation, type ReadRequest } from '../common/requestOperation';
import { linkPath, paymentLinkWords } from './common';

/** Here the user chooses the id, so it is a field of the body, checked by the same rule as in paths. */
const linkIdField: INodeProperties = {
	displayName: 'Link ID',
	name: 'linkId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'invoice_1042',
	description:
		'An ID of your choice for the new link, unique in your account: up to 50 characters, letters, digits, "-" and "_". Build it from the item (e.g. the invoice number) so that running the workflow again cannot create a second link.',
};

const fields: INodeProperties[] = [
	{
		displayName: 'Link Amount',
		name: 'linkAmount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 2 },
		description: 'The amount to collect, with at most two decimals (paise)',
	},
	{
		displayName: 'Link Currency',
		name: 'linkCurrency',
		type: 'string',
		required: true,
		default: 'INR',
		description:
			'Three-letter currency code; currencies other than INR must be enabled for the account by Cashfree',
	},
	{
		displayName: 'Link Purpose',
		name: 'linkPurpose',
		type: 'string',
		required: true,
		default: '',
		description: 'What the payment is for, shown to the customer: up to 500 characters',
	},
	{
		displayName: 'Customer Phone',
		name: 'customerPhone',
		type: 'string',
		required: true,
		default: '',
		description: 'The phone number of the customer who pays; SMS notifications go here',
	},
	additionalFields([
		{
			displayName: 'Auto Reminders',
			name: 'linkAutoReminders',
			type: 'boolean',
			default: false,
			description: 'Whether Cashfree reminds the customer to pay',
		},
		{
			displayName: 'Customer Bank Account Number',
			name: 'customerBankAccountNumber',
			type: 'string',
			default: '',
			description:
				'For a bank account check: the account the customer must pay from (API version 2023-08-01 or later)',
		},
		{
			displayName: 'Customer Bank Code',
			name: 'customerBankCode',
			type: 'number',
			default: 0,
			description:
				"Cashfree's code of the customer's bank, for net banking with a bank account check (API version 2023-08-01 or later)",
		},
		{
			displayName: 'Customer Bank IFSC',
			name: 'customerBankIfsc',
			type: 'string',
			default: '',
			description:
				'The IFSC of the account the customer must pay from (API version 2023-08-01 or later)',
		},
		{
			displayName: 'Customer Email',
			name: 'customerEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: 'Email notifications go here',
		},
		{
			displayName: 'Customer Name',
			name: 'customerName',
			type: 'string',
			default: '',
		},
		{
			displayName: 'Enable Invoice',
			name: 'enableInvoice',
			type: 'boolean',
			default: false,
			description:
				'Whether Cashfree generates an invoice for the payment (API version 2026-01-01 or later)',
		},
		{
			displayName: 'Expiry Time',
			name: 'linkExpiryTime',
			type: 'dateTime',
			default: '',
			description: 'When the link stops taking payments; Cashfree uses 30 days when empty',
		},
		{
			displayName: 'Minimum Partial Amount',
			name: 'linkMinimumPartialAmount',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 1, numberPrecision: 2 },
			description:
				'With partial payments: the least the first payment must be; less than the link amount',
		},
		keyValueField(
			'Notes',
			'linkNotes',
			'Note',
			'Up to 5 name/value pairs stored with the link, e.g. your invoice number',
		),
		notifyUrlField('link'),
		vendorSplitsField(
			'Order Splits',
			'orderSplits',
			"With Easy Split enabled: how each payment is split between vendors, as Cashfree's list of objects with vendor_id and amount or percentage (API version 2023-08-01 or later)",
		),
		{
			displayName: 'Partial Payments',
			name: 'linkPartialPayments',
			type: 'boolean',
			default: false,
			description: 'Whether the customer may pay in more than one part',
		},
		paymentMethodsField(false, 'The payment methods the link offers; all enabled ones when empty'),
		{
			displayName: 'Return URL',
			name: 'returnUrl',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/thank-you',
			description: 'Where the customer goes after paying: up to 250 characters',
		},
		{
			displayName: 'Send Email',
			name: 'sendEmail',
			type: 'boolean',
			default: false,
			description: 'Whether Cashfree emails the link to Customer Email',
		},
		{
			displayName: 'Send SMS',
			name: 'sendSms',
			type: 'boolean',
			default: false,
			description: 'Whether Cashfree texts the link to Customer Phone',
		},
		{
			displayName: 'Subscription',
			name: 'subscription',
			type: 'json',
			default: '{}',
			description:
				"Cashfree's subscription object, for a link that sets up a subscription: plan_details, authorization_amount, subscription_expiry_time … (API version 2026-01-01 or later)",
		},
		{
			displayName: 'UPI Intent',
			name: 'upiIntent',
			type: 'boolean',
			default: false,
			description: 'Whether the link opens the UPI app flow straight away on mobile phones',
		},
	]),
];

/** Cashfree's Create Payment Link request, field by field (its schema CreateLinkRequest). */
const rules: FieldRules = {
	linkId: idFieldRule('link_id', LINK_ID),
	linkAmount: { to: 'link_amount', ...AMOUNT_RULE },
	linkCurrency: { to: 'link_currency', ...CURRENCY_RULE },
	linkPurpose: { to: 'link_purpose', minLength: 1, maxLength: 500 },
	customerPhone: {
		to: 'customer_details.customer_phone',
		minLength: 8,
		maxLength: 20,
		pattern: { test: /^\+?[0-9]+$/, rule: 'digits with an optional leading +' },
	},
	customerEmail: {
		to: 'customer_details.customer_email',
		maxLength: 100,
		pattern: EMAIL_PATTERN,
	},
	customerName: { to: 'customer_details.customer_name', maxLength: 100 },
	customerBankAccountNumber: {
		to: 'customer_details.customer_bank_account_number',
		minLength: 3,
		maxLength: 20,
		since: '2023-08-01',
	},
	customerBankIfsc: {
		to: 'customer_details.customer_bank_ifsc',
		...IFSC_RULE,
		since: '2023-08-01',
	},
	customerBankCode: {
		to: 'customer_details.customer_bank_code',
		min: 1,
		decimals: 0,
		since: '2023-08-01',
	},
	linkPartialPayments: { to: 'link_partial_payments' },
	linkMinimumPartialAmount: { to: 'link_minimum_partial_amount', ...AMOUNT_RULE },
	linkExpiryTime: { to: 'link_expiry_time' },
	sendSms: { to: 'link_notify.send_sms' },
	sendEmail: { to: 'link_notify.send_email' },
	linkAutoReminders: { to: 'link_auto_reminders' },
	linkNotes: { to: 'link_notes', maxEntries: 5 },
	returnUrl: { to: 'link_meta.return_url', ...HTTPS_URL_RULE, maxLength: 250 },
	notifyUrl: { to: 'link_meta.notify_url', ...HTTPS_URL_RULE },
	upiIntent: { to: 'link_meta.upi_intent' },
	paymentMethods: { to: 'link_meta.payment_methods', joinWith: ',' },
	orderSplits: { to: 'order_splits', since: '2023-08-01', listOf: { required: ['vendor_id'] } },
	// 2026-01-01's additions to CreateLinkRequest, as Go SDK v6 has them (model_create_link_request.go).
	enableInvoice: { to: 'enable_invoice', since: '2026-01-01' },
	subscription: { to: 'subscription', jsonObject: true, since: '2026-01-01' },
};

/** Rules that span fields, and the spelling of upi_intent that each API version expects. */
function refine(
	context: IExecuteFunctions,
	{ fields: body }: ReadRequest,
	itemIndex: number,
	run: RunInfo,
): void {
	const minimum = body.link_minimum_partial_amount as number | undefined;
	if (minimum !== undefined) {
		const rule =
			'Minimum Partial Amount needs Partial Payments on, and must be less than Link Amount';
		if (body.link_partial_payments !== true) {
			refuseParameter(
				context,
				'Minimum Partial Amount',
				itemIndex,
				'Partial Payments is off',
				rule,
			);
		}
		if (minimum >= (body.link_amount as number)) {
			refuseParameter(
				context,
				'Minimum Partial Amount',
				itemIndex,
				`${minimum} is not less than the link amount ${body.link_amount as number}`,
				rule,
			);
		}
	}
	const meta = body.link_meta as IDataObject | undefined;
	// 2022-09-01 takes upi_intent as a boolean, later versions as the text "true" or "false".
	if (meta?.upi_intent !== undefined && run.apiVersion !== '2022-09-01')
		meta.upi_intent = String(meta.upi_intent);
}

const existing = existingAsSuccess({
	noun: 'payment link',
	idName: 'Link ID',
	about: paymentLinkWords,
	lookup: (request) => linkPath(String(request.fields.link_id)),
	id: (request) => String(request.fields.link_id),
	same: ['link_amount', 'link_currency', 'link_purpose'],
});

export const create = requestOperation({
	resource: 'paymentLink',
	operation: 'create',
	about: paymentLinkWords,
	method: 'POST',
	ids: [],
	path: () => '/links',
	fields: [linkIdField, ...fields],
	rules,
	refine,
	flags: [existing.flag],
	onRefusal: existing.onRefusal,
	carriedOut: {
		singular: 'link',
		plural: 'links',
		verb: 'created',
		id: (request) => String(request.fields.link_id),
	},
});
