// @vitest-environment node
// Issue 13 items 5 and 6 in the editor: a failed run retried from the run history, a run replayed as a
// test run, the runs list searched by a business key, and the read-only Audit tab.

import { DEFAULT_APP_KEY, DEFAULT_APP_SECRET } from '@junction/sandbox';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let failedRunId: string;

const api = (path: string, method = 'GET', body?: unknown) =>
  fetch(`${stack.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

/** The sandbox's gateway answers 503 while its 5xx fault is on: the flow's balance check then fails. */
const setOutage = (on: boolean) => stack.sandbox.setFaults(on ? { http5xx: { status: 503 } } : undefined);

const flow = () => ({
  schemaVersion: 1,
  id: 'e2e-retry',
  name: 'Call the supplier',
  nodes: [
    { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 120 }, config: {} },
    {
      id: 'call',
      type: 'cardPlatform.balance',
      typeVersion: 1,
      position: { x: 320, y: 120 },
      config: {},
      credentials: { auth: 'sandbox' },
    },
  ],
  edges: [{ id: 'e1', source: { node: 'start', port: 'out' }, target: { node: 'call', port: 'in' } }],
});

async function expectText(locator: Locator, text: string, timeout = 5000): Promise<void> {
  await expect.poll(() => locator.textContent().catch(() => ''), { timeout }).toContain(text);
}

async function statusOf(runId: string): Promise<string> {
  return ((await (await api(`/api/runs/${runId}`)).json()) as { run: { status: string } }).run.status;
}

beforeAll(async () => {
  stack = await startStack();
  const credential = await api('/api/credentials', 'POST', {
    id: 'sandbox',
    name: 'Sandbox supplier',
    kind: 'card-platform',
    allowedHosts: ['127.0.0.1'],
    data: {
      appKey: DEFAULT_APP_KEY,
      appSecret: DEFAULT_APP_SECRET,
      gatewayUrl: `${stack.sandboxUrl}/api/gateway`,
    },
  });
  if (!credential.ok) throw new Error(`creating the credential failed: ${await credential.text()}`);
  const document = flow();
  if (!(await api(`/api/flows/${document.id}`, 'PUT', document)).ok)
    throw new Error('saving the flow failed');
  await api(`/api/flows/${document.id}/versions`, 'POST', {});
  await api(`/api/flows/${document.id}/deploy`, 'POST', { version: 1 });
  await setOutage(true);
  const started = await api(`/api/flows/${document.id}/runs?wait=true`, 'POST', {
    input: { order: 'A-1001' },
  });
  const run = ((await started.json()) as { run: { id: string; status: string } }).run;
  if (run.status !== 'failed')
    throw new Error(`expected the run to fail during the outage, got ${run.status}`);
  failedRunId = run.id;
  await setOutage(false);
  await api(`/api/flows/${document.id}/runs?wait=true`, 'POST', { input: { order: 'B-2002' } });

  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(5000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${stack.url}/?flow=${document.id}#token=${stack.token}`);
  await page
    .locator('[data-testid="node-call"]')
    .waitFor()
    .catch(async (error: Error) => {
      await screenshot(page, 'retry-00-not-loaded');
      throw new Error(`${error.message}; page errors: ${pageErrors.join(' | ')}`);
    });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('retry, replay and audit in the editor', () => {
  it('finds the order by its key, retries the failed run from the run history, and replays it', async () => {
    await page.getByRole('button', { name: '☰ Runs' }).click();
    await page.getByRole('tab', { name: 'Run history' }).click();
    await page.getByTestId('runs-key-filter').fill('A-1001');
    await expect.poll(() => page.locator('[data-testid^="history-run-"]').count()).toBe(1);
    const row = page.getByTestId(`history-run-${failedRunId}`);
    await expectText(row, 'failed');
    await row.click();
    const detail = page.getByTestId('history-run-detail');
    await detail.getByTestId('retry-run').click();
    await expect.poll(() => statusOf(failedRunId), { timeout: 15_000 }).toBe('succeeded');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expectText(row, 'succeeded');
    // A succeeded run has nothing to retry; it can still be replayed.
    await row.click();
    await row.click();
    expect(await detail.getByTestId('retry-run').count()).toBe(0);
    await screenshot(page, 'retry-01-retried');

    await detail.getByRole('button', { name: 'Replay with edited input…' }).click();
    await detail
      .getByTestId('replay-input')
      .locator('textarea')
      .fill('{"order": "A-1001", "note": "replayed"}');
    await detail.getByRole('button', { name: 'Replay with this input' }).click();
    await expectText(page.locator('body'), 'Replay started as test run');
    const runs = async () =>
      (
        (await (await api('/api/runs?flowId=e2e-retry&test=true')).json()) as {
          runs: { id: string; input: unknown; test: boolean }[];
        }
      ).runs;
    await expect.poll(async () => (await runs()).length).toBe(1);
    expect((await runs())[0]).toMatchObject({ test: true, input: { order: 'A-1001', note: 'replayed' } });
    expect(await statusOf(failedRunId)).toBe('succeeded');
  });

  it('shows the audit log read-only, filtered by action', async () => {
    await page.getByRole('tab', { name: 'Audit' }).click();
    const entries = page.getByTestId('audit-entry');
    await expect.poll(() => entries.count()).toBeGreaterThanOrEqual(4);
    await expectText(page.getByTestId('audit-tab'), 'run.retried');
    await expectText(page.getByTestId('audit-tab'), 'deployed');
    await page.getByLabel('Action').selectOption('run.retried');
    await page.getByRole('button', { name: 'Filter' }).click();
    await expect.poll(() => entries.count()).toBe(1);
    await expectText(entries.first(), failedRunId);
    await expectText(entries.first(), 'admin');
    expect(
      await page
        .getByTestId('audit-tab')
        .locator('button', { hasText: /delete|remove/i })
        .count(),
    ).toBe(0);
    await screenshot(page, 'retry-02-audit');
    expect(pageErrors).toEqual([]);
  });
});
