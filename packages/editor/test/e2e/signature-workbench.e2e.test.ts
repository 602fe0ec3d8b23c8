// @vitest-environment node
// The signature workbench in the credential dialog, against the real server: the published
// "k=v&…&key=" example (its key, request and signature) matches before the credential is saved and
// again after, when the server supplies the saved secret; the secret never shows in the page.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
/** Bodies of every API response the page received, for the secret check. */
const responseBodies: Promise<string>[] = [];
/** Bodies the page sent to the preview endpoint. */
const previews: Array<Record<string, unknown>> = [];

const SECRET = '192006250b4c09247ec02edce69f6a2d';
const SAMPLE_URL = 'https://pay.test/pay/unifiedorder';
const BODY =
  '{"appid":"wxd930ea5d5a258f4f","mch_id":"10000100","device_info":"1000","body":"test","nonce_str":"ibuaiVcKdpRxkhJA"}';
const DOCUMENTED = '9A0A8659F005D6984697E2CA0A9CF3B7';
const CANONICAL =
  'appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key={secret}';

async function expectText(locator: Locator, text: string, timeout = 5000): Promise<void> {
  await expect.poll(() => locator.textContent().catch(() => ''), { timeout }).toContain(text);
}

/** Opens the form's workbench, fills in the documentation's example and computes. */
async function computeExample(form: Locator): Promise<Locator> {
  const workbench = form.getByTestId('signature-workbench');
  await workbench.locator(':scope > summary').click();
  await workbench.locator('#jx-workbench-method').selectOption('POST');
  await workbench.locator('#jx-workbench-url').fill(SAMPLE_URL);
  await workbench.locator('#jx-workbench-body').fill(BODY);
  await workbench.locator('#jx-workbench-expected').fill(DOCUMENTED);
  await workbench.getByTestId('signature-compute').click();
  await workbench.getByTestId('signature-match').waitFor();
  return workbench;
}

const pageText = () => page.evaluate(() => document.body.textContent ?? '');

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(5000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => {
    if (request.url().endsWith('/api/credentials/preview-signature')) previews.push(request.postDataJSON());
  });
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) {
      responseBodies.push(response.text().catch(() => ''));
    }
  });
  await page.goto(`${stack.url}/?flow=e2e-signature#token=${stack.token}`);
  await page.locator('[data-testid="palette-trigger.manual"]').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the signature workbench', () => {
  it('matches the documentation’s signature with the unsaved form’s preset and secret', async () => {
    await page.getByTestId('credentials').click();
    await page.getByText('+ New credential').click();
    const form = page.getByTestId('credential-form');
    await form.locator('#jx-credential-name').fill('Pay (MD5)');
    await form.locator('#jx-credential-kind').selectOption('signature');
    await form.locator('#jx-credential-preset').selectOption({ label: 'k=v&…&key= (MD5 upper)' });
    await form.locator('#jx-credential-secret').fill(SECRET);
    await form.getByLabel('Allowed host 1').fill('pay.test');
    const workbench = await computeExample(form);
    const state = workbench.getByTestId('signature-match');
    expect(await state.getAttribute('data-state')).toBe('match');
    await expectText(state, 'Match');
    expect(await workbench.getByTestId('signature-canonical').textContent()).toBe(CANONICAL);
    expect(await workbench.getByTestId('signature-computed').textContent()).toBe(DOCUMENTED);
    expect(await workbench.getByTestId('signature-difference').count()).toBe(0);
    expect(previews[0]).toMatchObject({
      kind: 'signature',
      data: { preset: 'kv-key-md5-upper', secret: SECRET },
      request: { method: 'POST', url: SAMPLE_URL, body: JSON.parse(BODY) },
      expected: DOCUMENTED,
    });
    expect(previews[0]).not.toHaveProperty('credentialId');
    await screenshot(page, '40-signature-workbench');
    expect(await pageText()).not.toContain(SECRET);
    await page.getByTestId('credential-save').click();
    await expectText(page.getByTestId('credential-list'), 'secret: set');
  });

  it('previews the saved credential by id, the server filling in the secret', async () => {
    const list = page.getByTestId('credential-list');
    await list.getByRole('button', { name: 'Edit' }).click();
    const form = page.getByTestId('credential-form');
    expect(await form.locator('#jx-credential-secret').inputValue()).toBe('');
    const workbench = await computeExample(form);
    expect(await workbench.getByTestId('signature-match').getAttribute('data-state')).toBe('match');
    // Nothing was changed in the form: only the id goes, and the server signs with what it holds.
    expect(previews[1]).toMatchObject({ credentialId: expect.any(String) });
    expect(previews[1]!.data).toEqual({});
    expect(JSON.stringify(previews[1])).not.toContain(SECRET);
    // A documented signature that is off from the 7th character on: highlighted from there.
    await workbench.locator('#jx-workbench-expected').fill(`9A0A86${'0'.repeat(26)}`);
    await workbench.getByTestId('signature-compute').click();
    const state = workbench.getByTestId('signature-match');
    await expect.poll(() => state.getAttribute('data-state')).toBe('no-match');
    await expectText(state, 'character 7');
    expect(await workbench.getByTestId('signature-difference').allTextContents()).toEqual([
      DOCUMENTED.slice(6),
      '0'.repeat(26),
    ]);
  });

  it('never showed or received the secret', async () => {
    expect(await pageText()).not.toContain(SECRET);
    expect(await page.content()).not.toContain(SECRET);
    const bodies = await Promise.all(responseBodies);
    expect(bodies.some((b) => b.includes('{secret}'))).toBe(true);
    expect(bodies.filter((b) => b.includes(SECRET))).toEqual([]);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
