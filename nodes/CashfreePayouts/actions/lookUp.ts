import type { INodeProperties } from 'n8n-workflow';

import { idFieldRule, type IdRule } from '../../Cashfree/actions/common/ids';
import { refuseParameter } from '../../Cashfree/actions/common/refuse';
import { requestOperation } from '../../Cashfree/actions/common/requestOperation';
import type { ResourceWords } from '../../Cashfree/transport';
import { cashfreeNumericId } from './common';

const YOUR_ID = 'yourId';
const CASHFREE_ID = 'cashfreeId';

/** One of the two ids a Payouts status call takes: yours, or Cashfree's. */
interface EitherId {
	/** The parameter, and Cashfree's query name: transferId → transfer_id. */
	name: string;
	to: string;
	rule: IdRule;
	placeholder?: string;
	description: string;
}

/**
 * A Payouts Get that takes either your id or Cashfree's in its query (Get Transfer Status V2,
 * Get Batch Transfer Status V2 in payouts-2024-01-01.json): a Look Up By switch and the two
 * fields, exactly one of which is sent.
 */
export function getByEitherId(spec: {
	resource: string;
	about: ResourceWords;
	path: string;
	ours: EitherId;
	cashfrees: Omit<EitherId, 'rule'>;
}) {
	const { ours } = spec;
	const theirs = {
		...spec.cashfrees,
		rule: cashfreeNumericId(`Cashfree's ${ours.rule.displayName}`),
	};
	const choice = (id: EitherId) => (id === ours ? YOUR_ID : CASHFREE_ID);
	const field = (id: EitherId): INodeProperties => ({
		displayName: id.rule.displayName,
		name: id.name,
		type: 'string',
		default: '',
		...(id.placeholder ? { placeholder: id.placeholder } : {}),
		description: id.description,
		displayOptions: { show: { lookUpBy: [choice(id)] } },
	});
	const fields: INodeProperties[] = [
		{
			displayName: 'Look Up By',
			name: 'lookUpBy',
			type: 'options',
			default: 'yourId',
			options: [ours, theirs].map((id) => ({ name: id.rule.displayName, value: choice(id) })),
		},
		field(ours),
		field(theirs),
	];
	return requestOperation({
		resource: spec.resource,
		operation: 'get',
		about: spec.about,
		method: 'GET',
		ids: [],
		path: () => spec.path,
		fields,
		rules: {
			[ours.name]: idFieldRule(ours.to, ours.rule),
			[theirs.name]: {
				to: theirs.to,
				maxLength: theirs.rule.maxLength,
				pattern: { test: /^[0-9]+$/, rule: 'digits only' },
			},
		},
		refine: (context, request, itemIndex) => {
			const chosen =
				context.getNodeParameter('lookUpBy', itemIndex) === CASHFREE_ID ? theirs : ours;
			const other = chosen === ours ? theirs : ours;
			// n8n drops a field its Look Up By hides; this keeps the query to one id all the same.
			delete request.fields[other.to];
			if (request.fields[chosen.to] === undefined) {
				const name = chosen.rule.displayName;
				refuseParameter(context, name, itemIndex, 'it is empty', `${name} is required`);
			}
		},
	});
}
