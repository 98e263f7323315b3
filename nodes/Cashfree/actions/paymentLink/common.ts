import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { ResourceWords } from '../../transport';
import { LINK_ID, validateId } from '../common/ids';

export const paymentLinkWords: ResourceWords = { noun: 'payment link', idName: 'link ID' };

/** The link to act on, shared by every operation on an existing link. */
export const linkIdField: INodeProperties = {
	displayName: 'Link ID',
	name: 'linkId',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'my_link_id',
	description:
		'The link_id you chose when the payment link was created: up to 50 characters, letters, digits, "-" and "_"',
};

export function readLinkId(context: IExecuteFunctions, itemIndex: number): string {
	return validateId(context, LINK_ID, context.getNodeParameter('linkId', itemIndex), itemIndex);
}

/** The validated link id is the only variable part of the path. */
export function linkPath(linkId: string): string {
	return `/links/${encodeURIComponent(linkId)}`;
}
