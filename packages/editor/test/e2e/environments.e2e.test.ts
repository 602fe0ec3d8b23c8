// @vitest-environment node
// Issue 13 item 1: the editor shows and switches the environment; production is marked; the run
// history follows the switch; a test run in production is only sent after a confirm and says so.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const api = (path: string, body?: unknown, method = body === undefined ? 'GET' : 'POST') =>
  fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

const FLOW = {
  schemaVersion: 1,
  id: 'e2e-environments',
  name: 'Environments',
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      typeVersion: 1,
      position: { x: 0, y: 120 },
      config: { method: 'POST', path: 'env-orders', responseMode: 'onFinish' },
    },
    {
      id: 'shape',
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 320, y: 120 },
      config: { mapping: { order: '=body.order' } },
    },
  ],
  edges: [{ id: 'e1', source: { node: 'hook', port: 'out' }, target: { node: 'shape', port: 'in' } }],
};

const rows = () => page.locator('[data-testid^="history-run-"]');

async function openHistory(): Promise<void> {
  await page.getByRole('button', { name: '☰ Runs' }).click();
  await page.getByRole('tab', { name: 'Run history' }).click();
}

beforeAll(async () => {
  stack = await startStack();
  const put = await fetch(`${stack.url}/api/flows/${FLOW.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(FLOW),
  });
  if (!put.ok) throw new Error(`Saving the fixture flow failed: ${await put.text()}`);
  if (!(await api(`/api/flows/${FLOW.id}/versions`, {})).ok) throw new Error('version not created');
  for (const environment of ['sandbox', 'production']) {
    const deployed = await api(`/api/flows/${FLOW.id}/deploy`, { version: 1, environment });
    if (!deployed.ok) throw new Error(`Deploying failed: ${await deployed.text()}`);
  }
  // One production run (unprefixed URL) and two sandbox runs (its own URL).
  for (const path of ['env-orders', 'sandbox/env-orders', 'sandbox/env-orders']) {
    const hook = await fetch(`${stack.url}/hooks/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ order: path }),
    });
    if (hook.status !== 200) throw new Error(`Webhook ${path} answered ${hook.status}`);
  }
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(5000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${stack.url}/?flow=${FLOW.id}#token=${stack.token}`);
  await page.locator('[data-testid="node-shape"]').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('environment switch', () => {
  it('starts in sandbox, unmarked, with the run history of every environment', async () => {
    const environmentSwitch = page.getByTestId('environment-switch');
    await expect.poll(() => environmentSwitch.getAttribute('data-environment')).toBe('sandbox');
    expect(await page.getByTestId('production-badge').count()).toBe(0);
    await openHistory();
    await expect.poll(() => rows().count()).toBe(3);
    await page.keyboard.press('Escape');
  });

  it('marks production and filters the run history by the picked environment', async () => {
    await page.getByTestId('environment-select').selectOption('production');
    const environmentSwitch = page.getByTestId('environment-switch');
    await expect.poll(() => environmentSwitch.getAttribute('class')).toContain('is-production');
    expect(await page.getByTestId('production-badge').textContent()).toBe('PRODUCTION');
    await screenshot(page, '40-environment-production');
    await openHistory();
    await expect.poll(() => rows().count()).toBe(1);
    expect(await page.getByTestId('run-environment').allTextContents()).toEqual(['production']);
    await page.getByRole('tab', { name: 'Metrics' }).click();
    await expect
      .poll(() => page.getByTestId('canary-report').textContent())
      .toContain('Canary and main in production');
    await page.getByRole('tab', { name: 'Versions & deploy' }).click();
    await expect.poll(() => page.getByTestId('deploy-environment').textContent()).toBe('production');
    await page.keyboard.press('Escape');

    await page.getByTestId('environment-select').selectOption('sandbox');
    await openHistory();
    await expect.poll(() => rows().count()).toBe(2);
    expect(await page.getByTestId('run-environment').allTextContents()).toEqual(['sandbox', 'sandbox']);
    await page.keyboard.press('Escape');
  });

  it('promotes the version live in sandbox to production, gated on a passing test run by default', async () => {
    await page.getByTestId('environment-select').selectOption('sandbox');
    await page.getByRole('button', { name: '☰ Runs' }).click();
    await page.getByRole('tab', { name: 'Versions & deploy' }).click();
    const promote = page.getByTestId('promote-environment');
    await expect.poll(() => promote.textContent()).toBe('Promote to production');
    await promote.click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('no succeeded test run');
    await page.getByTestId('promote-require-test-run').uncheck();
    await promote.click();
    await expect.poll(() => page.getByTestId('notice').textContent()).toContain('v1 is live in production.');
    const listed = (await (await api(`/api/flows/${FLOW.id}/deployments?environment=production`)).json()) as {
      history: Array<{ action: string; reason?: string }>;
    };
    expect(listed.history[0]).toMatchObject({ action: 'promoted', reason: 'from sandbox' });
    await page.keyboard.press('Escape');
  });

  it('sends a test run to production only after the confirm, saying so', async () => {
    await page.getByTestId('environment-select').selectOption('production');
    const dialogs: string[] = [];
    page.once('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.accept();
    });
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/test-runs')),
      page.getByTestId('test-run').click(),
    ]);
    expect(dialogs).toHaveLength(1);
    expect(dialogs[0]).toContain('production');
    expect(request.postDataJSON()).toMatchObject({ environment: 'production', confirmProduction: true });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
