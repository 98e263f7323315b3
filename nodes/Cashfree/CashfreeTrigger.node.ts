import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import type { CashfreeCredentials } from '../../credentials/CashfreeApi.credentials';
import { cashfreeApiCredentialTest } from './transport';
import { ALL_EVENTS, TEST_EVENT } from './webhook/events';
import { checkAndRemember, deliveryId } from './webhook/recentDeliveries';
import { readTriggerSettings, type TriggerSettings } from './webhook/settings';
import { triggerProperties } from './webhook/trigger.description';
import { verifyWebhookSignature, type WebhookHeaders } from './webhook/verifySignature';

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
const DEFAULT_TOLERANCE_SECONDS = 300;
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
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: triggerProperties,
	};

	methods = { credentialTest: { cashfreeApiCredentialTest } };

	/**
	 * Nothing to register: Cashfree has no API for webhook endpoints (the URL is pasted into the
	 * dashboard, or sent as an order's or link's notify_url). n8n's lint requires the lifecycle of
	 * every webhook trigger, so it is here, doing nothing: `checkExists` answers true, so n8n never
	 * calls `create`, and `delete` has nothing to remove.
	 */
	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return true;
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const res = this.getResponseObject();
		// Every answer is the trigger's own short JSON, a started run's too: left to n8n, an
		// "onReceived" webhook answers with its responseData default, the text "firstEntryJson".
		const answer = (status: number, body: IDataObject): IWebhookResponseData => {
			res.status(status).json(body);
			return { noWebhookResponse: true };
		};

		const read = readTriggerSettings(
			this,
			this.getNode().typeVersion < 2 ? DEFAULT_TOLERANCE_SECONDS_V1 : DEFAULT_TOLERANCE_SECONDS,
		);
		if (!read.ok) {
			// A setting of the workflow, not the delivery, is wrong: 500, so that Cashfree retries
			// once it is fixed. The log says what was found; the answer only what is expected.
			this.logger.error(
				`Cashfree Trigger "${this.getNode().name}": ${read.message}, got ${read.found}. The delivery was answered 500 and started nothing.`,
				{ workflowId: this.getWorkflow().id },
			);
			return answer(500, { error: 'Internal Server Error', reason: read.message });
		}
		const { settings } = read;

		const headers = this.getHeaderData() as WebhookHeaders;
		const rawBody = readRawBody(this);
		const nowMs = Date.now();
		// Until when a replay of this delivery could pass the checks.
		let replayUntilMs = nowMs;
		if (settings.verifySignatures) {
			const verified = await verifyDelivery(this, settings, headers, rawBody, nowMs);
			if (!verified.ok) return answer(401, { error: 'Unauthorized', reason: verified.reason });
			replayUntilMs = verified.replayUntilMs;
		}

		// JSON is UTF-8 (RFC 8259). A body that is not is refused rather than decoded with
		// replacement characters, so rawBody is always exactly the bytes that were signed.
		const text = rawBody?.toString('utf8');
		if (rawBody !== undefined && !Buffer.from(text ?? '', 'utf8').equals(rawBody)) {
			return answer(400, { error: 'Bad Request', reason: 'the body is not UTF-8 text' });
		}
		const event = text !== undefined ? parseObject(text) : asObject(this.getBodyData());
		if (!event) {
			return answer(400, { error: 'Bad Request', reason: 'the body is not a JSON object' });
		}

		const type = typeof event.type === 'string' ? event.type : '';
		if (type === TEST_EVENT) {
			if (!settings.includeTestEvents) {
				return answer(200, { received: true, started: false, reason: 'test event ignored' });
			}
		} else if (!settings.events.includes(ALL_EVENTS) && !settings.events.includes(type)) {
			return answer(200, { received: true, started: false, reason: 'event not selected' });
		}

		const verdict = checkAndRemember(this, {
			id: deliveryId(rawBody ?? Buffer.from(JSON.stringify(event), 'utf8')),
			replayUntilMs,
			nowMs,
		});
		if (verdict.duplicate) {
			return answer(200, { received: true, started: false, reason: 'duplicate delivery' });
		}
		if (verdict.forgotReplayable > 0) {
			this.logger.warn(
				`Cashfree Trigger "${this.getNode().name}": more events than it can remember arrived within the Timestamp Tolerance; ${verdict.forgotReplayable} were forgotten before their replay window closed`,
				{ workflowId: this.getWorkflow().id },
			);
		}

		answer(200, { received: true, started: true });
		return { noWebhookResponse: true, workflowData: [[{ json: outputOf(event, headers, text) }]] };
	}
}

/**
 * Whether the delivery carries a valid signature by the credential's secret (or the previous
 * one, during a rotation) within the tolerance; and until when a replay of it could pass.
 */
async function verifyDelivery(
	context: IWebhookFunctions,
	settings: TriggerSettings,
	headers: WebhookHeaders,
	rawBody: Buffer | undefined,
	nowMs: number,
): Promise<{ ok: true; replayUntilMs: number } | { ok: false; reason: string }> {
	if (rawBody === undefined) return { ok: false, reason: 'the raw body is not available' };
	const credentials = await context.getCredentials<CashfreeCredentials>('cashfreeApi');
	const verification = verifyWebhookSignature({
		headers,
		rawBody,
		secrets: [
			credentials.clientSecret ?? '',
			credentials.previousClientSecret ?? '',
			settings.legacyPreviousSecret,
		],
		nowMs,
		toleranceSeconds: settings.toleranceSeconds,
	});
	if (!verification.ok) return { ok: false, reason: verification.reason };
	// With no timestamp check there is no window: the memory then keeps the event for its
	// retry period only.
	const replayUntilMs =
		settings.toleranceSeconds > 0
			? verification.timestampMs + settings.toleranceSeconds * 1000
			: nowMs;
	return { ok: true, replayUntilMs };
}

/** The item a started run gets: Cashfree's event, then what the delivery's headers say. */
function outputOf(event: IDataObject, headers: WebhookHeaders, text: string | undefined) {
	const attempt = Number(headerValue(headers['x-webhook-attempt']));
	return {
		// Cashfree's fields first, so the documented ones below always hold.
		...event,
		event: typeof event.type === 'string' ? event.type : '',
		webhookVersion: headerValue(headers['x-webhook-version']) ?? null,
		attempt: Number.isInteger(attempt) && attempt > 0 ? attempt : null,
		// As sent; not covered by the signature, so not used to tell events apart.
		idempotencyKey: headerValue(headers['x-idempotency-key']) ?? null,
		// The body exactly as signed (it re-encodes to the same bytes): JSON.parse reads 170.00
		// as 170, so amounts whose exact text matters, or a second verification, read this. Null
		// only when n8n kept no raw body.
		rawBody: text ?? null,
	};
}

/** The body n8n keeps for webhooks, as received (n8n's body parser fills `rawBody`). */
function readRawBody(context: IWebhookFunctions): Buffer | undefined {
	const { rawBody } = context.getRequestObject() as { rawBody?: unknown };
	if (Buffer.isBuffer(rawBody)) return rawBody;
	if (typeof rawBody === 'string') return Buffer.from(rawBody, 'utf8');
	return undefined;
}

function parseObject(text: string): IDataObject | undefined {
	try {
		return asObject(JSON.parse(text));
	} catch {
		return undefined;
	}
}

function asObject(value: unknown): IDataObject | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as IDataObject)
		: undefined;
}

function headerValue(value: string | string[] | undefined): string | undefined {
	const first = Array.isArray(value) ? value[0] : value;
	const trimmed = first?.trim();
	return trimmed ? trimmed : undefined;
}
