import type { Fault } from '../../tools/simulator';
import { runCashfree, useHarness } from '../helpers/harness';

/**
 * One run of 1,200 items against a simulator that fails in every way it can: a tight rate
 * limit, injected 429s, 5xx, delays, dropped connections (before and after Cashfree acted),
 * gateway pages. Seeded, so a failure can be replayed; bounded in count and time; loopback only.
 */
const SEED = 20261126;
const ITEMS = 1200;

function seededRandom(seed: number) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

type Plan = {
	linkId: string;
	seeded?: 'ACTIVE' | 'PAID' | 'CANCELLED';
	faults: Array<{ fault: Fault; times: number }>;
};

function planLinks(random: () => number): Plan[] {
	const pick = <T>(options: T[]) => options[Math.floor(random() * options.length)];
	return Array.from({ length: ITEMS }, (_, index): Plan => {
		const linkId = `soak_${String(index).padStart(4, '0')}`;
		const roll = random();
		if (roll < 0.015) return { linkId, seeded: 'PAID', faults: [] };
		if (roll < 0.03) return { linkId, seeded: 'CANCELLED', faults: [] };
		if (roll < 0.04) return { linkId, faults: [] };
		const faults: Plan['faults'] = [];
		const faultRoll = random();
		if (faultRoll < 0.05)
			faults.push({
				fault: { kind: 'status', status: pick([500, 502, 503]) },
				times: pick([1, 2]),
			});
		else if (faultRoll < 0.08)
			faults.push({ fault: { kind: 'delay', ms: 50 + Math.floor(random() * 250) }, times: 1 });
		else if (faultRoll < 0.095) faults.push({ fault: { kind: 'drop' }, times: 1 });
		else if (faultRoll < 0.11) faults.push({ fault: { kind: 'dropAfterApply' }, times: 1 });
		else if (faultRoll < 0.12) faults.push({ fault: { kind: 'nonJson', status: 502 }, times: 1 });
		else if (faultRoll < 0.125)
			faults.push({ fault: { kind: 'status', status: 500 }, times: Number.POSITIVE_INFINITY });
		else if (faultRoll < 0.13) faults.push({ fault: { kind: 'status', status: 429 }, times: 1 });
		return { linkId, seeded: 'ACTIVE', faults };
	});
}

const harness = useHarness({ rateLimitPerWindow: 300, rateLimitWindowMs: 2000 });

describe(`soak: ${ITEMS} items with seeded faults (seed ${SEED})`, () => {
	it('answers every item once, cancels every cancellable link exactly once, loses nothing', async () => {
		const unhandled: unknown[] = [];
		const onUnhandled = (reason: unknown) => unhandled.push(reason);
		process.on('unhandledRejection', onUnhandled);
		try {
			const plans = planLinks(seededRandom(SEED));
			for (const plan of plans) {
				if (plan.seeded)
					harness.simulator.seedLink({ link_id: plan.linkId, link_status: plan.seeded });
				for (const { fault, times } of plan.faults) {
					harness.simulator.injectFault({
						fault,
						times,
						pathIncludes: `/links/${plan.linkId}/cancel`,
					});
				}
			}
			const startedAt = Date.now();

			const { error, items } = await runCashfree(
				harness,
				plans.map((plan) => plan.linkId),
				{
					continueOnFail: true,
					parameters: {
						additionalOptions: { treatAlreadyCancelledAsSuccess: true, timeout: 5000 },
					},
				},
			);

			const elapsedMs = Date.now() - startedAt;
			expect(error).toBeUndefined();
			expect(items).toHaveLength(ITEMS);
			expect(items.map((item) => item.pairedItem)).toEqual(plans.map((_, item) => ({ item })));

			const unexplained: string[] = [];
			plans.forEach((plan, index) => {
				const json = items[index].json;
				const stuck = plan.faults.some(({ times }) => times === Number.POSITIVE_INFINITY);
				const link = harness.simulator.getLink(plan.linkId);
				const ok = (() => {
					if (!plan.seeded) return json.httpStatus === 404 && json.code === 'link_not_found';
					if (plan.seeded === 'PAID')
						return /is PAID/.test(String(json.error)) && link?.link_status === 'PAID';
					if (plan.seeded === 'CANCELLED')
						return json.alreadyCancelled === true && json.link_status === 'CANCELLED';
					if (stuck) {
						return (
							json.httpStatus === 500 &&
							/attempts: 3/.test(String(json.errorDescription)) &&
							link?.link_status === 'ACTIVE'
						);
					}
					return (
						json.link_id === plan.linkId &&
						json.link_status === 'CANCELLED' &&
						json.error === undefined &&
						json.alreadyCancelled === undefined &&
						harness.simulator.cancelCount(plan.linkId) === 1
					);
				})();
				if (!ok)
					unexplained.push(
						`${plan.linkId} ${JSON.stringify(plan.faults)} → ${JSON.stringify(json).slice(0, 300)}`,
					);
			});
			expect(unexplained).toEqual([]);

			const cancellable = plans.filter(
				(plan) => plan.seeded === 'ACTIVE' && !plan.faults.some(({ times }) => times === Infinity),
			);
			const totalCancels = plans.reduce(
				(sum, plan) => sum + harness.simulator.cancelCount(plan.linkId),
				0,
			);
			expect(totalCancels).toBe(cancellable.length);
			expect(unhandled).toEqual([]);

			// The run really met the faults it was meant to survive.
			const statuses = harness.simulator.requests.map((request) => request.status);
			expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
			expect(
				statuses.filter((status) => status !== undefined && status >= 500).length,
			).toBeGreaterThan(30);
			expect(statuses.filter((status) => status === undefined).length).toBeGreaterThan(10);
			expect(elapsedMs).toBeLessThan(110_000);
		} finally {
			process.off('unhandledRejection', onUnhandled);
		}
	}, 120_000);
});
