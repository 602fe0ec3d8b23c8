// @vitest-environment node
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;

const SECRET = 'eyJhbGciOiJIUzI1NiJ9.do-not-leak';
const COMMAND = `curl 'https://api.shop.example/v2/orders?page=2&sign=0cc175b9c0f1' \\
  -H 'accept: application/json' \\
  -H 'authorization: Bearer ${SECRET}' \\
  -H 'content-type: application/json' \\
  --data-raw '{"sku":"A1","qty":2}' \\
  --compressed`;

const field = (pointer: string) => page.locator(`.jx-inspector [data-pointer="${pointer}"]`);
const nodes = () => page.locator('.react-flow__node-flow');

/** Pastes text onto the canvas the way Ctrl+V does: a paste event carrying the clipboard text. */
async function paste(text: string): Promise<void> {
  await page.mouse.move(600, 400);
  await page.evaluate((value) => {
    const data = new DataTransfer();
    data.setData('text/plain', value);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
  }, text);
}

async function exportedFlow(): Promise<string> {
  await page.getByTestId('import-export').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-download').click(),
  ]);
  await page.keyboard.press('Escape');
  return readFileSync((await download.path()) as string, 'utf8');
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(5000);
  await page.goto(`${stack.url}/?flow=e2e-curl#token=${stack.token}`);
  await page.locator('[data-testid="palette-http.request"]').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('pasting a cURL command onto the canvas', () => {
  it('creates an http.request node with the request filled in', async () => {
    await paste(COMMAND);
    await expect.poll(() => nodes().count()).toBe(1);
    await expect
      .poll(() => field('/config/url').locator('input').first().inputValue())
      .toBe('https://api.shop.example/v2/orders');
    await screenshot(page, 'curl-01-pasted');
  });

  it('offers the secrets as credentials instead of copying them', async () => {
    const list = page.getByTestId('curl-suggestions');
    await list.waitFor();
    const text = (await list.textContent()) ?? '';
    expect(text).toContain('authorization');
    expect(text).toContain('sign');
    expect(text).not.toContain(SECRET);
    await list.getByRole('button', { name: 'Create credential' }).first().click();
    await page.getByTestId('credential-form').waitFor();
    expect(await page.locator('#jx-credential-kind').inputValue()).toBe('bearer');
    expect(await page.locator('#jx-credential-name').inputValue()).toBe('api.shop.example authorization');
    // The secret field starts empty: the user types it, nothing is copied from the paste.
    for (const input of await page.getByTestId('credential-form').locator('input').all()) {
      expect(await input.inputValue()).not.toContain(SECRET);
    }
    await page.getByTestId('credential-form').getByRole('button', { name: 'Cancel' }).click();
    await expect.poll(() => page.getByTestId('credential-form').count()).toBe(0);
  });

  it('keeps the secret out of the exported flow JSON', async () => {
    const json = await exportedFlow();
    const flow = JSON.parse(json) as { nodes: { type: string; config: Record<string, unknown> }[] };
    expect(flow.nodes).toHaveLength(1);
    expect(flow.nodes[0]).toMatchObject({
      type: 'http.request',
      config: {
        method: 'POST',
        url: 'https://api.shop.example/v2/orders',
        query: { page: '2' },
        headers: { accept: 'application/json' },
        bodyType: 'json',
        body: { sku: 'A1', qty: 2 },
      },
    });
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain('0cc175b9c0f1');
    expect(json.toLowerCase()).not.toContain('bearer');
  });

  it('undoes the import in one step', async () => {
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('Control+z');
    await expect.poll(() => nodes().count()).toBe(0);
  });

  it('reports an unterminated quote with its code and position', async () => {
    await paste("curl 'https://api.shop.example/v2/orders");
    const notice = page.getByTestId('notice');
    await expect.poll(() => notice.textContent()).toContain('JX_CURL_UNTERMINATED_QUOTE');
    expect(await notice.textContent()).toContain('column 6');
    expect(await nodes().count()).toBe(0);
  });

  it('imports a command from the Import cURL field of the import dialog', async () => {
    await page.getByTestId('import-export').click();
    await page
      .getByTestId('import-curl-text')
      .fill('curl -G https://api.example.com/search -d q=tea -u shop:pa55');
    await page.getByTestId('import-curl').click();
    await expect.poll(() => nodes().count()).toBe(1);
    await expect.poll(() => page.getByTestId('curl-suggestions').textContent()).toContain('basic');
    expect(await exportedFlow()).not.toContain('pa55');
  });
});
