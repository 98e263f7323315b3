import type { ResourceWords } from '../../transport';

export const settlementWords: ResourceWords = { noun: 'settlement', idName: 'order ID' };
