import type { CashfreeSimulator } from './server';
import type { SeedLink } from './types';

/** Links in every state, for trying the node by hand: the CLI, `npm run n8n` and the examples use them. */
export const DEMO_LINKS: SeedLink[] = [
	{ link_id: 'demo_active_1', link_amount: 499, link_purpose: 'Demo: active link' },
	{ link_id: 'demo_active_2', link_amount: 1250.5, link_purpose: 'Demo: second active link' },
	{
		link_id: 'demo_partially_paid',
		link_status: 'PARTIALLY_PAID',
		link_amount: 1000,
		link_minimum_partial_amount: 250,
		link_amount_paid: 250,
		orders: [{ order_amount: 250, order_status: 'PAID' }],
	},
	{
		link_id: 'demo_paid',
		link_status: 'PAID',
		link_amount: 750,
		orders: [{ order_amount: 750, order_status: 'PAID' }],
	},
	{ link_id: 'demo_cancelled', link_status: 'CANCELLED', link_amount: 300 },
	{ link_id: 'demo_expired', link_status: 'EXPIRED', link_amount: 200 },
];

export function seedDemoLinks(simulator: CashfreeSimulator): void {
	for (const link of DEMO_LINKS) simulator.seedLink(link);
}
