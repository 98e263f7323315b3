import type { INodeProperties } from 'n8n-workflow';

import { existingAsSuccess } from '../../../Cashfree/actions/common/existing';
import { additionalFields } from '../../../Cashfree/actions/common/fields.description';
import { idFieldRule } from '../../../Cashfree/actions/common/ids';
import { refuseParameter } from '../../../Cashfree/actions/common/refuse';
import { requestOperation } from '../../../Cashfree/actions/common/requestOperation';
import { BENEFICIARY_ID, beneficiaryWords, contactFields, instrumentFields } from '../common';
import {
	BENEFICIARY_PATH,
	beneficiaryByIdPath,
	beneficiaryIdField,
	beneficiaryIdOf,
} from './common';

/** Create Beneficiary V2 (POST /beneficiary, CreateBeneficiaryRequest in payouts-2024-01-01.json). */
const instrument = instrumentFields({ min: 4, max: 25 });

const fields: INodeProperties[] = [
	{
		...beneficiaryIdField,
		description:
			'Your ID for the beneficiary, up to 50 letters, digits, "-", "_", "|" and ".": build it from your vendor or seller ID, so that running the workflow again cannot add them twice',
	},
	...instrument.fields.map((field) =>
		field.name === 'beneficiaryName' ? { ...field, required: true } : field,
	),
	additionalFields([
		...contactFields.fields,
		{
			displayName: 'Address',
			name: 'beneficiaryAddress',
			type: 'string',
			default: '',
			description: "The beneficiary's address, up to 150 characters",
		},
		{
			displayName: 'City',
			name: 'beneficiaryCity',
			type: 'string',
			default: '',
			description: 'The city of the address, up to 50 characters',
		},
		{
			displayName: 'Country Code',
			name: 'beneficiaryCountryCode',
			type: 'string',
			default: '',
			placeholder: '+91',
			description: "The country code of the beneficiary's phone number",
		},
		{
			displayName: 'Postal Code',
			name: 'beneficiaryPostalCode',
			type: 'string',
			default: '',
			description: 'The PIN code of the address, 6 digits',
		},
		{
			displayName: 'State',
			name: 'beneficiaryState',
			type: 'string',
			default: '',
			description: 'The state of the address, up to 50 characters',
		},
	]),
];

const CONTACT = 'beneficiary_contact_details';

const existing = existingAsSuccess({
	noun: 'beneficiary',
	idName: 'Beneficiary ID',
	about: beneficiaryWords,
	lookup: (request) => beneficiaryByIdPath(beneficiaryIdOf(request)),
	id: beneficiaryIdOf,
	same: [
		'beneficiary_name',
		'beneficiary_instrument_details.bank_account_number',
		'beneficiary_instrument_details.bank_ifsc',
		'beneficiary_instrument_details.vpa',
	],
});

export const create = requestOperation({
	resource: 'beneficiary',
	operation: 'create',
	about: beneficiaryWords,
	method: 'POST',
	ids: [],
	path: () => BENEFICIARY_PATH,
	fields,
	rules: {
		beneficiaryId: idFieldRule('beneficiary_id', BENEFICIARY_ID),
		...instrument.rules,
		...contactFields.rules,
		beneficiaryAddress: { to: `${CONTACT}.beneficiary_address`, maxLength: 150 },
		beneficiaryCity: { to: `${CONTACT}.beneficiary_city`, maxLength: 50 },
		beneficiaryState: { to: `${CONTACT}.beneficiary_state`, maxLength: 50 },
		beneficiaryCountryCode: {
			to: `${CONTACT}.beneficiary_country_code`,
			pattern: { test: /^\+[0-9]{1,3}$/, rule: 'a country code such as +91' },
		},
		beneficiaryPostalCode: {
			to: `${CONTACT}.beneficiary_postal_code`,
			minLength: 6,
			maxLength: 6,
			pattern: { test: /^[0-9]+$/, rule: 'digits only' },
		},
	},
	// Cashfree takes an account number only with its IFSC, and the other way round.
	refine: (context, request, itemIndex) => {
		const details = request.fields.beneficiary_instrument_details as
			| Record<string, unknown>
			| undefined;
		const account = details?.bank_account_number !== undefined;
		const ifsc = details?.bank_ifsc !== undefined;
		if (account === ifsc) return;
		const [missing, given] = account
			? ['Bank IFSC', 'Bank Account Number']
			: ['Bank Account Number', 'Bank IFSC'];
		refuseParameter(
			context,
			missing,
			itemIndex,
			'it is empty',
			`${missing} is required when ${given} is given: Cashfree takes them together`,
		);
	},
	flags: [existing.flag],
	onRefusal: existing.onRefusal,
	carriedOut: {
		singular: 'beneficiary',
		plural: 'beneficiaries',
		verb: 'added',
		id: beneficiaryIdOf,
	},
});
