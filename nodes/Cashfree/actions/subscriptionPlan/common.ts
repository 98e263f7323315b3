import type { ResourceWords } from '../../transport';
import { PLAN_ID } from '../common/ids';
import { segment, type PathId } from '../common/requestOperation';

export const planWords: ResourceWords = { noun: 'subscription plan', idName: 'plan ID' };

export const planId: PathId = {
	rule: PLAN_ID,
	field: {
		displayName: 'Plan ID',
		name: 'planId',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'plan_monthly_499',
		description:
			'The plan_id given when the plan was created: 1 to 40 characters, letters, digits, ".", "-" and "_"',
	},
};

export function planPath(id: string): string {
	return `/plans/${segment(id)}`;
}
