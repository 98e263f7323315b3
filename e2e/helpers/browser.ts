/**
 * Debian's Chromium, headless, driven by playwright-core (no browser download). Every request
 * the page makes to anything but 127.0.0.1 is aborted and recorded, so a test can never reach
 * out, whatever the n8n front end tries.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

import { chromium, selectors, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { REPO_ROOT } from '../../tools/n8n/install';

/** Where the editor test saves a screenshot of each step (ignored by git). */
export const SCREENSHOT_DIR = path.join(REPO_ROOT, 'e2e', 'screenshots');

const CHROMIUM_CANDIDATES = [
	process.env.CHROMIUM_PATH,
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
];

export interface BrowserSession {
	browser: Browser;
	context: BrowserContext;
	page: Page;
	/** Requests to other hosts that were aborted. */
	blocked: string[];
	screenshot(name: string): Promise<string>;
	close(): Promise<void>;
}

export async function openBrowser(): Promise<BrowserSession> {
	const executablePath = CHROMIUM_CANDIDATES.find((candidate): candidate is string =>
		Boolean(candidate && existsSync(candidate)),
	);
	if (!executablePath)
		throw new Error(
			"no Chromium found: run e2e/install-system-packages.sh (Debian's chromium package)",
		);
	// n8n marks its elements with data-test-id, not Playwright's default data-testid.
	selectors.setTestIdAttribute('data-test-id');
	const browser = await chromium.launch({
		executablePath,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-dev-shm-usage',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-quic',
			'--no-first-run',
		],
	});
	const context = await browser.newContext({
		viewport: { width: 1440, height: 900 },
		locale: 'en-US',
		timezoneId: 'Asia/Kolkata',
	});
	const blocked: string[] = [];
	await context.route('**/*', async (route) => {
		const url = new URL(route.request().url());
		if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:')
			return await route.continue();
		blocked.push(url.href);
		return await route.abort('blockedbyclient');
	});
	const page = await context.newPage();
	mkdirSync(SCREENSHOT_DIR, { recursive: true });
	return {
		browser,
		context,
		page,
		blocked,
		screenshot: async (name) => {
			const file = path.join(SCREENSHOT_DIR, `${name}.png`);
			await page.screenshot({ path: file });
			return file;
		},
		close: async () => await browser.close(),
	};
}
