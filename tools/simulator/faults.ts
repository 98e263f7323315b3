import type { Fault, FaultRule } from './types';

interface ActiveRule {
	rule: FaultRule;
	remaining: number;
}

/** Injected faults, matched in the order they were added; each match uses up one of the rule's `times`. */
export class FaultQueue {
	private rules: ActiveRule[] = [];

	add(rule: FaultRule): void {
		const times = rule.times ?? 1;
		if (!(times > 0)) throw new RangeError(`FaultRule.times must be positive, got ${times}`);
		this.rules.push({ rule: { ...rule }, remaining: times });
	}

	/** Finds the first rule matching the request and consumes one use of it. */
	take(method: string, url: string): Fault | undefined {
		const index = this.rules.findIndex(
			({ rule }) =>
				(rule.method === undefined || rule.method.toUpperCase() === method.toUpperCase()) &&
				(rule.pathIncludes === undefined || url.includes(rule.pathIncludes)),
		);
		if (index < 0) return undefined;
		const active = this.rules[index];
		active.remaining -= 1;
		if (active.remaining <= 0) this.rules.splice(index, 1);
		return active.rule.fault;
	}

	clear(): void {
		this.rules = [];
	}
}
