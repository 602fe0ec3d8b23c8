import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';

/** Where screenshots go (git-ignored) for a reviewer to look at. */
export const ARTIFACTS_DIR = join(import.meta.dirname, '..', '..', 'test-artifacts');

/** Launches Debian's Chromium headless (never a downloaded browser). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    // Same variable as `pnpm test` (scripts/test.mjs), which installs or checks this browser first.
    executablePath: process.env.JUNCTION_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Saves a screenshot of the page as `test-artifacts/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS_DIR, `${name}.png`) });
}
