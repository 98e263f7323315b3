import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFields } from '../common/fields.description';
import { AMOUNT_RULE, CURRENCY_RULE, type FieldRules } from '../common/fields';
import { idFieldRule, PLAN_ID } from '../common/ids';
import { refuseParameter } from '../common/refuse';
import { requestOperation, type ReadRequest } from '../common/requestOperation';
import { SUBSCRIPTIONS_SINCE } from '../subscription/common';
import { planId, planWords } from './common';

const fields: INodeProperties[] = [
	{
		...planId.field,
		description:
			'An ID of your choice for the plan, unique in your account: 1 to 40 characters, letters, digits, ".", "-" and "_"',
	},
	{
		displayName: 'Plan Name',
		name: 'planName',
		type: 'string',
		required: true,
		default: '',
		description: 'The name customers see when they authorise the mandate, 1 to 40 characters',
	},
	{
		displayName: 'Plan Type',
		name: 'planType',
		type: 'options',
		required: true,
		default: 'PERIODIC',
		options: [
			{
				name: 'Periodic',
				value: 'PERIODIC',
				description:
					'Cashfree charges the recurring amount by itself at every interval (needs Recurring Amount, Intervals and Interval Type)',
			},
			{
				name: 'On Demand',
				value: 'ON_DEMAND',
				description: 'You raise each charge yourself, up to the maximum amount',
			},
		],
	},
	{
		displayName: 'Max Amount',
		name: 'planMaxAmount',
		type: 'number',
		required: true,
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 2 },
		description:
			'The most one charge of a subscription on this plan may take, at least 1, with at most two decimals',
	},
	{
		displayName: 'Recurring Amount',
		name: 'planRecurringAmount',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 1, numberPrecision: 2 },
		displayOptions: { show: { planType: ['PERIODIC'] } },
		description: 'What each periodic charge takes, at most the maximum amount',
	},
	{
		displayName: 'Intervals',
		name: 'planIntervals',
		type: 'number',
		default: 1,
		typeOptions: { minValue: 1 },
		displayOptions: { show: { planType: ['PERIODIC'] } },
		description: 'How many interval types between two charges: 2 with Week charges every two weeks',
	},
	{
		displayName: 'Interval Type',
		name: 'planIntervalType',
		type: 'options',
		default: 'MONTH',
		displayOptions: { show: { planType: ['PERIODIC'] } },
		options: [
			{ name: 'Day', value: 'DAY' },
			{ name: 'Week', value: 'WEEK' },
			{ name: 'Month', value: 'MONTH' },
			{ name: 'Year', value: 'YEAR' },
		],
	},
	additionalFields([
		{
			displayName: 'Currency',
			name: 'planCurrency',
			type: 'string',
			default: '',
			placeholder: 'INR',
			description: 'Three-letter currency code; INR when empty',
		},
		{
			displayName: 'Max Cycles',
			name: 'planMaxCycles',
			type: 'number',
			default: 0,
			typeOptions: { minValue: 1 },
			description: 'How many charges a subscription on this plan takes at most',
		},
		{
			displayName: 'Plan Note',
			name: 'planNote',
			type: 'string',
			default: '',
			description: 'A note for your reference',
		},
	]),
];

/** Cashfree's Create Plan request (the Go SDK's CreatePlanRequest; lengths from the API reference). */
const rules: FieldRules = {
	planId: idFieldRule('plan_id', PLAN_ID),
	planName: { to: 'plan_name', minLength: 1, maxLength: 40 },
	planType: { to: 'plan_type' },
	planMaxAmount: { to: 'plan_max_amount', ...AMOUNT_RULE },
	planRecurringAmount: { to: 'plan_recurring_amount', ...AMOUNT_RULE },
	planIntervals: { to: 'plan_intervals', min: 1, decimals: 0 },
	planIntervalType: { to: 'plan_interval_type' },
	planCurrency: { to: 'plan_currency', ...CURRENCY_RULE },
	planMaxCycles: { to: 'plan_max_cycles', min: 1, decimals: 0 },
	planNote: { to: 'plan_note', maxLength: 500 },
};

/**
 * A periodic plan needs what Cashfree charges and how often; an on-demand plan has neither
 * (the editor hides those fields for it, but an expression-set Plan Type may still carry them).
 */
function checkPlanShape(context: IExecuteFunctions, request: ReadRequest, itemIndex: number) {
	const fields = request.fields;
	if (fields.plan_type === 'PERIODIC') {
		if (fields.plan_recurring_amount === undefined)
			refuseParameter(
				context,
				'Recurring Amount',
				itemIndex,
				'it is empty',
				'A Periodic plan needs a Recurring Amount',
			);
		if ((fields.plan_recurring_amount as number) > (fields.plan_max_amount as number))
			refuseParameter(
				context,
				'Recurring Amount',
				itemIndex,
				`${String(fields.plan_recurring_amount)} is more than the Max Amount ${String(fields.plan_max_amount)}`,
				'Recurring Amount must be at most Max Amount',
			);
		return;
	}
	delete fields.plan_recurring_amount;
	delete fields.plan_intervals;
	delete fields.plan_interval_type;
}

export const create = requestOperation({
	resource: 'subscriptionPlan',
	operation: 'create',
	about: planWords,
	method: 'POST',
	ids: [],
	path: () => '/plans',
	fields,
	rules,
	refine: checkPlanShape,
	since: { version: SUBSCRIPTIONS_SINCE, title: 'Create Subscription Plan' },
	carriedOut: {
		singular: 'plan',
		plural: 'plans',
		verb: 'created',
		id: (request) => String(request.fields.plan_id),
	},
});
