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
	/** Cashfree's fields that must be as asked for the existing object to be this item's. */
	same: string[];
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
} {
	const flag: INodeProperties = {
		displayName: `Treat Existing ${match.noun.replace(/(^|\s)\w/g, (c) => c.toUpperCase())}s as Success`,
		name: FLAG_NAME,
		type: 'boolean',
		default: false,
		description: `Whether a ${match.noun} that already exists with this ${match.idName} and the same ${match.same.join(', ')} outputs its current details (with alreadyExisted: true) instead of an error, so that re-running a stopped batch creates nothing twice. One that differs still fails.`,
	};
	const onRefusal = async (refusal: Refusal) => {
		const { request, failure } = refusal;
		const path = match.lookup(request);
		if (failure.httpStatus !== 409 || !request.flags[FLAG_NAME] || path === undefined)
			return undefined;
		const existing = await lookUpAfterRefusal(refusal, path, match.about);
		if (!existing) return undefined;
		const differing = match.same.filter(
			(field) =>
				request.fields[field] !== undefined &&
				String(request.fields[field]) !== String((existing as IDataObject)[field]),
		);
		if (differing.length === 0) return { json: { ...existing, alreadyExisted: true } };
		const how = differing
			.map((field) => `${field} ${String(existing[field])}, not ${String(request.fields[field])}`)
			.join('; ');
		return {
			explanation: `The ${match.noun} ${match.id(request)} exists already with ${how}: it is not this item's ${match.noun}, so nothing was output for it`,
		};
	};
	return { flag, onRefusal };
}
