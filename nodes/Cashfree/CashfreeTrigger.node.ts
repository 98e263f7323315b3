import type {
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { cashfreeApiCredentialTest } from './transport';
import { DEFAULT_EVENTS, TEST_EVENT } from './webhook/events';
import {
	cashfreeWebhookDescription,
	receiveDelivery,
	unregisteredWebhookMethods,
} from './webhook/receiveDelivery';
import { DEFAULT_TOLERANCE_SECONDS, triggerProperties } from './webhook/trigger.description';

/**
 * Default Timestamp Tolerance, in seconds, of version 2 (new nodes): 5 minutes, what Cashfree
 * itself advises ("Validate timestamp to prevent replay attacks (recommended window: 5
 * minutes)", its webhook signature verification page) and Stripe's default. Cashfree documents
 * x-webhook-timestamp as the time the webhook was generated, and does not say in so many words
 * that a retry (2, 10 and 30 minutes later by default) or a dashboard resend (of events up to a
 * day old) is signed again. They are taken to be: otherwise no receiver following Cashfree's own
 * 5-minute advice could take a late retry or any resend. If one were not, it would be refused 401
 * "older than the tolerance" (shown in Cashfree's webhook logs), and raising the tolerance would
 * let it through. A longer window costs little: a replay within it starts nothing, since the
 * delivery memory keeps every event at least until its window closes (recentDeliveries.ts).
 *
 * Version 1 keeps one hour. n8n leaves a parameter at its default out of a saved workflow, so
 * workflows saved with version 1 take whatever default version 1 has; they keep theirs.
 */
const DEFAULT_TOLERANCE_SECONDS_V1 = 3600;

export class CashfreeTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Cashfree Trigger',
		name: 'cashfreeTrigger',
		icon: { light: 'file:cashfree.svg', dark: 'file:cashfree.dark.svg' },
		group: ['trigger'],
		// 2: the previous client secret lives in the credential, not in the workflow; the
		// Timestamp Tolerance defaults to 5 minutes. Version 1 nodes keep both as they were.
		version: [1, 2],
		defaultVersion: 2,
		subtitle: '={{($parameter["events"] || []).join(", ")}}',
		description:
			"Starts the workflow when Cashfree's Payment Gateway sends a webhook: payments, payment links, refunds, settlements, disputes",
		defaults: { name: 'Cashfree Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'cashfreeApi', required: true, testedBy: 'cashfreeApiCredentialTest' }],
		webhooks: [cashfreeWebhookDescription],
		properties: triggerProperties,
	};

	methods = { credentialTest: { cashfreeApiCredentialTest } };

	/** Nothing to register: see unregisteredWebhookMethods. */
	webhookMethods = unregisteredWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const version = this.getNode().typeVersion;
		return await receiveDelivery(this, {
			label: 'Cashfree Trigger',
			credentialType: 'cashfreeApi',
			events: DEFAULT_EVENTS,
			exampleEvent: 'PAYMENT_SUCCESS_WEBHOOK',
			testEvent: TEST_EVENT,
			toleranceSeconds: version < 2 ? DEFAULT_TOLERANCE_SECONDS_V1 : DEFAULT_TOLERANCE_SECONDS,
			readsLegacyPreviousSecret: version < 2,
		});
	}
}
