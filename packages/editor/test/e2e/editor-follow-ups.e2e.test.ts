// @vitest-environment node
// Dynamic ports from the server, credentials created from the picker (secrets never come back),
// and adding a node by dropping a connection on empty canvas.
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
const SECRET = 'tok_9f3b1c-never-shown';

const node = (id: string) => page.locator(`[data-testid="node-${id}"]`);
const handleIds = (id: string, kind: 'source' | 'target') =>
  node(id)
    .locator(`.react-flow__handle.${kind}`)
    .evaluateAll((handles) => handles.map((h) => h.getAttribute('data-handleid')));

async function expectText(locator: Locator, text: string, timeout = 5000): Promise<void> {
  await expect.poll(() => locator.textContent().catch(() => ''), { timeout }).toContain(text);
}

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
  });

const FLOW = {
  schemaVersion: 1,
  id: 'e2e-follow-ups',
  name: 'Follow-ups',
  nodes: [
    { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 120 }, config: {} },
    {
      id: 'route',
      type: 'flow.switch',
      typeVersion: 1,
      position: { x: 300, y: 80 },
      config: {
        value: '=kind',
        cases: [{ name: 'gold', equals: 'gold' }, { name: 'silver', equals: 'silver' }, { equals: 'bronze' }],
      },
    },
    {
      id: 'join',
      type: 'flow.merge',
      typeVersion: 1,
      position: { x: 620, y: 80 },
      config: { inputs: 3 },
    },
    {
      id: 'fetch',
      type: 'http.request',
      typeVersion: 1,
      position: { x: 300, y: 420 },
      config: { method: 'GET', url: 'https://api.shop.example/ping' },
    },
  ],
  edges: [{ id: 'e1', source: { node: 'start', port: 'out' }, target: { node: 'route', port: 'in' } }],
};

beforeAll(async () => {
  stack = await startStack();
  const saved = await api(`/api/flows/${FLOW.id}`, { method: 'PUT', body: JSON.stringify(FLOW) });
  if (!saved.ok) throw new Error(`Saving the fixture flow failed: ${await saved.text()}`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(5000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('response', (response) => {
    if (new URL(response.url()).pathname.startsWith('/api/')) {
      responseBodies.push(response.text().catch(() => ''));
    }
  });
  await page.goto(`${stack.url}/?flow=${FLOW.id}#token=${stack.token}`);
  await node('route').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('editor follow-ups', () => {
  it('shows the ports the server derives from a dynamic node’s config', async () => {
    // Three cases (one unnamed) → three case handles plus default, named as the server names them.
    await expect.poll(() => handleIds('route', 'source')).toEqual(['gold', 'silver', 'case2', 'default']);
    // The editor cannot guess a merge's inputs; only the server's answer gives a, b, c.
    await expect.poll(() => handleIds('join', 'target')).toEqual(['a', 'b', 'c']);
    await node('join').click();
    await page.locator('.jx-inspector [data-pointer="/config/inputs"] input').fill('4');
    await expect.poll(() => handleIds('join', 'target')).toEqual(['a', 'b', 'c', 'd']);
    await screenshot(page, '07-dynamic-ports');
  });

  it('adds a connected node by dropping a connection on empty canvas', async () => {
    const from = (await node('route')
      .locator('.react-flow__handle.source[data-handleid="gold"]')
      .boundingBox())!;
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    const drop = { x: canvas.x + canvas.width - 260, y: canvas.y + canvas.height - 120 };
    await page.mouse.move(drop.x, drop.y, { steps: 10 });
    await page.mouse.up();
    const quickAdd = page.getByTestId('quick-add');
    await quickAdd.waitFor();
    // Triggers cannot take input, so they are not offered after an output.
    expect(await quickAdd.getByTestId('quick-add-trigger.manual').count()).toBe(0);
    await page.keyboard.type('map');
    await screenshot(page, '08-quick-add');
    await page.keyboard.press('Enter');
    await expect.poll(() => quickAdd.count()).toBe(0);
    await node('map').waitFor();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await page.keyboard.press('Control+z');
    await expect.poll(() => node('map').count()).toBe(0);
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await node('map').waitFor();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    // The map would need a mapping before the flow can be saved; this flow does not need it.
    await page.keyboard.press('Control+z');
    await expect.poll(() => node('map').count()).toBe(0);
  });

  it('creates a bearer credential from the picker, selects it and saves the flow', async () => {
    await node('fetch').click();
    await page.getByTestId('credential-new-auth').click();
    const form = page.getByTestId('credential-form');
    await form.locator('#jx-credential-name').fill('Shop API token');
    await form.locator('#jx-credential-kind').selectOption('bearer');
    await form.locator('#jx-credential-token').fill(SECRET);
    await form.getByLabel('Allowed host 1').fill('api.shop.example');
    await screenshot(page, '09-credential-new');
    await page.getByTestId('credential-save').click();
    await expect.poll(() => form.count()).toBe(0);
    const picker = page.locator('#jx-cred-auth');
    await expect.poll(() => picker.locator('option:checked').textContent()).toContain('Shop API token');
    await page.getByTestId('save').click();
    await expectText(page.getByTestId('notice'), 'Saved');
    const { flow } = await (await api(`/api/flows/${FLOW.id}`)).json();
    const fetchNode = flow.nodes.find((n: { id: string }) => n.id === 'fetch');
    expect(fetchNode.credentials.auth).toMatch(/\S/);
    const { credentials } = await (await api('/api/credentials')).json();
    expect(credentials).toMatchObject([
      {
        id: fetchNode.credentials.auth,
        kind: 'bearer',
        allowedHosts: ['api.shop.example'],
        secretFields: ['token'],
      },
    ]);
  });

  it('manages credentials from the toolbar: the secret shows as set, never its value', async () => {
    await page.getByTestId('credentials').click();
    const list = page.getByTestId('credential-list');
    await expectText(list, 'Shop API token');
    await expectText(list, 'token: set');
    await list.getByRole('button', { name: 'Edit' }).click();
    const token = page.locator('#jx-credential-token');
    expect(await token.inputValue()).toBe('');
    expect(await token.getAttribute('type')).toBe('password');
    await screenshot(page, '10-credential-edit');
    await page.getByTestId('credential-save').click();
    await expectText(page.getByTestId('credential-list'), 'token: set');
    await page.keyboard.press('Escape');
  });

  it('never received the secret in any API response', async () => {
    const bodies = await Promise.all(responseBodies);
    expect(bodies.length).toBeGreaterThan(5);
    expect(bodies.some((b) => b.includes('Shop API token'))).toBe(true);
    expect(bodies.filter((b) => b.includes(SECRET))).toEqual([]);
    expect(await page.content()).not.toContain(SECRET);
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
