// @vitest-environment node
// The first look (issue 15): the order-card example opens with all of its 26 nodes in view at a
// readable zoom, and Fit shows every node of a flow of any size (here 400 nodes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READABLE_FIT } from '../../src/canvas/fit-viewport.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

const ORDER_CARD = join(import.meta.dirname, '../../../../examples/card-platform/order-card.json');

let stack: Stack;
let browser: Browser;
let page: Page;

const api = (path: string, method: string, body: unknown) =>
  fetch(`${stack.url}${path}`, {
    method,
    body: JSON.stringify(body),
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
  });

/** A grid of `count` map nodes after a manual trigger, far too large to read whole. */
function hugeFlow(count: number) {
  const nodes = [
    { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
    ...Array.from({ length: count - 1 }, (_, i) => ({
      id: `n${i + 1}`,
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 260 * (1 + (i % 20)), y: 140 * Math.floor(i / 20) },
      config: { mapping: '=$' },
    })),
  ];
  const edges = nodes.slice(1).map((n, i) => ({
    id: `e${i + 1}`,
    source: { node: i === 0 ? 'start' : `n${i}`, port: 'out' },
    target: { node: n.id, port: 'in' },
  }));
  return { schemaVersion: 1, id: 'first-look-huge', name: 'Huge flow', nodes, edges };
}

async function open(flowId: string, firstNode: string): Promise<void> {
  await page.goto(`${stack.url}/?flow=${flowId}#token=${stack.token}`);
  await page.locator(`[data-testid="node-${firstNode}"]`).waitFor();
  await page.waitForTimeout(500);
}

async function zoom(): Promise<number> {
  return page
    .locator('.react-flow__viewport')
    .evaluate((el) => new DOMMatrixReadOnly(getComputedStyle(el).transform).a);
}

/** Ids of the rendered nodes, and of those whose box lies wholly inside the canvas. */
async function nodesInView(): Promise<{ rendered: string[]; inside: string[] }> {
  const canvas = (await page.getByTestId('canvas').boundingBox())!;
  const boxes = await page
    .locator('.react-flow__node-flow')
    .evaluateAll((elements) =>
      elements.map((e) => ({ id: e.getAttribute('data-id') ?? '', box: e.getBoundingClientRect().toJSON() })),
    );
  const inside = boxes.filter(
    ({ box }) =>
      box.x >= canvas.x - 0.5 &&
      box.y >= canvas.y - 0.5 &&
      box.x + box.width <= canvas.x + canvas.width + 0.5 &&
      box.y + box.height <= canvas.y + canvas.height + 0.5,
  );
  return { rendered: boxes.map((b) => b.id), inside: inside.map((b) => b.id) };
}

beforeAll(async () => {
  stack = await startStack();
  const credential = await api('/api/credentials', 'POST', {
    id: 'sandbox',
    name: 'Card platform sandbox',
    kind: 'card-platform',
    allowedHosts: [new URL(stack.sandboxUrl).host],
    data: { appKey: 'first-look', appSecret: 'x'.repeat(32), gatewayUrl: `${stack.sandboxUrl}/api/gateway` },
  });
  expect(credential.status).toBe(201);
  const example = JSON.parse(readFileSync(ORDER_CARD, 'utf8'));
  expect((await api(`/api/flows/${example.id}`, 'PUT', example)).status).toBe(200);
  expect((await api('/api/flows/first-look-huge', 'PUT', hugeFlow(400))).status).toBe(200);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(10_000);
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('first look', () => {
  it('opens the order-card example with every one of its 26 nodes in view, at a readable zoom', async () => {
    await open('order-card', 'shopCheckout');
    const { rendered, inside } = await nodesInView();
    expect(rendered).toHaveLength(26);
    expect(inside.sort()).toEqual(rendered.sort());
    expect(await zoom()).toBeGreaterThanOrEqual(READABLE_FIT.minZoom);
    await screenshot(page, 'first-look-order-card');
  });

  it('opens a 400-node flow on its trigger at a readable zoom, and Fit then shows every node', async () => {
    await open('first-look-huge', 'start');
    expect(await zoom()).toBeGreaterThanOrEqual(READABLE_FIT.minZoom);
    expect((await nodesInView()).inside).toContain('start');
    await page.getByTestId('fit-view').click();
    await page.waitForTimeout(600);
    const { rendered, inside } = await nodesInView();
    expect(rendered).toHaveLength(400);
    expect(inside).toHaveLength(400);
    await screenshot(page, 'first-look-huge-fit');
  });
});
