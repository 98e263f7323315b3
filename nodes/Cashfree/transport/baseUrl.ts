import { hasControlCharacter } from './answerText';
import type { ProductUrls } from './product';

/** The credential fields that say where requests go (every Cashfree credential has them). */
export interface BaseUrlSettings {
	environment?: unknown;
	baseUrl?: unknown;
}

/** Either the URL every request is built on, or a sentence telling the user what to fix. */
export type BaseUrlResult = { baseUrl: string } | { problem: string };

/**
 * The one rule for where Cashfree requests go, used by the node and by the credential's Test,
 * so that a Test that passes means the node calls the same place.
 *
 * A custom URL is refused rather than repaired whenever parsers could disagree about its
 * host (a backslash, user info) or when a part of it would swallow the path the node
 * appends (a query, a fragment). What is accepted is normalised by WHATWG URL parsing, the
 * parser n8n's HTTP client uses, so the URL shown is the URL called.
 */
export function parseBaseUrl(credentials: BaseUrlSettings, urls: ProductUrls): BaseUrlResult {
	if (credentials.environment === 'sandbox') return { baseUrl: urls.sandbox };
	if (credentials.environment === 'production') return { baseUrl: urls.production };
	const basePath = new URL(urls.production).pathname;
	if (credentials.environment !== 'custom') {
		return { problem: 'Environment must be Sandbox, Production or Custom Base URL.' };
	}
	const text = typeof credentials.baseUrl === 'string' ? credentials.baseUrl.trim() : '';
	if (!text) {
		return {
			problem: `Base URL is empty. With Environment set to Custom Base URL, enter the URL that stands for ${urls.production}, such as http://127.0.0.1:8787${basePath}.`,
		};
	}
	if (text.includes('\\')) {
		return {
			problem:
				'Base URL must not contain a backslash (\\): URL parsers disagree on what it means, so the keys could be sent to a different host than the one written.',
		};
	}
	if (/\s/.test(text) || hasControlCharacter(text)) {
		return {
			problem: 'Base URL must not contain spaces, line breaks or other invisible characters.',
		};
	}
	if (text.includes('?') || text.includes('#')) {
		return {
			problem: `Base URL must not contain "?" or "#": the node appends paths such as ${urls.examplePath} to it, and a query or fragment would swallow them.`,
		};
	}
	let url: URL;
	try {
		url = new URL(text);
	} catch {
		return {
			problem: `Base URL is not a valid URL. Enter a full http:// or https:// URL, such as https://gateway.example${basePath}.`,
		};
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		return {
			problem: `Base URL must be an http:// or https:// URL; "${url.protocol}" is not supported.`,
		};
	}
	// The parser drops an empty "@" silently, so the written authority is checked as well.
	const authority = text
		.slice(text.indexOf(':') + 1)
		.replace(/^\/+/, '')
		.split('/')[0];
	if (url.username || url.password || authority.includes('@')) {
		return {
			problem:
				'Base URL must not contain a user name or password (user:password@host): credentials in the URL are not allowed. The keys go in the Client ID and Client Secret fields.',
		};
	}
	return { baseUrl: url.origin + url.pathname.replace(/\/+$/, '') };
}
