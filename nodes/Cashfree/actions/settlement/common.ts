import type { ResourceWords } from '../../transport';

export const settlementWords: ResourceWords = {
	noun: 'settlement',
	idName: 'order ID',
	notFound:
		'Check the order ID, and that the order is PAID: Cashfree settles an order some time after its payment, and has no settlement for it before then (or for orders made with keys of another environment).',
};
