/**
 * Everything the node shows from an answer (a message, a header, an excerpt of a page, a
 * redirect target) passes through here first: an answer may come from a hostile or broken
 * server, so it may repeat the client secret back, or be megabytes long.
 */

/** Long enough for any message Cashfree writes, short enough to read in n8n's error panel. */
export const MAX_ANSWER_TEXT_LENGTH = 300;

const REDACTED = '[redacted]';

/**
 * A run of this many characters of a secret is a leak on its own (a server that echoes the
 * first 20 characters gives away most of it); shorter runs are left, or every text sharing
 * three letters with the secret would be cut up.
 */
const SECRET_FRAGMENT_LENGTH = 12;

/** The forms a server may echo a secret in: as it is, and base64 (plain and URL-safe). */
function secretForms(secret: string): string[] {
	const base64 = Buffer.from(secret, 'utf8').toString('base64');
	const unpadded = base64.replace(/=+$/, '');
	const urlSafe = unpadded.replace(/\+/g, '-').replace(/\//g, '_');
	return [...new Set([secret, unpadded, urlSafe])];
}

function escapeRegExp(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces every echo of the secrets in a text: whole, in base64, or any long enough run of one. */
type Redactor = (text: string) => string;

const redactors = new Map<string, Redactor>();

function redactorFor(secrets: ReadonlyArray<string | undefined>): Redactor {
	const cacheKey = JSON.stringify(secrets);
	const cached = redactors.get(cacheKey);
	if (cached) return cached;
	// Cashfree's secrets are dozens of characters; a blank or tiny value would redact noise.
	const forms = secrets
		.filter((secret): secret is string => !!secret && secret.trim().length >= 4)
		.flatMap(secretForms);
	const fragments = new Set<string>();
	for (const form of forms) {
		const length = Math.min(form.length, SECRET_FRAGMENT_LENGTH);
		for (let start = 0; start + length <= form.length; start++)
			fragments.add(form.slice(start, start + length));
	}
	const pattern =
		fragments.size === 0 ? undefined : new RegExp([...fragments].map(escapeRegExp).join('|'), 'g');
	const redact: Redactor = (text) => {
		if (!pattern || !pattern.test(text)) return text;
		pattern.lastIndex = 0;
		// Each hit is widened to the whole run of the secret around it, so that a prefix longer
		// than one fragment is taken out whole, not fragment by fragment with gaps.
		const ranges: Array<[number, number]> = [];
		for (const hit of text.matchAll(pattern)) {
			let [start, end] = [hit.index, hit.index + hit[0].length];
			for (const form of forms) {
				const at = form.indexOf(hit[0]);
				if (at < 0) continue;
				let before = 0;
				while (
					at - before > 0 &&
					start - before > 0 &&
					text[start - before - 1] === form[at - before - 1]
				)
					before++;
				let after = 0;
				const formEnd = at + hit[0].length;
				while (formEnd + after < form.length && text[end + after] === form[formEnd + after])
					after++;
				start = Math.min(start, hit.index - before);
				end = Math.max(end, hit.index + hit[0].length + after);
			}
			const last = ranges[ranges.length - 1];
			if (last && start <= last[1]) last[1] = Math.max(last[1], end);
			else ranges.push([start, end]);
		}
		let redacted = '';
		let from = 0;
		for (const [start, end] of ranges) {
			redacted += `${text.slice(from, start)}${REDACTED}`;
			from = end;
		}
		return redacted + text.slice(from);
	};
	if (redactors.size >= 16) redactors.clear();
	redactors.set(cacheKey, redact);
	return redact;
}

/** C0 and C1 control characters (tab and newline included), DEL: they garble a message or forge a log line. */
function isControl(character: string): boolean {
	const code = character.charCodeAt(0);
	return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

export function hasControlCharacter(text: string): boolean {
	return Array.from(text).some(isControl);
}

/**
 * The text as a user may see it: every occurrence of a secret replaced, whitespace and
 * control characters folded into single spaces, and cut to `maxLength` characters with "…".
 * Only the first `maxLength * 4` characters are ever looked at, so a 50 MB string costs
 * no more than a short one.
 */
export function safeAnswerText(
	value: unknown,
	secrets: ReadonlyArray<string | undefined>,
	maxLength = MAX_ANSWER_TEXT_LENGTH,
): string {
	if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
		return '';
	let text = String(value);
	// Keep a margin past the cut so that a secret straddling it is still found and replaced.
	const longestSecret = Math.max(0, ...secrets.map((secret) => secret?.length ?? 0));
	const window = maxLength * 4 + longestSecret;
	const truncated = text.length > window;
	if (truncated) text = text.slice(0, window);
	text = redactorFor(secrets)(text);
	const cleaned = Array.from(text)
		.map((character) => (isControl(character) ? ' ' : character))
		.join('')
		.replace(/\s+/g, ' ')
		.trim();
	const characters = Array.from(cleaned);
	if (characters.length > maxLength || truncated) {
		return `${characters
			.slice(0, maxLength - 1)
			.join('')
			.trimEnd()}…`;
	}
	return cleaned;
}

/** Response headers as n8n returns them: lower-case names, string values. */
export type ResponseHeaders = Record<string, unknown> | undefined;

/** One header value as text, or undefined (n8n gives lower-case names; arrays for repeats). */
export function headerText(headers: unknown, name: string): string | undefined {
	if (!headers || typeof headers !== 'object') return undefined;
	if (!Object.prototype.hasOwnProperty.call(headers, name)) return undefined;
	let value = (headers as Record<string, unknown>)[name];
	if (Array.isArray(value)) value = value[0];
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}

/** The HTTP statuses that ask the client to go elsewhere. */
export function isRedirectStatus(status: number | undefined): boolean {
	return status !== undefined && status >= 300 && status < 400;
}

/**
 * What to tell a user whose base URL (or a proxy in front of it) answered with a redirect.
 * The node never follows one: the credential headers would go to wherever it points.
 */
export function redirectProblem(
	status: number | undefined,
	location: string | undefined,
	secrets: ReadonlyArray<string | undefined>,
): string {
	const target = location ? safeAnswerText(location, secrets, 200) : '';
	return target
		? `the base URL redirects (HTTP ${status}) to ${target}; point the credential at the final URL`
		: `the base URL answered with a redirect (HTTP ${status}) without saying where to; point the credential at the final URL`;
}

/**
 * A success body with every echo of a secret replaced: a server that repeats the secret back
 * must not put it into an output item.
 */
export function redactSecrets(value: unknown, secrets: ReadonlyArray<string>): unknown {
	const redact = redactorFor(secrets);
	const walk = (inner: unknown): unknown => {
		if (typeof inner === 'string') return redact(inner);
		if (Array.isArray(inner)) return inner.map(walk);
		if (inner && typeof inner === 'object') {
			const copy: Record<string, unknown> = {};
			for (const [key, entry] of Object.entries(inner)) {
				// defineProperty: a key such as "__proto__" stays a plain key, as JSON.parse made it.
				Object.defineProperty(copy, walk(key) as string, {
					value: walk(entry),
					enumerable: true,
					writable: true,
					configurable: true,
				});
			}
			return copy;
		}
		return inner;
	};
	return walk(value);
}
