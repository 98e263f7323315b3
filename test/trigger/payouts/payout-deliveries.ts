/**
 * What the Payouts trigger tests share: the Payouts credential, Payouts V2 bodies and deliveries
 * signed as Cashfree signs them, through test/trigger/deliveries.ts (the same engine path as the
 * Payment Gateway trigger's tests).
 */
import { randomUUID } from 'node:crypto';

import type { IDataObject, INode, INodeParameters } from 'n8n-workflow';

import type { N8nEngine } from '../../../tools/engine/n8n-engine';
import {
	deliverRequest,
	signedRequest,
	triggerCredential,
	type Delivery,
	type DeliveryOutcome,
	type SignedRequest,
} from '../deliveries';

export const PAYOUTS_TRIGGER = 'n8n-nodes-cashfree.cashfreePayoutsTrigger';

/** The Payouts keys are not the Payment Gateway's: each product has its own client secret. */
export const PAYOUTS_SECRET = 'cfsk_po_test_Pay0utsS3cretV4lue_9d1c';
export const PAYOUTS_PREVIOUS_SECRET = 'cfsk_po_test_0ldPay0utsS3cret_2b7e';

/** A TRANSFER_SUCCESS of Payouts V2: the transfer entity of the 2024-01-01 document in its envelope. */
export const TRANSFER_SUCCESS = `{"data":{"transfer_id":"vendor_run_17_row_4","cf_transfer_id":"1298734","status":"SUCCESS","status_code":"COMPLETED","status_description":"The transfer has been credited to the beneficiary.","beneficiary_details":{"beneficiary_id":"VENDOR_0042","beneficiary_instrument_details":{"bank_account_number":"026291800001191","bank_ifsc":"YESB0000262"}},"transfer_amount":2500.5,"transfer_service_charge":3,"transfer_service_tax":0.54,"transfer_mode":"IMPS","transfer_utr":"YESB62026120300017","fundsource_id":"CASHFREE_1","added_on":"2026-12-03T18:40:02+05:30","updated_on":"2026-12-03T18:40:11+05:30"},"event_time":"2026-12-03T18:40:12+05:30","type":"TRANSFER_SUCCESS"}`;

/** A Payouts event of `type` about a transfer of its own, so every call is another event. */
export function payoutEvent(type: string, data: Record<string, unknown> = {}): string {
	return JSON.stringify({
		data: { transfer_id: `t_${randomUUID().slice(0, 8)}`, cf_transfer_id: '77', ...data },
		event_time: '2026-12-03T18:40:12+05:30',
		type,
	});
}

/** The Payouts credential, in a rotation when `previousClientSecret` is given. */
export async function payoutsCredential(
	engine: N8nEngine,
	id: string,
	previousClientSecret?: string,
): Promise<INode['credentials']> {
	return await triggerCredential(
		engine,
		id,
		{
			clientSecret: PAYOUTS_SECRET,
			secondFactor: 'ipAllowlist',
			...(previousClientSecret ? { previousClientSecret } : {}),
		},
		'cashfreePayoutsApi',
	);
}

/**
 * A Payouts delivery: TRANSFER_SUCCESS signed with PAYOUTS_SECRET unless told otherwise, without
 * the x-webhook-version and x-idempotency-key the Payment Gateway sends (Cashfree documents
 * neither for Payouts V2).
 */
export function payoutRequest(delivery: Delivery = {}): SignedRequest {
	return signedRequest({
		body: TRANSFER_SUCCESS,
		secret: PAYOUTS_SECRET,
		...delivery,
		headers: {
			'x-webhook-version': undefined,
			'x-idempotency-key': undefined,
			...delivery.headers,
		},
	});
}

export interface PayoutsNode {
	credentials: INode['credentials'];
	parameters?: INodeParameters;
	/** A fresh node id (its own memory) unless given. */
	nodeId?: string;
	workflowId?: string;
	staticData?: IDataObject;
	mode?: 'webhook' | 'manual';
}

/** Delivers `delivery` (signed now) to a Cashfree Payouts Trigger. */
export async function deliverPayout(
	engine: N8nEngine,
	delivery: Delivery,
	node: PayoutsNode,
): Promise<DeliveryOutcome> {
	return await deliverPayoutRequest(engine, payoutRequest(delivery), node);
}

/** Delivers `request` as it is (a captured delivery, say) to a Cashfree Payouts Trigger. */
export async function deliverPayoutRequest(
	engine: N8nEngine,
	request: SignedRequest,
	{ mode, ...node }: PayoutsNode,
): Promise<DeliveryOutcome> {
	return await deliverRequest(
		engine,
		request,
		{ type: PAYOUTS_TRIGGER, nodeId: node.nodeId ?? randomUUID(), typeVersion: 1, ...node },
		mode,
	);
}
