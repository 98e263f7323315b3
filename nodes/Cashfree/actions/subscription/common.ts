/**
 * What the four subscription resources share. Cashfree's Subscriptions API lives under the
 * Payment Gateway's base URL with the same keys; its shapes here follow Cashfree's Go SDK v6
 * (api_subscription.go and the model_*subscription*.go / model_plan_entity.go files) and the
 * API reference for 2023-08-01 and 2025-01-01, the first versions that document it.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ApiVersion, ResourceWords } from '../../transport';
import type { FieldRules } from '../common/fields';
import { SUBSCRIPTION_ID, SUBSCRIPTION_PAYMENT_ID } from '../common/ids';
import {
	requestOperation,
	segment,
	type PathId,
	type ReadRequest,
	type RequestSpec,
} from '../common/requestOperation';

/** Cashfree's reference has no Subscriptions API before 2023-08-01 (its pages start there). */
export const SUBSCRIPTIONS_SINCE: ApiVersion = '2023-08-01';

export const subscriptionWords: ResourceWords = {
	noun: 'subscription',
	idName: 'subscription ID',
};

export const subscriptionId: PathId = {
	rule: SUBSCRIPTION_ID,
	field: {
		displayName: 'Subscription ID',
		name: 'subscriptionId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'sub_1042',
		description:
			'The subscription_id given when the subscription was created: up to 250 characters, letters, digits, ".", "-", "_" and spaces',
	},
};

/** A subscription payment is named by the payment_id the merchant gave when raising it. */
export const subscriptionPaymentId: PathId = {
	rule: SUBSCRIPTION_PAYMENT_ID,
	field: {
		displayName: 'Payment ID',
		name: 'paymentId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'charge_2026_12',
		description:
			'The payment_id given when the charge was raised (not Cashfree\'s cf_payment_id): letters, digits, ".", "-" and "_"',
	},
};

export function subscriptionPath(id: string): string {
	return `/subscriptions/${segment(id)}`;
}

export function subscriptionPaymentPath(subscription: string, payment: string): string {
	return `${subscriptionPath(subscription)}/payments/${segment(payment)}`;
}

/**
 * Cashfree's manage calls name their subject in the body as well as in the path; the body
 * takes the validated path ids, so the two cannot differ.
 */
function withIdsInBody(names: string[]): NonNullable<RequestSpec['refine']> {
	return (_context, request: ReadRequest) => {
		names.forEach((name, index) => {
			request.fields[name] = request.ids[index];
		});
	};
}

/**
 * The date Cashfree takes for the next charge after Activate or Retry (only its day counts),
 * as the field and its rule under action_details.
 */
export function nextScheduledTime(description: string): Pick<ManageSpec, 'fields' | 'rules'> {
	return {
		fields: [
			{
				displayName: 'Next Scheduled Time',
				name: 'nextScheduledTime',
				type: 'dateTime',
				required: true,
				default: '',
				description: `${description}. Cashfree uses only the date, sent as picked (a time without an offset is in the workflow's time zone).`,
			},
		],
		rules: { nextScheduledTime: { to: 'action_details.next_scheduled_time', dayOnly: true } },
	};
}

interface ManageSpec {
	resource: string;
	operation: string;
	about: ResourceWords;
	/** Cashfree's action: CANCEL, PAUSE, ACTIVATE, CHANGE_PLAN, RETRY. */
	action: string;
	/** The subscription, or the subscription and the payment. */
	ids: PathId[];
	path: (...ids: string[]) => string;
	/** The ids' names in the body, in the order of `ids`. */
	idNames: string[];
	/** The call as a version refusal names it: "Cancel Subscription". */
	title: string;
	verb: string;
	fields?: INodeProperties[];
	/** Rules of `fields`, each sent under action_details. */
	rules?: FieldRules;
}

/**
 * One of Cashfree's manage actions as an operation of its own (POST …/manage with `action` and
 * `action_details`), so the editor and an AI agent see what each does.
 */
export function manageOperation(spec: ManageSpec) {
	const fixedBody: IDataObject = { action: spec.action };
	return requestOperation({
		resource: spec.resource,
		operation: spec.operation,
		about: spec.about,
		method: 'POST',
		ids: spec.ids,
		path: (...ids) => `${spec.path(...ids)}/manage`,
		fields: spec.fields,
		rules: spec.rules,
		fixedBody,
		refine: withIdsInBody(spec.idNames),
		since: { version: SUBSCRIPTIONS_SINCE, title: spec.title },
		carriedOut: {
			singular: spec.about.noun,
			plural: `${spec.about.noun}s`,
			verb: spec.verb,
			id: (request) => request.ids.join(' / '),
		},
	});
}

/** What every manage operation on a subscription shares: the subject, in path and body. */
export const onSubscription = {
	resource: 'subscription',
	about: subscriptionWords,
	ids: [subscriptionId],
	path: subscriptionPath,
	idNames: ['subscription_id'],
};

/** For the calls that name the subscription in both path and body (refunds). */
export const subscriptionIdInBody = withIdsInBody(['subscription_id']);
