/**
 * The scheduled clean-up example (examples/scheduled-cancellation.json) at the scale the teams
 * running n8n's queue mode use it: hundreds or thousands of links per run. Shared by the
 * queue-mode e2e suite and `npm run bench:queue`.
 */
import type { CashfreeSimulator, RecordedRequest } from '../simulator';
import {
	changeNodes,
	nodeItems,
	readExample,
	setLinkIds,
	variant,
	type ExecutionResult,
	type NodeChanges,
	type WorkflowFile,
} from './examples';

/** The clean-up example's manual trigger: what `POST /rest/workflows/:id/run` starts from. */
export const CLEANUP_MANUAL_TRIGGER = "When clicking 'Execute workflow'";
/** The clean-up example's Cashfree node. */
export const CLEANUP_CANCEL_NODE = 'Cancel payment links';

export interface CleanupOptions {
	/**
	 * Keep the example's own idempotency key (`cancel-<link id>`, default true). Without it the
	 * node sends its default key, derived from the execution (and item, method, path): a
	 * re-run then asks Cashfree again instead of getting the first answer replayed, and sees a
	 * link the first run cancelled as already CANCELLED.
	 */
	ownIdempotencyKey?: boolean;
	/** Further changes by node name, as variant() takes them. */
	change?: NodeChanges;
}

/** The clean-up example under another id, cancelling `links`. */
export function cleanupOf(
	id: string,
	links: NumberedLinks,
	{ ownIdempotencyKey = true, change = {} }: CleanupOptions = {},
): WorkflowFile {
	const workflow = variant(readExample('scheduled-cancellation.json'), id, {
		'Links to cancel': setLinkIds(links.expression),
		[CLEANUP_CANCEL_NODE]: (node) => {
			if (ownIdempotencyKey) return;
			const options = node.parameters.additionalOptions as Record<string, unknown>;
			delete options.idempotencyKey;
		},
	});
	return changeNodes(workflow, change);
}

/** Link ids `<prefix><n>`, n from 1, and an n8n expression that makes the same list. */
export interface NumberedLinks {
	ids: string[];
	/**
	 * Short whatever the count: a list of 10,000 ids written out in the expression kept n8n's
	 * legacy expression engine busy for seconds, long enough for a queue-mode worker to lose
	 * its job's lock (see tools/n8n/queue.ts).
	 */
	expression: string;
}

export function numberedLinks(prefix: string, count: number): NumberedLinks {
	return {
		ids: Array.from({ length: count }, (_, index) => `${prefix}${index + 1}`),
		expression: `Array.from({ length: ${count} }, (_, index) => ${JSON.stringify(prefix)} + (index + 1))`,
	};
}

/** Seeds these links into the simulator, ACTIVE. */
export function seedActiveLinks(simulator: CashfreeSimulator, linkIds: string[]): void {
	for (const linkId of linkIds)
		simulator.seedLink({ link_id: linkId, link_amount: 100, link_purpose: `Clean-up ${linkId}` });
}

/** What the clean-up example's "Summary" node says about one run. */
export interface CleanupSummary {
	summary: string;
	cancelled: string[];
	failed: { link_id: string; error: string }[];
	already_cancelled: string[];
}

/** The clean-up example's "Summary" item of one run. */
export function cleanupSummary(execution: ExecutionResult): CleanupSummary {
	const [summary] = nodeItems(execution, 'Summary');
	if (!summary) throw new Error("the clean-up's Summary node passed on no item");
	return summary as unknown as CleanupSummary;
}

const CANCEL_PATH = /^\/pg\/links\/([^/]+)\/cancel$/;

/** Every `POST /pg/links/<id>/cancel` the simulator received, in order, with its link id. */
export function cancelRequests(
	simulator: CashfreeSimulator,
): { request: RecordedRequest; linkId: string }[] {
	return simulator.requests.flatMap((request) => {
		const match = request.method === 'POST' ? CANCEL_PATH.exec(request.path) : null;
		return match ? [{ request, linkId: decodeURIComponent(match[1]) }] : [];
	});
}

/** How the simulator answered the cancel requests for one link: HTTP status → count. */
export type CancelAnswers = Record<number, number>;

/**
 * Every `POST /pg/links/<id>/cancel` the simulator answered, per link and status: 200 is a
 * link cancelled (at most once per link: only an ACTIVE link can be), 400 a link that was no
 * longer ACTIVE, 429 the rate limit.
 */
export function cancelAnswers(simulator: CashfreeSimulator): Map<string, CancelAnswers> {
	const answers = new Map<string, CancelAnswers>();
	for (const { request, linkId } of cancelRequests(simulator)) {
		if (request.status === undefined) continue;
		const counts = answers.get(linkId) ?? {};
		counts[request.status] = (counts[request.status] ?? 0) + 1;
		answers.set(linkId, counts);
	}
	return answers;
}

/** The links among `linkIds` the simulator now holds as CANCELLED. */
export function cancelledLinks(simulator: CashfreeSimulator, linkIds: string[]): string[] {
	return linkIds.filter((linkId) => simulator.getLink(linkId)?.link_status === 'CANCELLED');
}

/** Cancel answers of all links added up by status (for a printed summary). */
export function totalsByStatus(answers: Map<string, CancelAnswers>): CancelAnswers {
	const totals: CancelAnswers = {};
	for (const counts of answers.values())
		for (const [status, count] of Object.entries(counts))
			totals[Number(status)] = (totals[Number(status)] ?? 0) + count;
	return totals;
}
