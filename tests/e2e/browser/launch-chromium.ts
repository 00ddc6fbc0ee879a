import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import type { Browser } from 'playwright-core';

/** Debian's package; `.ci/run` installs it with `apt-get install -y chromium`. */
export const chromiumPath = '/usr/bin/chromium';

/**
 * True when the browser tests must be skipped: only on a developer's machine without Chromium. On CI
 * a missing browser is a broken environment, so the tests run and fail in `launchChromium` instead.
 */
export function skipWithoutChromium(): boolean {
  if (existsSync(chromiumPath)) return false;
  if (process.env.CI) return false;
  console.warn(
    `\n!!! Browser tests SKIPPED: no Chromium at ${chromiumPath}. Install it (Debian/Ubuntu: ` +
      `sudo apt-get install -y chromium) to run the status page and widget tests. !!!\n`,
  );
  return true;
}

/** A headless Chromium with a fresh profile (Playwright makes a temporary --user-data-dir per launch). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium is not installed at ${chromiumPath}, and CI is set, so the browser tests cannot be skipped: ` +
        'install it in the CI image with `apt-get install -y chromium`.',
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
