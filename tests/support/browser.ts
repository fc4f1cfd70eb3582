import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';

const candidates = [
	process.env.CHROMIUM_PATH,
	'/usr/bin/chromium',
	'/usr/bin/chromium-browser',
	'/usr/bin/google-chrome'
];

/** The system Chromium; Playwright's own browser download does not work on these machines. */
export const chromiumPath = candidates.find((candidate) => candidate && existsSync(candidate));

/**
 * Browser tests are required in CI. Elsewhere they skip, saying why, when no Chromium is found.
 */
export function browserTestsEnabled() {
	if (chromiumPath) return true;
	if (process.env.CI) {
		throw new Error('CI=true but no Chromium was found: install it (apt-get install -y chromium).');
	}
	console.warn(
		'\n⚠ Browser tests skipped: no Chromium found. Install Debian’s chromium or set CHROMIUM_PATH.\n'
	);
	return false;
}

/** The flags every headless Chromium here runs with (the browser tests, `npm run bench:map`). */
export const chromiumFlags = [
	'--no-sandbox',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	// Software WebGL so MapLibre renders headless without a GPU.
	'--use-angle=swiftshader',
	'--enable-unsafe-swiftshader'
];

export function launchBrowser(): Promise<Browser> {
	return chromium.launch({ executablePath: chromiumPath, args: chromiumFlags });
}

/**
 * One browser for the calling `describe`: launched before its first test, closed after its last.
 * Call it in the `describe` body; the getter is for tests and hooks. The hooks are Vitest's
 * globals, not imports, so `npm run bench:map` can still import this module outside Vitest.
 */
export function useBrowser(): () => Browser {
	let browser: Browser | undefined;
	beforeAll(async () => {
		browser = await launchBrowser();
	});
	afterAll(async () => {
		await browser?.close();
	});
	return () => {
		if (!browser) throw new Error('No browser yet: use it in a test or hook, not a describe body.');
		return browser;
	};
}

/**
 * `useBrowser()`, plus a page in a fresh context for each test, so no cookie or sign-in carries
 * over from one test to the next. It is closed after the test, with any other page opened in that
 * context. `options` (a viewport, say) apply to every test's context.
 */
export function useBrowserPage(options: BrowserContextOptions = {}): {
	browser: () => Browser;
	currentPage: () => Page;
} {
	const browser = useBrowser();
	let page: Page | undefined;
	beforeEach(async () => {
		page = await (await browser().newContext(options)).newPage();
	});
	afterEach(async () => {
		await page?.context().close();
		page = undefined;
	});
	return {
		browser,
		currentPage: () => {
			if (!page) throw new Error('No page yet: use it in a test, not a describe body.');
			return page;
		}
	};
}
