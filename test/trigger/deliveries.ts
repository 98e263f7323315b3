/**
 * What the trigger tests share: Cashfree-signed deliveries and a workflow whose only node is a
 * Cashfree Trigger, delivered through n8n-core's WebhookContext (N8nEngine.deliverWebhook), as
 * n8n's webhook server runs a trigger; only the HTTP request and response are stand-ins.
 */
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, INode, INodeParameters, IWorkflowBase } from 'n8n-workflow';

import type { N8nEngine, WebhookOutcome } from '../../tools/engine/n8n-engine';

export const SECRET = 'cfsk_ma_test_Zq8XsecretV4lue_41f9';
export const PREVIOUS_SECRET = 'cfsk_ma_test_0ldR0tatedS3cret_77aa';
export const WRONG_SECRET = 'cfsk_ma_test_someoneElse_000000';

/**
 * The Cashfree credential every trigger test signs with (sandbox keys, SECRET), stored in
 * `engine` under `id`; `extra` adds fields such as the previous secret of a rotation. `type` is
 * the credential type: the Payment Gateway's unless a Payouts test asks for cashfreePayoutsApi.
 */
export async function triggerCredential(
	engine: N8nEngine,
	id: string,
	extra: IDataObject = {},
	type = 'cashfreeApi',
): Promise<INode['credentials']> {
	return await engine.addCredential({
		id,
		type,
		data: { clientId: 'test_client_id', clientSecret: SECRET, environment: 'sandbox', ...extra },
	});
}

export const MINUTE = 60_000;

/** A PAYMENT_SUCCESS_WEBHOOK of API version 2025-01-01, amounts written as Cashfree writes them. */
export const PAYMENT_SUCCESS = `{"data":{"order":{"order_id":"order_OFR_2","order_amount":170.00,"order_currency":"INR","order_tags":null},"payment":{"cf_payment_id":"5114910634577","payment_status":"SUCCESS","payment_amount":170.00,"payment_currency":"INR","payment_message":"00::Transaction success","payment_time":"2025-05-05T12:20:29+05:30","bank_reference":"234928698581","payment_group":"upi","payment_method":{"upi":{"channel":"collect","upi_id":"test@upi"}}},"customer_details":{"customer_name":null,"customer_id":"7112AAA812234","customer_email":"buyer@example.com","customer_phone":"9908734801"}},"event_time":"2025-05-05T12:20:31+05:30","type":"PAYMENT_SUCCESS_WEBHOOK"}`;

/** An event of `type` with a fresh id in its data, so that every call is another event. */
export function event(type: string, extra: Record<string, unknown> = {}): string {
	return JSON.stringify({
		data: { id: randomUUID(), ...extra },
		event_time: '2025-05-05T12:20:31+05:30',
		type,
	});
}

export function sign(secret: string, timestamp: string, body: string | Buffer): string {
	return createHmac('sha256', secret)
		.update(Buffer.concat([Buffer.from(timestamp), Buffer.from(body)]))
		.digest('base64');
}

export interface Delivery {
	body?: string | Buffer;
	/** Signed with this secret unless `signature` is given; SECRET by default. */
	secret?: string;
	/** Milliseconds from now for x-webhook-timestamp. */
	ageMs?: number;
	timestamp?: string;
	signature?: string;
	/** Headers to add, replace, or (undefined) remove. */
	headers?: Record<string, string | string[] | undefined>;
	/** The body put on the wire, when it is not the one signed. */
	sentBody?: string | Buffer;
}

export interface SignedRequest {
	headers: Record<string, string | string[]>;
	body: string | Buffer;
	signature: string;
}

/** The request Cashfree would send for `delivery`: signed, with a fresh x-idempotency-key. */
export function signedRequest(delivery: Delivery = {}): SignedRequest {
	const body = delivery.body ?? PAYMENT_SUCCESS;
	const timestamp = delivery.timestamp ?? String(Date.now() - (delivery.ageMs ?? 0));
	const signature = delivery.signature ?? sign(delivery.secret ?? SECRET, timestamp, body);
	const headers: Record<string, string | string[]> = {
		'Content-Type': 'application/json',
		'x-webhook-signature': signature,
		'x-webhook-timestamp': timestamp,
		'x-webhook-version': '2025-01-01',
		'x-webhook-attempt': '1',
		'x-idempotency-key': randomUUID(),
	};
	for (const [name, value] of Object.entries(delivery.headers ?? {})) {
		if (value === undefined) delete headers[name];
		else headers[name] = value;
	}
	return { headers, body: delivery.sentBody ?? body, signature };
}

export interface TriggerNode {
	/** The trigger's node type; the Cashfree Trigger unless given. */
	type?: string;
	parameters?: INodeParameters;
	/** Each node id has its own memory in the process; a fresh one unless given. */
	nodeId?: string;
	/** The node's version; the newest (what a new node gets) unless given. */
	typeVersion?: number;
	workflowId?: string;
	/** The workflow's static data, as n8n stores it with the workflow. */
	staticData?: IDataObject;
	credentials?: INode['credentials'];
}

export const NEWEST_VERSION = 2;

/** A workflow whose only node is a Cashfree trigger (the Cashfree Trigger unless `node.type`). */
export function triggerWorkflow(node: TriggerNode = {}) {
	return {
		id: node.workflowId ?? 'wf-trigger',
		nodes: [
			{
				id: node.nodeId ?? randomUUID(),
				name: 'Cashfree Trigger',
				type: node.type ?? 'n8n-nodes-cashfree.cashfreeTrigger',
				typeVersion: node.typeVersion ?? NEWEST_VERSION,
				position: [0, 0] as [number, number],
				webhookId: 'c4f1e1d0-0000-4000-8000-000000000001',
				parameters: node.parameters ?? {},
				credentials: node.credentials,
			},
		],
		connections: {},
		...(node.staticData ? { staticData: node.staticData } : {}),
	} satisfies Pick<IWorkflowBase, 'nodes' | 'connections'> & Partial<IWorkflowBase>;
}

export type DeliveryOutcome = WebhookOutcome & { signature: string };

/** Delivers `request` as it is (a captured delivery, say) to the trigger described by `node`. */
export async function deliverRequest(
	engine: N8nEngine,
	request: SignedRequest,
	node: TriggerNode = {},
	mode?: 'webhook' | 'manual',
): Promise<DeliveryOutcome> {
	const outcome = await engine.deliverWebhook(triggerWorkflow(node), {
		headers: request.headers,
		body: request.body,
		mode,
	});
	return { ...outcome, signature: request.signature };
}

/** Signs `delivery` now and delivers it to the trigger described by `node`. */
export async function deliver(
	engine: N8nEngine,
	delivery: Delivery = {},
	node: TriggerNode = {},
	mode?: 'webhook' | 'manual',
): Promise<DeliveryOutcome> {
	return await deliverRequest(engine, signedRequest(delivery), node, mode);
}

/** Started: 200, one item, and the short answer every started run gets. */
export function expectStarted(outcome: WebhookOutcome): IDataObject {
	expect(outcome.status).toBe(200);
	expect(outcome.workflowData).toHaveLength(1);
	expect(outcome.workflowData?.[0]).toHaveLength(1);
	return outcome.workflowData![0][0].json;
}

export function expectAnsweredWithoutExecution(outcome: WebhookOutcome, reason: string) {
	expect(outcome.status).toBe(200);
	expect(outcome.workflowData).toBeUndefined();
	expect(outcome.body).toEqual({ received: true, started: false, reason });
}

/**
 * A small HTTP server standing in for n8n's webhook endpoint, for senders under test (the
 * simulator): each raw delivery goes to the trigger of `workflow()` through the engine, and the
 * sender gets the trigger's status and JSON, so its retries see what they would from n8n.
 * `onOutcome` sees every outcome, in arrival order.
 */
export async function startTriggerReceiver(
	engine: N8nEngine,
	workflow: () => ReturnType<typeof triggerWorkflow>,
	onOutcome: (outcome: WebhookOutcome) => void,
): Promise<{ url: string; server: http.Server }> {
	const server = http.createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const headers = Object.fromEntries(
				Object.entries(request.headers).filter(
					(entry): entry is [string, string] => typeof entry[1] === 'string',
				),
			);
			engine
				.deliverWebhook(workflow(), { headers, body: Buffer.concat(chunks) })
				.then((outcome) => {
					onOutcome(outcome);
					response.writeHead(outcome.status, { 'content-type': 'application/json' });
					response.end(JSON.stringify(outcome.body ?? {}));
				})
				.catch(() => response.writeHead(500).end());
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`, server };
}
