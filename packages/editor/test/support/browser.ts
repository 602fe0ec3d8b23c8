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

/** A Content-Security-Policy violation the page (or one of its workers) reported. */
export interface CspViolation {
  directive: string;
  blocked: string;
  source: string;
}

/**
 * Records every CSP violation of the page from now on: `securitypolicyviolation` events of every
 * document (installed before any script runs), and the console's "Content Security Policy" errors,
 * which also cover workers (Monaco's) and `eval` refused inside libraries.
 */
export async function recordCspViolations(page: Page): Promise<CspViolation[]> {
  const violations: CspViolation[] = [];
  await page.exposeFunction('__jxCspViolation', (violation: CspViolation) => violations.push(violation));
  // A string, not a function: the examples' tsconfig (which imports this file) has no DOM types.
  await page.addInitScript({
    content: `document.addEventListener('securitypolicyviolation', (event) => {
      window.__jxCspViolation({
        directive: event.violatedDirective,
        blocked: event.blockedURI,
        source: event.sourceFile + ':' + event.lineNumber,
      });
    });`,
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && message.text().includes('Content Security Policy')) {
      violations.push({ directive: '(console)', blocked: message.text(), source: message.location().url });
    }
  });
  page.on('pageerror', (error) => {
    if (error.message.includes('Content Security Policy')) {
      violations.push({ directive: '(page error)', blocked: error.message, source: '' });
    }
  });
  return violations;
}
