import type { ResourceWords } from '../../transport';

export const paymentWords: ResourceWords = { noun: 'payment', idName: 'order ID and payment ID' };
