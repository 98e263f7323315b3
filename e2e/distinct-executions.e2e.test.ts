/**
 * A self-check of distinctExecutions (tools/n8n/rest.ts), which every execution count and wait
 * of the suite relies on: n8n's list of executions can name one execution twice, running and
 * finished, when it ends while the list is read. No n8n is started here.
 */
import { distinctExecutions } from '../tools/n8n/rest';

describe('distinctExecutions', () => {
	it('keeps one entry per id, in the list’s order, the finished copy whichever comes first', () => {
		const list = [
			{ id: '3', status: 'running' },
			{ id: '1', status: 'running' },
			{ id: '3', status: 'success' },
			{ id: '2', status: 'error' },
			{ id: '1', status: 'success' },
			{ id: '4', status: 'new' },
		];
		expect(distinctExecutions(list)).toEqual([
			{ id: '3', status: 'success' },
			{ id: '1', status: 'success' },
			{ id: '2', status: 'error' },
			{ id: '4', status: 'new' },
		]);
		expect(
			distinctExecutions([
				{ id: '5', status: 'crashed' },
				{ id: '5', status: 'running' },
			]),
		).toEqual([{ id: '5', status: 'crashed' }]);
		expect(distinctExecutions([])).toEqual([]);
	});
});
