import type {
	IDataObject,
	IHookFunctions,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import { ALL_EVENTS } from './events';
import { checkAndRemember, deliveryId } from './recentDeliveries';
import { readTriggerSettings, type SettingDefaults, type TriggerSettings } from './settings';
import { verifyWebhookSignature, type WebhookHeaders } from './verifySignature';

/**
 * One delivery to a Cashfree trigger, for every Cashfree product that signs its webhooks the same
 * way (Payment Gateway and Payouts V2: x-webhook-signature over x-webhook-timestamp + raw body,
 * Cashfree's "Payloads and Signatures" page). The order is the same for all: settings, size,
 * signature and time, UTF-8 and JSON, event filter, then the duplicate check. What differs per
 * product, and per version of a node, is a TriggerProfile.
 */
export interface TriggerProfile extends SettingDefaults {
	/** The node's kind as n8n's log names it, e.g. "Cashfree Trigger". */
	label: string;
	/** The credential type that holds the client secret (and the previous one, while rotating). */
	credentialType: string;
	/** The `type` of the dashboard's test delivery; undefined when Cashfree documents none. */
	testEvent?: string;
	/**
	 * Bodies above this many bytes are answered 413 before the signature is computed; undefined
	 * leaves the bound to n8n's own payload limit (N8N_PAYLOAD_SIZE_MAX).
	 */
	maxBodyBytes?: number;
	/**
	 * Said instead of "missing x-webhook-signature header" when the delivery is recognisably of
	 * a kind the trigger does not take, so that the sender's log shows what to change.
	 */
	explainUnsigned?: (headers: WebhookHeaders, rawBody: Buffer | undefined) => string | undefined;
}

/** The secrets a credential may hold for verifying webhooks; every Cashfree credential names them so. */
interface SigningSecrets {
	clientSecret?: string;
	previousClientSecret?: string;
}

/**
 * The one webhook of a Cashfree trigger: POST to `<webhook URL>/webhook`, answered by the node
 * itself (receiveDelivery), so that every answer is its short JSON.
 */
export const cashfreeWebhookDescription: IWebhookDescription = {
	name: 'default',
	httpMethod: 'POST',
	responseMode: 'onReceived',
	path: 'webhook',
};

/**
 * The webhook lifecycle of a trigger whose URL nobody registers through an API: Cashfree has none
 * (the URL is pasted into the dashboard, or sent as an order's or link's notify_url). n8n's lint
 * requires the lifecycle of every webhook trigger, so it is here, doing nothing: `checkExists`
 * answers true, so n8n never calls `create`, and `delete` has nothing to remove.
 */
export const unregisteredWebhookMethods = {
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

export async function receiveDelivery(
	context: IWebhookFunctions,
	profile: TriggerProfile,
): Promise<IWebhookResponseData> {
	const res = context.getResponseObject();
	// Every answer is the trigger's own short JSON, a started run's too: left to n8n, an
	// "onReceived" webhook answers with its responseData default, the text "firstEntryJson".
	const answer = (status: number, body: IDataObject): IWebhookResponseData => {
		res.status(status).json(body);
		return { noWebhookResponse: true };
	};
	const nodeName = context.getNode().name;
	const logContext = { workflowId: context.getWorkflow().id };

	const read = readTriggerSettings(context, profile);
	if (!read.ok) {
		// A setting of the workflow, not the delivery, is wrong: 500, so that Cashfree retries
		// once it is fixed. The log says what was found; the answer only what is expected.
		context.logger.error(
			`${profile.label} "${nodeName}": ${read.message}, got ${read.found}. The delivery was answered 500 and started nothing.`,
			logContext,
		);
		return answer(500, { error: 'Internal Server Error', reason: read.message });
	}
	const { settings } = read;

	const headers = context.getHeaderData() as WebhookHeaders;
	const rawBody = readRawBody(context);
	if (
		profile.maxBodyBytes !== undefined &&
		rawBody !== undefined &&
		rawBody.length > profile.maxBodyBytes
	) {
		return answer(413, {
			error: 'Payload Too Large',
			reason: `the body is larger than ${profile.maxBodyBytes} bytes`,
		});
	}
	const nowMs = Date.now();
	// Until when a replay of this delivery could pass the checks.
	let replayUntilMs = nowMs;
	if (settings.verifySignatures) {
		const verified = await verifyDelivery(context, profile, settings, headers, rawBody, nowMs);
		if (!verified.ok) return answer(401, { error: 'Unauthorized', reason: verified.reason });
		replayUntilMs = verified.replayUntilMs;
	}

	// JSON is UTF-8 (RFC 8259). A body that is not is refused rather than decoded with
	// replacement characters, so rawBody is always exactly the bytes that were signed.
	const text = rawBody?.toString('utf8');
	if (rawBody !== undefined && !Buffer.from(text ?? '', 'utf8').equals(rawBody)) {
		return answer(400, { error: 'Bad Request', reason: 'the body is not UTF-8 text' });
	}
	const event = text !== undefined ? parseObject(text) : asObject(context.getBodyData());
	if (!event) {
		return answer(400, { error: 'Bad Request', reason: 'the body is not a JSON object' });
	}

	const type = typeof event.type === 'string' ? event.type : '';
	if (profile.testEvent !== undefined && type === profile.testEvent) {
		if (!settings.includeTestEvents) {
			return answer(200, { received: true, started: false, reason: 'test event ignored' });
		}
	} else if (!settings.events.includes(ALL_EVENTS) && !settings.events.includes(type)) {
		return answer(200, { received: true, started: false, reason: 'event not selected' });
	}

	const verdict = checkAndRemember(context, {
		id: deliveryId(rawBody ?? Buffer.from(JSON.stringify(event), 'utf8')),
		replayUntilMs,
		nowMs,
	});
	if (verdict.duplicate) {
		return answer(200, { received: true, started: false, reason: 'duplicate delivery' });
	}
	if (verdict.forgotReplayable > 0) {
		context.logger.warn(
			`${profile.label} "${nodeName}": more events than it can remember arrived within the Timestamp Tolerance; ${verdict.forgotReplayable} were forgotten before their replay window closed`,
			logContext,
		);
	}

	answer(200, { received: true, started: true });
	return { noWebhookResponse: true, workflowData: [[{ json: outputOf(event, headers, text) }]] };
}

/**
 * Whether the delivery carries a valid signature by the credential's secret (or the previous
 * one, during a rotation) within the tolerance; and until when a replay of it could pass.
 */
async function verifyDelivery(
	context: IWebhookFunctions,
	profile: TriggerProfile,
	settings: TriggerSettings,
	headers: WebhookHeaders,
	rawBody: Buffer | undefined,
	nowMs: number,
): Promise<{ ok: true; replayUntilMs: number } | { ok: false; reason: string }> {
	if (rawBody === undefined) return { ok: false, reason: 'the raw body is not available' };
	const credentials = await context.getCredentials<SigningSecrets>(profile.credentialType);
	const verification = verifyWebhookSignature({
		headers,
		rawBody,
		secrets: [
			stringOrEmpty(credentials.clientSecret),
			stringOrEmpty(credentials.previousClientSecret),
			settings.legacyPreviousSecret,
		],
		nowMs,
		toleranceSeconds: settings.toleranceSeconds,
	});
	if (!verification.ok) {
		const explained = verification.missingSignature
			? profile.explainUnsigned?.(headers, rawBody)
			: undefined;
		return { ok: false, reason: explained ?? verification.reason };
	}
	// With no timestamp check there is no window: the memory then keeps the event for its
	// retry period only.
	const replayUntilMs =
		settings.toleranceSeconds > 0
			? verification.timestampMs + settings.toleranceSeconds * 1000
			: nowMs;
	return { ok: true, replayUntilMs };
}

function stringOrEmpty(value: unknown): string {
	return typeof value === 'string' ? value : '';
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
