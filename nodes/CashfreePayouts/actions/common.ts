import type { INodeProperties } from 'n8n-workflow';

import type { FieldRules } from '../../Cashfree/actions/common/fields';
import type { IdRule } from '../../Cashfree/actions/common/ids';
import type { ResourceWords } from '../../Cashfree/transport';

/**
 * What the Payouts operations share, from Cashfree's Payouts V2 OpenAPI document
 * (payouts-2024-01-01.json): its id rules and the beneficiary's instrument and contact fields,
 * which a transfer to a new beneficiary and Create Beneficiary both send.
 */

const LETTERS_DIGITS_UNDERSCORE = {
	test: /^[A-Za-z0-9_]+$/,
	only: 'letters A-Z and a-z, digits 0-9 and "_"',
};

/** transfer_id: at most 40 characters, letters, digits and "_" (CreateTransferRequest). */
export const TRANSFER_ID: IdRule = {
	displayName: 'Transfer ID',
	minLength: 1,
	maxLength: 40,
	characters: LETTERS_DIGITS_UNDERSCORE,
};

/** batch_transfer_id: at most 60 characters, letters, digits and "_" (CreateBatchTransferRequest). */
export const BATCH_TRANSFER_ID: IdRule = {
	displayName: 'Batch Transfer ID',
	minLength: 1,
	maxLength: 60,
	characters: LETTERS_DIGITS_UNDERSCORE,
};

/** beneficiary_id: at most 50 characters; Cashfree's errors name letters, digits, "-", "_", "|" and ".". */
export const BENEFICIARY_ID: IdRule = {
	displayName: 'Beneficiary ID',
	minLength: 1,
	maxLength: 50,
	characters: { test: /^[A-Za-z0-9_|.-]+$/, only: 'letters, digits, "-", "_", "|" and "."' },
};

/** Cashfree's own numeric ids (cf_transfer_id, cf_batch_transfer_id). */
export function cashfreeNumericId(displayName: string): IdRule {
	return { displayName, minLength: 1, maxLength: 20, digitsOnly: true };
}

export const transferWords: ResourceWords = {
	noun: 'transfer',
	idName: 'transfer ID',
	notFound:
		'No transfer has this ID: check the transfer ID, and that the credential is for the environment (sandbox or production) the transfer was made in.',
};

export const batchWords: ResourceWords = { noun: 'batch transfer', idName: 'batch transfer ID' };

export const beneficiaryWords: ResourceWords = {
	noun: 'beneficiary',
	idName: 'beneficiary ID',
	notFound:
		'No beneficiary has this ID: check the beneficiary ID, and that the credential is for the environment the beneficiary was added in.',
};

export const IFSC_PATTERN = {
	test: /^[A-Z]{4}0[A-Z0-9]{6}$/,
	rule: 'an 11-character IFSC such as SBIN0001161 (four letters, a 0, six letters or digits)',
} as const;

const NAME_PATTERN = { test: /^[A-Za-z ]+$/, rule: 'letters and spaces only' } as const;

/** The beneficiary's name, bank account and UPI id, as a transfer to a new beneficiary and Create Beneficiary ask for them. */
export function instrumentFields(
	accountLength: { min: number; max: number },
	shownFor?: Record<string, string[]>,
): { fields: INodeProperties[]; rules: FieldRules } {
	const show = (names: string[]) =>
		shownFor ? { displayOptions: { show: { payTo: names } } } : {};
	return {
		fields: [
			{
				displayName: 'Beneficiary Name',
				name: 'beneficiaryName',
				type: 'string',
				default: '',
				placeholder: 'Asha Verma',
				description: 'The name of the account holder: letters and spaces, up to 100 characters',
				...show(shownFor?.beneficiaryName ?? []),
			},
			{
				displayName: 'Bank Account Number',
				name: 'bankAccountNumber',
				type: 'string',
				default: '',
				description: `The account to pay into: ${accountLength.min} to ${accountLength.max} letters or digits`,
				...show(shownFor?.bankAccountNumber ?? []),
			},
			{
				displayName: 'Bank IFSC',
				name: 'bankIfsc',
				type: 'string',
				default: '',
				placeholder: 'SBIN0001161',
				description: "The IFSC of the account's branch, 11 characters",
				...show(shownFor?.bankIfsc ?? []),
			},
			{
				displayName: 'UPI ID',
				name: 'vpa',
				type: 'string',
				default: '',
				placeholder: 'name@bank',
				description: 'The UPI ID (VPA) to pay to, such as name@bank',
				...show(shownFor?.vpa ?? []),
			},
		],
		rules: {
			beneficiaryName: { to: 'beneficiary_name', maxLength: 100, pattern: NAME_PATTERN },
			bankAccountNumber: {
				to: 'beneficiary_instrument_details.bank_account_number',
				minLength: accountLength.min,
				maxLength: accountLength.max,
				pattern: { test: /^[A-Za-z0-9]+$/, rule: 'letters and digits only' },
			},
			bankIfsc: { to: 'beneficiary_instrument_details.bank_ifsc', pattern: IFSC_PATTERN },
			vpa: {
				to: 'beneficiary_instrument_details.vpa',
				maxLength: 100,
				pattern: {
					test: /^[A-Za-z0-9._-]+@[A-Za-z0-9.]+$/,
					rule: 'a UPI ID such as name@bank: letters, digits, ".", "_" and "-" before the @',
				},
			},
		},
	};
}

/** The beneficiary's email and phone, in the Additional Fields of a transfer and of Create Beneficiary. */
export const contactFields: { fields: INodeProperties[]; rules: FieldRules } = {
	fields: [
		{
			displayName: 'Beneficiary Email',
			name: 'beneficiaryEmail',
			type: 'string',
			placeholder: 'name@email.com',
			default: '',
			description: "The beneficiary's email address, up to 200 characters",
		},
		{
			displayName: 'Beneficiary Phone',
			name: 'beneficiaryPhone',
			type: 'string',
			default: '',
			description: "The beneficiary's Indian phone number: 8 to 12 digits, without +91",
		},
	],
	rules: {
		beneficiaryEmail: {
			to: 'beneficiary_contact_details.beneficiary_email',
			maxLength: 200,
			pattern: { test: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, rule: 'an email address' },
		},
		beneficiaryPhone: {
			to: 'beneficiary_contact_details.beneficiary_phone',
			minLength: 8,
			maxLength: 12,
			pattern: { test: /^[0-9]+$/, rule: 'digits only' },
		},
	},
};

/** A field rule set whose Cashfree names sit below `prefix` (a transfer nests the beneficiary). */
export function nestedRules(rules: FieldRules, prefix: string): FieldRules {
	return Object.fromEntries(
		Object.entries(rules).map(([name, rule]) => [name, { ...rule, to: `${prefix}.${rule.to}` }]),
	);
}
