import type { INodeProperties } from 'n8n-workflow';

import type { ResourceWords } from '../../transport';
import { LINK_ID } from '../common/ids';
import { segment, type PathId } from '../common/requestOperation';

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

export const linkId: PathId = { field: linkIdField, rule: LINK_ID };

/** The validated link id is the only variable part of the path. */
export function linkPath(id: string): string {
	return `/links/${segment(id)}`;
}
