/**
 * Key/value and JSON fields are refused in the read step, naming field and item, when a key
 * would vanish on the way ("__proto__", "constructor", "prototype": n8n's deep copy turns them
 * into machinery), when a name is given twice (the last would win silently), or when the JSON
 * is too deep or too large: before anything is sent, not after some orders were created.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runOperation, useHarness } from '../../helpers/harness';

const harness = useHarness();

const order: INodeParameters = {
	orderAmount: 100,
	orderCurrency: 'INR',
	customerId: 'cust_1',
	customerPhone: '9999999999',
	orderId: '={{ $json.order_id }}',
};

function tags(...entries: Array<[string, string]>) {
	return { entries: entries.map(([key, value]) => ({ key, value })) };
}

function nested(levels: number): string {
	return `${'{"a":'.repeat(levels)}1${'}'.repeat(levels)}`;
}

async function createOrders(
	additionalFields: IDataObject,
	items: IDataObject[] = [{ order_id: 'order_j0' }],
) {
	return await runOperation(
		harness,
		'order',
		'create',
		{ ...order, additionalFields } as INodeParameters,
		items,
	);
}

describe('key/value fields', () => {
	it.each(['__proto__', 'constructor', 'prototype'])('a tag named %s is refused', async (name) => {
		const { error } = await createOrders({ orderTags: tags(['invoice', 'INV-1'], [name, 'x']) });

		expect(error?.message).toBe(`Invalid Order Tags in item 0: the name "${name}" is not allowed`);
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it('Notes on a payment link follow the same rule: "constructor" is refused before sending', async () => {
		const { error } = await runOperation(
			harness,
			'paymentLink',
			'create',
			{
				linkId: 'invoice_notes',
				linkAmount: 10,
				linkCurrency: 'INR',
				linkPurpose: 'Invoice',
				customerPhone: '9999999999',
				additionalFields: { linkNotes: tags(['invoice', 'INV-1'], ['constructor', 'x']) },
			},
			[{}],
		);

		expect(error?.message).toBe('Invalid Notes in item 0: the name "constructor" is not allowed');
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it('a tag name given twice is refused, not overwritten', async () => {
		const { error } = await createOrders({
			orderTags: tags(['invoice', 'INV-1'], ['invoice', 'INV-2']),
		});

		expect(error?.message).toBe('Invalid Order Tags in item 0: the name "invoice" is given twice');
		expect(harness.simulator.requests).toHaveLength(0);
	});
});

describe('JSON fields', () => {
	it('a "__proto__" key inside Cart Details is refused, with where it is', async () => {
		const { error } = await createOrders({
			cartDetails: '{"cart_items":[{"item_name":"pen","__proto__":{"item_price":0}}]}',
		});

		expect(error?.message).toBe(
			'Invalid Cart Details in item 0: the key "__proto__" in cart_items[0] is not allowed',
		);
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it('a 6,000-level Cart Details on the third item stops the run before any order is created', async () => {
		const items = [0, 1, 2].map((index) => ({
			order_id: `order_deep_${index}`,
			cart: index === 2 ? nested(6000) : '{}',
		}));
		const { error } = await runOperation(
			harness,
			'order',
			'create',
			{ ...order, additionalFields: { cartDetails: '={{ $json.cart }}' } } as INodeParameters,
			items,
		);

		expect(error?.message).toBe(
			'Invalid Cart Details in item 2: it is nested more than 20 levels deep',
		);
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it('a Cart Details of 70,000 characters is refused before it is parsed or sent', async () => {
		const big = JSON.stringify({ cart_items: [{ item_name: 'x'.repeat(70_000) }] });

		const { error } = await createOrders({ cartDetails: big });

		expect(error?.message).toMatch(
			/^Invalid Cart Details in item 0: it is \d+ characters long, the limit is 65536$/,
		);
		expect(harness.simulator.requests).toHaveLength(0);
	});

	it('an ordinary Cart Details still goes through', async () => {
		const { error } = await createOrders({
			cartDetails: '{"cart_items":[{"item_name":"pen","item_quantity":2}]}',
		});

		expect(error).toBeUndefined();
	});
});
