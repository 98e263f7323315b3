import { createHmac, timingSafeEqual } from 'crypto';

/**
 * Cashfree's Payment Gateway webhook signature, checked before anything else looks at a delivery.
 *
 * Cashfree signs `x-webhook-timestamp` + the raw body, byte for byte as sent:
 * `x-webhook-signature = base64(HMAC-SHA256(key = client secret, timestamp + rawBody))`.
 * The body must be the bytes that arrived: parsing and re-serialising the JSON turns 170.00 into
 * 170 and the signature no longer matches, which is right, since it is no longer what was signed.
 *
 * Pure: no clock, no I/O. The caller passes the secrets, the time and the tolerance.
 */

export const SIGNATURE_HEADER = 'x-webhook-signature';
export const TIMESTAMP_HEADER = 'x-webhook-timestamp';

/** Headers as Node gives them: lower-case names; a repeated header becomes an array. */
export type WebhookHeaders = Record<string, string | string[] | undefined>;

export interface VerifyInput {
	headers: WebhookHeaders;
	/** The body exactly as received. */
	rawBody: Buffer;
	/** The secrets a valid signature may be made with: the current one first, then a previous one. */
	secrets: string[];
	/** Now, in epoch milliseconds. */
	nowMs: number;
	/** How far the signed timestamp may be from now, either way, in seconds; 0 does not check. */
	toleranceSeconds: number;
}

export type Verification =
	| { ok: true; timestampMs: number }
	| { ok: false; reason: string; missingSignature?: true };

/** A base64 SHA-256 digest: 32 bytes are 43 characters and one `=` of padding. */
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=$/;

/** Digits only, at most 16 of them (epoch milliseconds have 13 until the year 2286). */
const EPOCH_DIGITS = /^\d{1,16}$/;

/**
 * Below this, a timestamp is read as epoch seconds, from here up as milliseconds: 1e11 seconds
 * is the year 5138 and 1e11 milliseconds is 1973, so no real time of either unit is ambiguous.
 * Cashfree documents milliseconds (e.g. 1746427759733); seconds are accepted in case a sender
 * uses them. The signature is always checked over the header text as sent.
 */
const SECONDS_BELOW = 1e11;

export function verifyWebhookSignature(input: VerifyInput): Verification {
	const signature = single(input.headers[SIGNATURE_HEADER]);
	const timestamp = single(input.headers[TIMESTAMP_HEADER]);
	if (signature === undefined) {
		return { ok: false, reason: `missing ${SIGNATURE_HEADER} header`, missingSignature: true };
	}
	if (signature === null) return refuse(`more than one ${SIGNATURE_HEADER} header`);
	if (timestamp === undefined) return refuse(`missing ${TIMESTAMP_HEADER} header`);
	if (timestamp === null) return refuse(`more than one ${TIMESTAMP_HEADER} header`);
	if (!EPOCH_DIGITS.test(timestamp)) {
		return refuse(`malformed ${TIMESTAMP_HEADER} header: expected epoch milliseconds`);
	}
	if (!BASE64_SHA256.test(signature)) {
		return refuse(`malformed ${SIGNATURE_HEADER} header: expected a base64 HMAC-SHA256`);
	}
	const secrets = input.secrets.filter((secret) => secret.length > 0);
	if (secrets.length === 0) return refuse('no client secret to verify the signature with');

	const received = Buffer.from(signature, 'base64');
	const signed = Buffer.concat([Buffer.from(timestamp, 'utf8'), input.rawBody]);
	let matched = false;
	// Every secret is tried, so the time taken does not tell which one matched.
	for (const secret of secrets) {
		const expected = createHmac('sha256', secret).update(signed).digest();
		if (expected.length === received.length && timingSafeEqual(expected, received)) {
			matched = true;
		}
	}
	if (!matched) return refuse('signature does not match the body and timestamp');

	const value = Number(timestamp);
	const timestampMs = value < SECONDS_BELOW ? value * 1000 : value;
	if (input.toleranceSeconds > 0) {
		const skewMs = input.nowMs - timestampMs;
		if (Math.abs(skewMs) > input.toleranceSeconds * 1000) {
			return refuse(
				skewMs > 0
					? `${TIMESTAMP_HEADER} is older than the tolerance of ${input.toleranceSeconds} s`
					: `${TIMESTAMP_HEADER} is further in the future than the tolerance of ${input.toleranceSeconds} s`,
			);
		}
	}
	return { ok: true, timestampMs };
}

/** The one value of a header; undefined when absent or empty, null when repeated. */
function single(value: string | string[] | undefined): string | undefined | null {
	if (Array.isArray(value)) return value.length === 1 ? single(value[0]) : null;
	const trimmed = value?.trim();
	return trimmed ? trimmed : undefined;
}

function refuse(reason: string): Verification {
	return { ok: false, reason };
}
