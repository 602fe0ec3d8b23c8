// @vitest-environment node
// The admin token in the editor URL (`#token=…`, as the server and the quick start print it) is read
// once: kept in the tab's sessionStorage, never in localStorage, and gone from the address bar and the
// history entry; a reload keeps working, a new tab without it asks for a token.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CspViolation, launchChromium, recordCspViolations } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let cspViolations: CspViolation[] = [];

const storage = () =>
  page.evaluate(() => ({
    session: sessionStorage.getItem('junction.token'),
    local: localStorage.getItem('junction.token'),
  }));

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
  cspViolations = await recordCspViolations(page);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the token in the editor URL', () => {
  it('is kept in sessionStorage and removed from the address bar and history', async () => {
    await page.goto(`${stack.url}/?flow=order-card#token=${stack.token}`);
    await page.locator('[data-testid="palette-trigger.manual"]').waitFor();
    expect(page.url()).toBe(`${stack.url}/?flow=order-card`);
    expect(await page.evaluate(() => location.hash)).toBe('');
    expect(await storage()).toEqual({ session: stack.token, local: null });
    // The entry was replaced, not pushed: going back does not bring the token into view.
    expect(await page.evaluate(() => history.length)).toBe(2);
    expect(await page.content()).not.toContain(stack.token);
  });

  it('keeps the tab signed in across a reload', async () => {
    await page.reload();
    await page.locator('[data-testid="palette-trigger.manual"]').waitFor();
    expect(await page.getByRole('textbox', { name: 'API token' }).count()).toBe(0);
    expect(page.url()).not.toContain('token');
  });

  it('asks a new tab for the token, and a pasted one stays in that tab only', async () => {
    const other = await context.newPage();
    await other.goto(`${stack.url}/?flow=order-card`);
    const input = other.getByRole('textbox', { name: 'API token' });
    await input.waitFor();
    await input.fill(stack.token);
    await other.getByRole('button', { name: 'Connect' }).click();
    await other.locator('[data-testid="palette-trigger.manual"]').waitFor();
    expect(
      await other.evaluate(() => [
        sessionStorage.getItem('junction.token'),
        localStorage.getItem('junction.token'),
      ]),
    ).toEqual([stack.token, null]);
    await other.close();
  });

  it('moves a token an older editor left in localStorage into the tab and deletes it there', async () => {
    const old = await context.newPage();
    await old.goto(`${stack.url}/?flow=order-card`);
    await old.evaluate((token) => {
      sessionStorage.clear();
      localStorage.setItem('junction.token', token);
    }, stack.token);
    await old.reload();
    await old.locator('[data-testid="palette-trigger.manual"]').waitFor();
    expect(
      await old.evaluate(() => [
        sessionStorage.getItem('junction.token'),
        localStorage.getItem('junction.token'),
      ]),
    ).toEqual([stack.token, null]);
    await old.close();
  });

  it('raised no CSP violation', () => {
    expect(cspViolations).toEqual([]);
  });
});
