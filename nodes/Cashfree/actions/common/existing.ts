import type { IDataObject, INodeProperties } from 'n8n-workflow';

import type { ResourceWords } from '../../transport';
import {
	lookUpAfterRefusal,
	type ReadRequest,
	type Refusal,
	type RefusalOutcome,
} from './requestOperation';

/** The parameter name every create's switch shares, so expressions and docs name one thing. */
const FLAG_NAME = 'treatExistingAsSuccess';

interface ExistingMatch {
	/** "refund", "order", "payment link": as the switch and the messages name it. */
	noun: string;
	/** The parameter that names the object, as the editor shows it: "Refund ID". */
	idName: string;
	about: ResourceWords;
	/** Where to Get the object this item asked to create; undefined when it names none. */
	lookup(request: ReadRequest): string | undefined;
	/** The id it asked for, as messages show it. */
	id(request: ReadRequest): string;
	/**
	 * Cashfree's fields that must be as asked for the existing object to be this item's, dotted
	 * for nested ones; a pair when the answer names the field otherwise than the request
	 * (Payouts asks for `bank_ifsc` and answers `ifsc`).
	 */
	same: Array<string | [asked: string, answered: string]>;
}

/** The value at a dotted path, or undefined. */
export function at(value: unknown, path: string): unknown {
	return path
		.split('.')
		.reduce<unknown>(
			(inner, key) =>
				inner && typeof inner === 'object' ? (inner as IDataObject)[key] : undefined,
			value,
		);
}

/** The last part of a dotted path, as messages name a field. */
function lastPart(path: string): string {
	return path.slice(path.lastIndexOf('.') + 1);
}

/** The item turned Treat Existing … as Success on. */
export function isOn(request: ReadRequest): boolean {
	return request.flags[FLAG_NAME] === true;
}

/** The switch every create shares: "Treat Existing Refunds as Success", named by its noun. */
export function treatExistingFlag(noun: string, idName: string, same: string[]): INodeProperties {
	return {
		displayName: `Treat Existing ${noun.replace(/(^|\s)\w/g, (c) => c.toUpperCase())}s as Success`,
		name: FLAG_NAME,
		type: 'boolean',
		default: false,
		description: `Whether a ${noun} that already exists with this ${idName} and the same ${same.join(', ')} outputs its current details (with alreadyExisted: true) instead of an error, so that re-running a stopped batch creates nothing twice. One that differs still fails.`,
	};
}

/**
 * For a create that Cashfree refuses because the id exists already (409): an option to Get
 * the existing object and output it (with alreadyExisted: true) when it is what this item asked
 * for, so that a batch stopped half way can be re-run to completion without paying or
 * refunding twice. An existing object that differs (another amount) still fails, saying how.
 */
export function existingAsSuccess(match: ExistingMatch): {
	flag: INodeProperties;
	onRefusal: (refusal: Refusal) => Promise<RefusalOutcome>;
	/** The same look-up whatever the switch says: for a 409 to this item's own earlier attempt. */
	settle: (refusal: Refusal) => Promise<RefusalOutcome>;
} {
	const pairs = match.same.map((field) =>
		typeof field === 'string' ? ([field, field] as const) : field,
	);
	const flag = treatExistingFlag(
		match.noun,
		match.idName,
		pairs.map(([asked]) => lastPart(asked)),
	);
	const settle = async (refusal: Refusal): Promise<RefusalOutcome> => {
		const { request, failure } = refusal;
		const path = match.lookup(request);
		if (failure.httpStatus !== 409 || path === undefined) return undefined;
		const existing = await lookUpAfterRefusal(refusal, path, match.about);
		if (!existing) return undefined;
		const differing = pairs.filter(
			([asked, answered]) =>
				at(request.fields, asked) !== undefined &&
				String(at(request.fields, asked)) !== String(at(existing, answered)),
		);
		if (differing.length === 0) return { json: { ...existing, alreadyExisted: true } };
		const how = differing
			.map(
				([asked, answered]) =>
					`${lastPart(asked)} ${String(at(existing, answered))}, not ${String(at(request.fields, asked))}`,
			)
			.join('; ');
		return {
			explanation: `The ${match.noun} ${match.id(request)} exists already with ${how}: it is not this item's ${match.noun}, so nothing was output for it`,
		};
	};
	const onRefusal = async (refusal: Refusal) =>
		isOn(refusal.request) ? await settle(refusal) : undefined;
	return { flag, onRefusal, settle };
}
