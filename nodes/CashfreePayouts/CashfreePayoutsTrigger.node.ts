import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import {
	cashfreeWebhookDescription,
	receiveDelivery,
	unregisteredWebhookMethods,
	type TriggerProfile,
} from '../Cashfree/webhook/receiveDelivery';
import { DEFAULT_TOLERANCE_SECONDS } from '../Cashfree/webhook/trigger.description';
import type { WebhookHeaders } from '../Cashfree/webhook/verifySignature';
import { cashfreePayoutsApiCredentialTest } from '../Cashfree/transport';
import { DEFAULT_PAYOUT_EVENTS } from './webhook/events';
import { payoutsTriggerProperties } from './webhook/trigger.description';

/**
 * A Payouts V2 body is one transfer (or batch) in a small envelope, about 1 KB; 64 KB leaves
 * room for far larger ones while an oversize body is refused before any HMAC is computed.
 */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Payouts V2 signs exactly as the Payment Gateway does (x-webhook-signature =
 * base64(HMAC-SHA256(x-webhook-timestamp + raw body)) with the Payouts client secret, Cashfree's
 * "Payloads and Signatures" page and its Payouts "Webhooks Version V2" page), so the trigger is
 * the Payment Gateway trigger's receiveDelivery with the Payouts credential and events. V1
 * deliveries (form fields, a `signature` field over the sorted values) are refused with a hint:
 * a second, weaker rule would double what must be kept right, and V2 is what Cashfree offers for
 * the 2024-01-01 API.
 */
const PAYOUTS_PROFILE: TriggerProfile = {
	label: 'Cashfree Payouts Trigger',
	credentialType: 'cashfreePayoutsApi',
	events: DEFAULT_PAYOUT_EVENTS,
	exampleEvent: 'TRANSFER_SUCCESS',
	// Cashfree documents no test event type for Payouts: the dashboard's "Test & Add Webhook"
	// delivery is answered like any other, by its type.
	testEvent: undefined,
	// The Payment Gateway trigger's reasoning (CashfreeTrigger.node.ts) holds here too: 5 minutes,
	// Cashfree's advice for the header-signed webhooks, retries taken to be signed again.
	toleranceSeconds: DEFAULT_TOLERANCE_SECONDS,
	readsLegacyPreviousSecret: false,
	maxBodyBytes: MAX_BODY_BYTES,
	explainUnsigned: describeV1Delivery,
};

export class CashfreePayoutsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cashfree Payouts Trigger',
		name: 'cashfreePayoutsTrigger',
		icon: { light: 'file:../Cashfree/cashfree.svg', dark: 'file:../Cashfree/cashfree.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			'Starts the workflow when Cashfree Payouts sends a webhook: transfers that succeeded, failed, were reversed or rejected, rejected batches, balance alerts',
		defaults: { name: 'Cashfree Payouts Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'cashfreePayoutsApi', required: true, testedBy: 'cashfreePayoutsApiCredentialTest' },
		],
		webhooks: [cashfreeWebhookDescription],
		properties: payoutsTriggerProperties,
	};

	/** The credential's Test, as the Cashfree Payouts node offers it: the same keys. */
	methods = { credentialTest: { cashfreePayoutsApiCredentialTest } };

	/** Nothing to register: Cashfree Payouts has no API for webhook URLs either. */
	webhookMethods = unregisteredWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receiveDelivery(this, PAYOUTS_PROFILE);
	}
}

/**
 * A Payouts V1 webhook carries its signature among the body's fields, not in a header: say so,
 * so that Cashfree's webhook log shows what to change in the dashboard.
 */
function describeV1Delivery(
	headers: WebhookHeaders,
	rawBody: Buffer | undefined,
): string | undefined {
	const contentType = String(headers['content-type'] ?? '');
	const text = rawBody?.toString('utf8') ?? '';
	const formSigned = contentType.includes('x-www-form-urlencoded') && /(^|&)signature=/.test(text);
	const jsonSigned =
		contentType.includes('json') && /"signature"\s*:/.test(text) && /"event"\s*:/.test(text);
	if (!formSigned && !jsonSigned) return undefined;
	return 'missing x-webhook-signature header: this is a Payouts V1 webhook; choose webhook version V2 in the Payouts dashboard';
}
