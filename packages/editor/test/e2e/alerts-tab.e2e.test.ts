// @vitest-environment node
// Issue 13 item 3: the Alerts tab lists, creates and deletes rules and shows the history; an alert's
// link (`?flow=<id>&view=…`) opens the server dialog on that tab.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const KEY = 'e2e-robot-key-7f3a';

const FLOW = {
  schemaVersion: 1,
  id: 'e2e-alerts',
  name: 'Alerted flow',
  nodes: [{ id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} }],
  edges: [],
};

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
  });

beforeAll(async () => {
  stack = await startStack();
  const saved = await api(`/api/flows/${FLOW.id}`, { method: 'PUT', body: JSON.stringify(FLOW) });
  if (!saved.ok) throw new Error(`Saving the fixture flow failed: ${await saved.text()}`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(5000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${stack.url}/?flow=${FLOW.id}&view=alerts#token=${stack.token}`);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('Alerts tab', () => {
  it('opens from an alert link, creates a rule from the form and never shows the robot key again', async () => {
    const tab = page.getByTestId('alerts-tab');
    await tab.waitFor();
    await expect(page.getByRole('tab', { name: 'Alerts' }).getAttribute('aria-selected')).resolves.toBe(
      'true',
    );
    await tab.getByText('No alert rules yet.').waitFor();
    const form = page.getByTestId('alert-rule-form');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await page.getByTestId('alert-name-error').waitFor();
    await page.getByTestId('alert-channelUrl-error').waitFor();

    await form.getByLabel('Name').fill('Orders piling up');
    await form.getByLabel('Condition').selectOption('waiting-runs');
    await form.getByLabel('Threshold').fill('100');
    await form.getByLabel('Webhook URL').fill(`https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${KEY}`);
    await form.getByRole('button', { name: 'Create rule' }).click();
    const row = page.getByTestId('alert-rules').getByRole('row', { name: /Orders piling up/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('WeCom robot (qyapi.weixin.qq.com)');
    await expect(row.textContent()).resolves.toContain(FLOW.id);
    expect(await page.content()).not.toContain(KEY);

    const rules = (await (await api('/api/alerts/rules')).json()) as {
      rules: Array<Record<string, unknown>>;
    };
    expect(rules.rules).toMatchObject([
      { name: 'Orders piling up', kind: 'waiting-runs', flowId: FLOW.id, threshold: 100 },
    ]);
  });

  it('evaluates on demand, shows the empty history, and deletes the rule', async () => {
    await page.getByRole('button', { name: 'Evaluate now' }).click();
    await page.getByText('0 alert event(s).').waitFor();
    await page.getByText('Nothing has fired yet.').waitFor();
    await page.getByTestId('alert-rules').getByRole('button', { name: 'Delete' }).click();
    await page.getByText('No alert rules yet.').waitFor();
    expect(((await (await api('/api/alerts/rules')).json()) as { rules: unknown[] }).rules).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
