import { idFieldRule, PLAN_ID } from '../common/ids';
import { planId } from '../subscriptionPlan/common';
import { manageOperation, onSubscription } from './common';

export const changePlan = manageOperation({
	...onSubscription,
	operation: 'changePlan',
	action: 'CHANGE_PLAN',
	title: 'Change Subscription Plan',
	verb: 'moved to another plan',
	fields: [
		{
			...planId.field,
			displayName: 'New Plan ID',
			description:
				'The plan_id of an existing plan the subscription moves to: 1 to 40 characters, letters, digits, ".", "-" and "_"',
		},
	],
	rules: { planId: idFieldRule('action_details.plan_id', PLAN_ID) },
});
