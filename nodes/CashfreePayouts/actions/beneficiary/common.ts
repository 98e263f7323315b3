import type { INodeProperties } from 'n8n-workflow';

import {
	segment,
	type PathId,
	type ReadRequest,
} from '../../../Cashfree/actions/common/requestOperation';
import { BENEFICIARY_ID } from '../common';

export const BENEFICIARY_PATH = '/beneficiary';

/** Get and Remove Beneficiary V2 name the beneficiary in the query: /beneficiary?beneficiary_id=… */
export function beneficiaryByIdPath(beneficiaryId: string): string {
	return `${BENEFICIARY_PATH}?beneficiary_id=${segment(beneficiaryId)}`;
}

export const beneficiaryIdField: INodeProperties = {
	displayName: 'Beneficiary ID',
	name: 'beneficiaryId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'vendor_42',
	description:
		'The ID the beneficiary was added with: up to 50 letters, digits, "-", "_", "|" and "."',
};

export const beneficiaryId: PathId = { field: beneficiaryIdField, rule: BENEFICIARY_ID };

/** The beneficiary_id a Create request sends. */
export function beneficiaryIdOf(request: ReadRequest): string {
	return String(request.fields.beneficiary_id);
}
