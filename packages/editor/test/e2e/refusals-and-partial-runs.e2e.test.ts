// @vitest-environment node
// Every refused connection says why (including the drops React Flow refuses without asking), and
// "Run to here" sends stopAfter and shows the nodes after the stop point as "Not run".
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const node = (id: string) => page.locator(`[data-testid="node-${id}"]`);
const handle = (id: string, kind: 'source' | 'target', port: string) =>
  node(id).locator(`.react-flow__handle.${kind}[data-handleid="${port}"]`);
const statusOf = (id: string) =>
  node(id)
    .locator('[data-status]')
    .getAttribute('data-status', { timeout: 500 })
    .catch(() => null);

async function expectText(locator: Locator, text: string, timeout = 5000): Promise<void> {
  await expect.poll(() => locator.textContent().catch(() => ''), { timeout }).toContain(text);
}

const step = (id: string, x: number) => ({
  id,
  type: 'transform.map',
  typeVersion: 1,
  position: { x, y: 120 },
  config: { mapping: `={"step": "${id}"}` },
});
const edge = (from: string, to: string) => ({
  id: `${from}-${to}`,
  source: { node: from, port: 'out' },
  target: { node: to, port: 'in' },
});
const FLOW = {
  schemaVersion: 1,
  id: 'e2e-refusals',
  name: 'Refusals',
  nodes: [
    { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 120 }, config: {} },
    step('first', 320),
    step('second', 640),
    step('third', 960),
  ],
  edges: [edge('start', 'first'), edge('first', 'second'), edge('second', 'third')],
};

/** Drags from one point to another with intermediate moves, as a user does. */
async function drag(from: Locator, to: Locator): Promise<void> {
  const a = (await from.boundingBox())!;
  const b = (await to.boundingBox())!;
  const end = { x: b.width / 2, y: b.height / 2 };
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + end.x + 6, b.y + end.y + 6, { steps: 8 });
  await page.mouse.move(b.x + end.x, b.y + end.y, { steps: 4 });
  await page.mouse.up();
}

/** Drags a connection, expects a notice containing `reason`, and no new edge; then dismisses it. */
async function expectRefused(from: Locator, to: Locator, reason: string, shot?: string) {
  await drag(from, to);
  await expectText(page.getByTestId('notice'), reason);
  expect(await page.locator('.react-flow__edge').count()).toBe(FLOW.edges.length);
  if (shot) await screenshot(page, shot);
  await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
}

beforeAll(async () => {
  stack = await startStack();
  const saved = await fetch(`${stack.url}/api/flows/${FLOW.id}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(FLOW),
  });
  if (!saved.ok) throw new Error(`Saving the fixture flow failed: ${await saved.text()}`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  page.setDefaultTimeout(5000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${stack.url}/?flow=${FLOW.id}#token=${stack.token}`);
  await node('third').waitFor();
  await page.getByTestId('fit-view').click();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('refused connections', () => {
  it('says why an output cannot be dropped on another output', async () => {
    await expectRefused(
      handle('third', 'source', 'out'),
      handle('first', 'source', 'out'),
      'is an output too',
    );
  });

  it('says why an input cannot be dropped on another input', async () => {
    await expectRefused(handle('first', 'target', 'in'), handle('third', 'target', 'in'), 'is an input too');
  });

  it('says a trigger takes no input when a connection is dropped on it', async () => {
    await expectRefused(
      handle('third', 'source', 'out'),
      node('start'),
      'is a trigger',
      '30-refused-trigger',
    );
  });

  it('says which ports to aim for when a drop misses them on a node', async () => {
    await drag(handle('start', 'source', 'out'), node('third'));
    await expectText(page.getByTestId('notice'), 'Drop on one of third');
    await page.getByTestId('notice').getByRole('button', { name: 'Dismiss' }).click();
  });

  it('still says why a cycle is refused', async () => {
    await expectRefused(handle('third', 'source', 'out'), handle('first', 'target', 'in'), 'cycle');
  });
});

describe('Run to here', () => {
  it('sends stopAfter and shows the nodes after the stop point as not run', async () => {
    await node('first').click();
    const [request] = await Promise.all([
      page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/test-runs')),
      page.locator('.jx-toolbar .jx-tool', { hasText: 'Run to here' }).click(),
    ]);
    expect(request.postDataJSON()).toMatchObject({ stopAfter: 'first' });
    await expect.poll(() => statusOf('first'), { timeout: 15_000 }).toBe('succeeded');
    await expect.poll(() => statusOf('third'), { timeout: 5000 }).toBe('not-run');
    // The canvas paints the statuses one by one: the second node's may follow the third's.
    await expect.poll(() => statusOf('second'), { timeout: 5000 }).toBe('not-run');
    await expectText(node('second'), 'Not run');
    expect(await node('second').textContent()).not.toContain('Skipped');
    await screenshot(page, '31-run-to-here');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
