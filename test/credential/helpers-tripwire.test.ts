/**
 * The credential's Test calls n8n's legacy `request` helper because a credential test context
 * has no `httpRequest` (transport/credentialTest.ts says why). This file stops compiling
 * (`npm run build:dev`, part of `npm test`) the day n8n-workflow adds `httpRequest` there:
 * then the Test should move to it, keeping its redirect refusal, deadline and size cap.
 */
import type { ICredentialTestFunctions } from 'n8n-workflow';

type CredentialTestHelpers = ICredentialTestFunctions['helpers'];

// @ts-expect-error: credential tests have no httpRequest yet (n8n-workflow 2.41).
type HttpRequest = CredentialTestHelpers['httpRequest'];

describe('what n8n offers a credential test', () => {
	it('still offers the legacy request helper the Test uses', () => {
		const requestIsOffered: keyof CredentialTestHelpers = 'request';
		const noHttpRequest: HttpRequest | undefined = undefined;

		expect(requestIsOffered).toBe('request');
		expect(noHttpRequest).toBeUndefined();
	});
});
