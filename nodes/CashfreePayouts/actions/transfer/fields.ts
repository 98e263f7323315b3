import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { at } from '../../../Cashfree/actions/common/existing';
import { additionalFields } from '../../../Cashfree/actions/common/fields.description';
import { AMOUNT_RULE, type FieldRules } from '../../../Cashfree/actions/common/fields';
import { idFieldRule } from '../../../Cashfree/actions/common/ids';
import { refuseParameter } from '../../../Cashfree/actions/common/refuse';
import type { RunInfo } from '../../../Cashfree/actions/common/apiVersion';
import { refuseRepeatedValue } from '../../../Cashfree/actions/common/repeated';
import type { ReadRequest } from '../../../Cashfree/actions/common/requestOperation';
import { contactFields, instrumentFields, nestedRules, TRANSFER_ID } from '../common';

/**
 * One transfer's fields, as Cashfree's CreateTransferRequest has them (payouts-2024-01-01.json):
 * Transfer Create sends one per item, Batch Transfer Create one per item in one batch.
 */

const PAY_TO_BENEFICIARY = 'beneficiary';
const PAY_TO_BANK_ACCOUNT = 'bankAccount';
const PAY_TO_UPI = 'upi';

const instrument = instrumentFields(
	{ min: 9, max: 18 },
	{
		beneficiaryName: [PAY_TO_BANK_ACCOUNT, PAY_TO_UPI],
		bankAccountNumber: [PAY_TO_BANK_ACCOUNT],
		bankIfsc: [PAY_TO_BANK_ACCOUNT],
		vpa: [PAY_TO_UPI],
	},
);

/**
 * Why the ids of Payouts' creates are required and never derived: n8n's Retry of a failed
 * execution runs under a new execution id, so an id derived from the execution would name the
 * transfers already made anew, and Cashfree would pay them again.
 */
export const ID_FROM_THE_ROW =
	'an ID Cashfree has seen is never paid again, even when the workflow is retried or run again';

export const transferFields: INodeProperties[] = [
	{
		displayName: 'Transfer ID',
		name: 'transferId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'vendor_payout_1042',
		description:
			'Your ID for this transfer, up to 40 letters, digits and "_", different for every item: build it from the row (e.g. payout_ followed by the invoice number). Cashfree refuses a second transfer with the same ID, so neither a retry nor a re-run of the workflow can pay twice.',
	},
	{
		displayName: 'Amount',
		name: 'transferAmount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 2 },
		description: 'The amount to pay in rupees, at least 1, with at most two decimals (paise)',
	},
	{
		displayName: 'Pay To',
		name: 'payTo',
		type: 'options',
		default: PAY_TO_BENEFICIARY,
		options: [
			{
				name: 'Saved Beneficiary',
				value: PAY_TO_BENEFICIARY,
				description: 'A beneficiary added before (Beneficiary → Create, or the dashboard)',
			},
			{ name: 'Bank Account', value: PAY_TO_BANK_ACCOUNT, description: 'Account number and IFSC' },
			{ name: 'UPI ID', value: PAY_TO_UPI, description: 'A UPI ID (VPA)' },
		],
	},
	{
		displayName: 'Beneficiary ID',
		name: 'beneficiaryId',
		type: 'string',
		default: '',
		placeholder: 'vendor_42',
		description: 'The ID the beneficiary was added with',
		displayOptions: { show: { payTo: [PAY_TO_BENEFICIARY] } },
	},
	...instrument.fields,
	additionalFields([
		...contactFields.fields,
		{
			displayName: 'Fund Source ID',
			name: 'fundsourceId',
			type: 'string',
			default: '',
			description: 'The fund source to debit, when the account has more than one',
		},
		{
			displayName: 'Remarks',
			name: 'transferRemarks',
			type: 'string',
			default: '',
			description: 'A note for the transfer: letters, digits and spaces, up to 70 characters',
		},
		{
			displayName: 'Transfer Mode',
			name: 'transferMode',
			type: 'options',
			default: 'banktransfer',
			description:
				'How the money goes; a transfer to a UPI ID always goes by UPI. Bank Transfer lets Cashfree pick IMPS, NEFT or RTGS.',
			options: [
				{ name: 'Bank Transfer', value: 'banktransfer' },
				{ name: 'IMPS', value: 'imps' },
				{ name: 'NEFT', value: 'neft' },
				{ name: 'RTGS', value: 'rtgs' },
				{ name: 'UPI', value: 'upi' },
			],
		},
	]),
];

export const transferRules: FieldRules = {
	transferId: {
		...idFieldRule('transfer_id', TRANSFER_ID),
		requiredBecause: `build it from the row, e.g. payout_{{ $json.invoice }}: ${ID_FROM_THE_ROW}`,
	},
	transferAmount: { to: 'transfer_amount', ...AMOUNT_RULE },
	beneficiaryId: {
		to: 'beneficiary_details.beneficiary_id',
		maxLength: 50,
		pattern: { test: /^[A-Za-z0-9_|.-]+$/, rule: 'letters, digits, "-", "_", "|" and "."' },
	},
	...nestedRules(instrument.rules, 'beneficiary_details'),
	...nestedRules(contactFields.rules, 'beneficiary_details'),
	fundsourceId: { to: 'fundsource_id', maxLength: 50 },
	transferRemarks: {
		to: 'transfer_remarks',
		maxLength: 70,
		pattern: { test: /^[A-Za-z0-9 ]+$/, rule: 'letters, digits and spaces only' },
	},
	transferMode: { to: 'transfer_mode' },
};

/** What each way of paying needs, by parameter, with the editor's name for it. */
const NEEDED: Record<string, Array<[parameter: string, displayName: string, path: string]>> = {
	[PAY_TO_BENEFICIARY]: [['beneficiaryId', 'Beneficiary ID', 'beneficiary_id']],
	[PAY_TO_BANK_ACCOUNT]: [
		['beneficiaryName', 'Beneficiary Name', 'beneficiary_name'],
		[
			'bankAccountNumber',
			'Bank Account Number',
			'beneficiary_instrument_details.bank_account_number',
		],
		['bankIfsc', 'Bank IFSC', 'beneficiary_instrument_details.bank_ifsc'],
	],
	[PAY_TO_UPI]: [
		['beneficiaryName', 'Beneficiary Name', 'beneficiary_name'],
		['vpa', 'UPI ID', 'beneficiary_instrument_details.vpa'],
	],
};

const PAY_TO_WORDS: Record<string, string> = {
	[PAY_TO_BENEFICIARY]: 'a saved beneficiary',
	[PAY_TO_BANK_ACCOUNT]: 'a bank account',
	[PAY_TO_UPI]: 'a UPI ID',
};

/**
 * Checks across fields, before anything is sent: what the chosen Pay To needs is there, what it
 * does not use is left out, the mode fits, and no other item of the run has its Transfer ID.
 */
export function refineTransfer(
	context: IExecuteFunctions,
	request: ReadRequest,
	itemIndex: number,
	run: RunInfo,
): void {
	const payTo = String(context.getNodeParameter('payTo', itemIndex, PAY_TO_BENEFICIARY));
	const needed = NEEDED[payTo];
	if (!needed) {
		refuseParameter(
			context,
			'Pay To',
			itemIndex,
			`got "${payTo}"`,
			'Pay To must be Saved Beneficiary, Bank Account or UPI ID',
		);
	}
	const fields = request.fields;
	const beneficiary = (fields.beneficiary_details as IDataObject | undefined) ?? {};
	for (const [, displayName, path] of needed) {
		if (at(beneficiary, path) === undefined) {
			refuseParameter(
				context,
				displayName,
				itemIndex,
				'it is empty',
				`${displayName} is required to pay to ${PAY_TO_WORDS[payTo]}`,
			);
		}
	}
	// Only what the chosen Pay To uses is sent: a saved beneficiary's details are Cashfree's.
	const instrumentDetails = beneficiary.beneficiary_instrument_details as IDataObject | undefined;
	if (payTo === PAY_TO_BENEFICIARY) {
		delete beneficiary.beneficiary_name;
		delete beneficiary.beneficiary_instrument_details;
	} else {
		delete beneficiary.beneficiary_id;
		if (payTo === PAY_TO_UPI) {
			delete instrumentDetails?.bank_account_number;
			delete instrumentDetails?.bank_ifsc;
		} else {
			delete instrumentDetails?.vpa;
		}
	}
	const mode = fields.transfer_mode;
	if (payTo === PAY_TO_UPI && mode !== undefined && mode !== 'upi') {
		refuseParameter(
			context,
			'Transfer Mode',
			itemIndex,
			`got "${String(mode)}"`,
			'A transfer to a UPI ID goes by UPI: leave Transfer Mode empty or set it to UPI',
		);
	}
	if (payTo === PAY_TO_BANK_ACCOUNT && mode === 'upi') {
		refuseParameter(
			context,
			'Transfer Mode',
			itemIndex,
			'got "upi"',
			'A transfer to a bank account goes by Bank Transfer, IMPS, NEFT or RTGS',
		);
	}
	if (payTo === PAY_TO_UPI) fields.transfer_mode = 'upi';
	refuseRepeatedValue(
		context,
		run,
		itemIndex,
		'Transfer ID',
		String(fields.transfer_id),
		"Each item needs its own Transfer ID: Cashfree would refuse the second transfer (or, with Treat Existing Transfers as Success, output the first item's transfer as this one's). Build it from the row, e.g. payout_{{ $json.invoice }}",
	);
}
