// @vitest-environment node
// The QA findings on the live stack: a webhook flow's first test run, a new flow's toolbar, a
// mistyped ?flow=, a readable opening and a whole Fit, run history detail, and imports whose nodes share one position.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const node = (id: string) => page.locator(`[data-testid="node-${id}"]`);

async function expectText(locator: Locator, text: string, timeout = 5000): Promise<void> {
  await expect.poll(() => locator.textContent().catch(() => ''), { timeout }).toContain(text);
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
  });

async function putFlow(flow: { id: string }): Promise<void> {
  const saved = await api(`/api/flows/${flow.id}`, { method: 'PUT', body: JSON.stringify(flow) });
  if (!saved.ok) throw new Error(`Saving fixture flow ${flow.id} failed: ${await saved.text()}`);
}

async function open(query: string): Promise<void> {
  await page.goto(`${stack.url}/${query}#token=${stack.token}`);
  await page.locator('[data-testid="palette-trigger.manual"]').waitFor();
}

/** The canvas zoom, read from React Flow's viewport transform. */
async function zoom(): Promise<number> {
  return page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

const ORDER_BODY = { product_id: '10000001', buy_num: 1 };

/** A webhook flow like the order-card example, without supplier calls: webhook → map. */
const WEBHOOK_FLOW = {
  schemaVersion: 1,
  id: 'qa-webhook',
  name: 'Webhook order',
  nodes: [
    {
      id: 'checkout',
      name: 'Shop checkout',
      type: 'trigger.webhook',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { path: 'shop/order', method: 'POST', exampleRequest: { body: ORDER_BODY } },
    },
    {
      id: 'order',
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 300, y: 0 },
      config: { mapping: '={"product": body.product_id, "count": body.buy_num}' },
    },
  ],
  edges: [{ id: 'e1', source: { node: 'checkout', port: 'out' }, target: { node: 'order', port: 'in' } }],
};

/** 17 nodes in a row, as wide as the order-card example. */
const WIDE_FLOW = {
  schemaVersion: 1,
  id: 'qa-wide',
  name: 'Wide flow',
  nodes: [
    { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    ...Array.from({ length: 16 }, (_, i) => ({
      id: `step${i + 1}`,
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 260 * (i + 1), y: (i % 3) * 160 - 160 },
      config: { mapping: '=$' },
    })),
  ],
  edges: Array.from({ length: 16 }, (_, i) => ({
    id: `e${i + 1}`,
    source: { node: i === 0 ? 'start' : `step${i}`, port: 'out' },
    target: { node: `step${i + 1}`, port: 'in' },
  })),
};

beforeAll(async () => {
  stack = await startStack();
  await putFlow(WEBHOOK_FLOW);
  await putFlow(WIDE_FLOW);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(5000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('QA findings', () => {
  it('a new flow is "Not saved yet" and asks kindly for a trigger', async () => {
    await open('');
    await expectText(page.getByTestId('save-state'), 'Not saved yet');
    await expectText(page.getByTestId('validate'), 'Add a trigger to start');
    await page.getByTestId('validate').click();
    await screenshot(page, '20-new-flow');
    expect(await page.getByTestId('save-state').textContent()).not.toBe('Saved');
  });

  it('says so when ?flow= names a flow the server does not have, and offers to create it', async () => {
    await open('?flow=does-not-exist');
    const banner = page.getByTestId('flow-not-found');
    await expectText(banner, 'does-not-exist');
    await expectText(banner, 'not found');
    // The other flows are offered right below.
    await page.getByTestId('open-flow-qa-webhook').waitFor();
    await screenshot(page, '21-flow-not-found');
    await page.getByTestId('create-missing-flow').click();
    await expect.poll(() => banner.count()).toBe(0);
    await expectText(page.getByTestId('flow-name'), 'does-not-exist');
  });

  it('runs a webhook flow from its example request, and wraps a bare body typed as test input', async () => {
    await open(`?flow=${WEBHOOK_FLOW.id}`);
    await node('order').waitFor();
    await page.getByRole('tab', { name: 'Test input' }).click();
    await expectText(page.getByTestId('test-input-hint'), '"path": "shop/order"');
    const textarea = page.getByTestId('test-input').locator('textarea');
    expect(JSON.parse(await textarea.inputValue())).toEqual({
      method: 'POST',
      path: 'shop/order',
      headers: {},
      query: {},
      body: ORDER_BODY,
    });
    await page.getByTestId('test-run').click();
    await expectText(page.getByRole('tab', { name: /Test run/ }), 'succeeded', 10_000);
    await expectText(page.getByTestId('run-detail'), '10000001');

    // The body alone, as the old hint suggested: sent inside the request the trigger expects.
    await page.getByRole('tab', { name: 'Test input' }).click();
    await textarea.fill(JSON.stringify({ product_id: '20000002', buy_num: 3 }));
    await expectText(page.getByTestId('test-input-wrapped'), '"path": "shop/order"');
    await screenshot(page, '22-webhook-test-input');
    await page.getByTestId('test-run').click();
    await expectText(page.getByRole('tab', { name: /Test run/ }), 'succeeded', 10_000);
    await page.getByTestId('run-steps').getByText('order').click();
    await expectText(page.getByTestId('run-detail'), '20000002');
    await screenshot(page, '23-webhook-test-run');
  });

  it('shows a stored run like a test run and opens it on the canvas', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 500, y: 400 } });
    await page.getByTitle('Flows, run history and metrics').click();
    await page.getByRole('tab', { name: 'Run history' }).click();
    const rows = page.locator('[data-testid^="history-run-"]');
    await expect.poll(() => rows.count()).toBe(2);
    await rows.last().click();
    const detail = page.getByTestId('history-run-detail');
    await expectText(detail.getByTestId('run-steps'), 'Shop checkout');
    await expectText(detail.getByTestId('run-detail'), 'attempt');
    await expectText(detail.getByTestId('run-detail'), '10000001');
    expect(await detail.textContent()).not.toContain('null ms');
    await screenshot(page, '24-run-history-detail');
    await page.getByTestId('show-run-on-canvas').click();
    await expect.poll(() => page.locator('.jx-dialog').count()).toBe(0);
    await expect
      .poll(() => node('order').locator('[data-status]').getAttribute('data-status'))
      .toBe('succeeded');
    expect(page.url()).toContain('run=');
  });

  it('opens a run from its link with its statuses on the canvas', async () => {
    const { runs } = await (await api(`/api/runs?flowId=${WEBHOOK_FLOW.id}`)).json();
    await open(`?flow=${WEBHOOK_FLOW.id}&run=${runs[0].id}`);
    await expect
      .poll(() =>
        node('checkout')
          .locator('[data-status]')
          .getAttribute('data-status')
          .catch(() => null),
      )
      .toBe('succeeded');
    await expectText(page.getByRole('tab', { name: /Test run/ }), 'succeeded');
  });

  it('opens a wide flow on its beginning at a readable zoom, Fit shows it whole, and the minimap folds away', async () => {
    await open(`?flow=${WIDE_FLOW.id}`);
    await node('start').waitFor();
    await page.waitForTimeout(400);
    expect(await zoom()).toBeGreaterThanOrEqual(0.5);
    // The flow's beginning is on screen: the trigger sits inside the canvas.
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const start = (await node('start').boundingBox())!;
    expect(start.x).toBeGreaterThanOrEqual(canvas.x);
    expect(start.x + start.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    // Fit (issue 15): every node in view, however small that makes them.
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(400);
    const last = (await node('step16').boundingBox())!;
    expect(last.x + last.width).toBeLessThanOrEqual(canvas.x + canvas.width);
    await screenshot(page, '25-wide-flow-fit');
    await page.getByTestId('minimap-toggle').click();
    await expect.poll(() => page.locator('.react-flow__minimap').count()).toBe(0);
    await page.getByTestId('minimap-toggle').click();
    await expect.poll(() => page.locator('.react-flow__minimap').count()).toBe(1);
  });

  it('lays out an imported document whose nodes share one position', async () => {
    const stacked = {
      ...WIDE_FLOW,
      id: 'qa-stacked',
      nodes: WIDE_FLOW.nodes.slice(0, 5).map((n) => ({ ...n, position: { x: 0, y: 0 } })),
      edges: WIDE_FLOW.edges.slice(0, 4),
    };
    await page.getByTestId('import-export').click();
    await page.getByLabel('Flow JSON').fill(JSON.stringify(stacked));
    await page.getByText('Import pasted JSON').click();
    await expectText(page.getByTestId('notice'), 'laid out automatically');
    await page.waitForTimeout(300);
    const boxes = await Promise.all(
      ['start', 'step1', 'step2', 'step3', 'step4'].map((id) => node(id).boundingBox()),
    );
    const xs = new Set(boxes.map((b) => Math.round(b!.x)));
    expect(xs.size).toBe(5);
    await screenshot(page, '26-import-laid-out');
  });

  it('requires an allowed host for a credential, pre-filled from the gateway URL', async () => {
    await page.getByTestId('credentials').click();
    await page.getByText('+ New credential').click();
    const form = page.getByTestId('credential-form');
    await form.locator('#jx-credential-name').fill('Supplier sandbox');
    await form.locator('#jx-credential-kind').selectOption('card-platform');
    await form.locator('#jx-credential-appKey').fill('app-key-1');
    await form.locator('#jx-credential-appSecret').fill('app-secret-never-shown');
    await form.locator('#jx-credential-gatewayUrl').fill(`${stack.sandboxUrl}/api/gateway`);
    const host = new URL(stack.sandboxUrl).hostname;
    await expect.poll(() => form.getByLabel('Allowed host 1').inputValue()).toBe(host);
    await expectText(form, 'allows any host');
    // Clearing the host is refused in the form, before the server would refuse it.
    await form.getByLabel('Allowed host 1').fill('');
    await page.getByTestId('credential-save').click();
    await expectText(form, 'Add at least one host');
    await screenshot(page, '27-credential-host-required');
    await form.getByLabel('Allowed host 1').fill(host);
    await page.getByTestId('credential-save').click();
    await expectText(page.getByTestId('credential-list'), 'Supplier sandbox');
    const { credentials } = await (await api('/api/credentials')).json();
    expect(credentials).toMatchObject([{ name: 'Supplier sandbox', allowedHosts: [host] }]);
    await page.getByRole('button', { name: 'Close' }).click();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
