import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

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
