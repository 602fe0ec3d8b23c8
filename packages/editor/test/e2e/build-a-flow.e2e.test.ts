// @vitest-environment node
import { readFileSync } from 'node:fs';
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
  page.locator(`[data-testid="node-${id}"] .react-flow__handle.${kind}[data-handleid="${port}"]`);
const field = (pointer: string) => page.locator(`.jx-inspector [data-pointer="${pointer}"]`);

/** Waits until the locator's text contains `text` (vitest has no Playwright matchers). */
async function expectText(locator: Locator, text: string, timeout = 5000): Promise<void> {
  await expect
    .poll(
      () =>
        locator
          .textContent()
          .then((t) => t ?? '')
          .catch(() => ''),
      { timeout },
    )
    .toContain(text);
}

async function expectNoText(locator: Locator, text: string): Promise<void> {
  await expect
    .poll(() =>
      locator
        .textContent()
        .then((t) => t ?? '')
        .catch(() => ''),
    )
    .not.toContain(text);
}

async function expectCount(locator: Locator, count: number, timeout = 5000): Promise<void> {
  await expect.poll(() => locator.count(), { timeout }).toBe(count);
}

async function dragFromPalette(type: string, x: number, y: number): Promise<void> {
  await page.dragAndDrop(`[data-testid="palette-${type}"]`, '[data-testid="canvas"]', {
    targetPosition: { x, y },
  });
}

/** Drags from an output handle to an input handle with intermediate mouse moves, as a user does. */
async function connect(from: string, fromPort: string, to: string, toPort: string): Promise<void> {
  const a = (await handle(from, 'source', fromPort).boundingBox())!;
  const b = (await handle(to, 'target', toPort).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + 2, b.y + 2, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  if (process.env.E2E_DEBUG) await screenshot(page, `debug-connect-${from}-${to}`);
  await page.mouse.up();
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = await context.newPage();
  // Locator calls fail within the test's own time budget instead of Playwright's 30 s default.
  page.setDefaultTimeout(5000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${stack.url}/?flow=e2e-health#token=${stack.token}`);
  await page.locator('[data-testid="palette-trigger.manual"]').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('building a flow in the editor', () => {
  it('removes the token from the address bar', () => {
    expect(page.url()).not.toContain('token=');
  });

  it('drags nodes from the palette and connects them', async () => {
    await dragFromPalette('trigger.manual', 130, 200);
    await dragFromPalette('http.request', 400, 200);
    await dragFromPalette('transform.map', 670, 320);
    await expect.poll(() => page.locator('.react-flow__node-flow').count()).toBe(3);
    await connect('manualTrigger', 'out', 'httpRequest', 'in');
    await connect('httpRequest', 'out', 'map', 'in');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    await screenshot(page, '01-connected');
  });

  it('refuses a connection that would close a cycle, with a visible reason', async () => {
    await connect('map', 'out', 'httpRequest', 'in');
    await expectText(page.getByTestId('notice'), 'cycle');
    expect(await page.locator('.react-flow__edge').count()).toBe(2);
  });

  it('shows a validation error and clears it once fixed', async () => {
    await node('httpRequest').click();
    await expectText(field('/config/url'), 'url is required');
    await node('httpRequest').getByTestId('node-problem').waitFor();
    await page.getByTestId('validate').click();
    await expectText(page.getByTestId('problem-list'), 'httpRequest');
    await screenshot(page, '02-validation-error');
    await page.getByTestId('problem-list').locator('button', { hasText: 'url' }).first().click();
    await field('/config/url').locator('input').fill(`${stack.sandboxUrl}/health`);
    await expectNoText(field('/config/url'), 'required');
    await expectCount(node('httpRequest').getByTestId('node-problem'), 0);
  });

  it('fills a form field with an expression, with completion from node output schemas', async () => {
    await node('map').click();
    const editor = field('/config/mapping').locator('.monaco-editor');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.type('{"healthy": $nodes.');
    await expectText(page.locator('.suggest-widget'), 'httpRequest');
    await page.keyboard.press('Escape');
    await page.keyboard.type('httpRequest.out.body.ok, "status": status}');
    await expectCount(node('map').getByTestId('node-problem'), 0);
    await screenshot(page, '03-expression');
  });

  it('undoes and redoes edits', async () => {
    await page.locator('.react-flow__pane').click({ position: { x: 600, y: 500 } });
    await page.locator('#jx-flow-name').fill('Health check');
    await page.locator('.react-flow__pane').click({ position: { x: 600, y: 500 } });
    await expectText(page.getByTestId('flow-name'), 'Health check');
    await page.keyboard.press('Control+z');
    await expectText(page.getByTestId('flow-name'), 'New flow');
    await page.keyboard.press('Control+Shift+z');
    await expectText(page.getByTestId('flow-name'), 'Health check');
  });

  it('duplicates a selection with its internal connection, then deletes the copies', async () => {
    await node('httpRequest').click();
    await node('map').click({ modifiers: ['Shift'] });
    await page.locator('.react-flow__pane').hover();
    await page.keyboard.press('Control+d');
    await expectCount(page.locator('.react-flow__node-flow'), 5);
    await expectCount(page.locator('.react-flow__edge'), 3);
    await screenshot(page, '03b-duplicated');
    await page.keyboard.press('Delete');
    await expectCount(page.locator('.react-flow__node-flow'), 3);
    await expectCount(page.locator('.react-flow__edge'), 2);
  });

  it('exports and re-imports the same bytes', async () => {
    await page.getByTestId('import-export').click();
    const first = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-download').click(),
    ]);
    const bytes = readFileSync((await first[0].path())!, 'utf8');
    expect(JSON.parse(bytes)).toMatchObject({ id: 'e2e-health', name: 'Health check' });
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'flow.json', mimeType: 'application/json', buffer: Buffer.from(bytes) });
    await expectCount(page.getByRole('dialog'), 0);
    await page.getByTestId('import-export').click();
    const second = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-download').click(),
    ]);
    expect(readFileSync((await second[0].path())!, 'utf8')).toBe(bytes);
    await page.keyboard.press('Escape');
  });

  it('saves the flow to the server', async () => {
    await page.getByTestId('save').click();
    await expectText(page.getByTestId('notice'), 'Saved');
    const response = await fetch(`${stack.url}/api/flows/e2e-health`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect((await response.json()).flow.nodes).toHaveLength(3);
  });

  it('runs the flow and shows a node output', async () => {
    await page.getByTestId('test-run').click();
    await expect
      .poll(
        () =>
          node('map')
            .locator('[data-status]')
            .getAttribute('data-status')
            .catch(() => null),
        { timeout: 15_000 },
      )
      .toBe('succeeded');
    await page.getByTestId('run-steps').locator('button', { hasText: 'map' }).click();
    const detail = page.getByTestId('run-detail');
    await expectText(detail, 'healthy');
    await expectText(detail, 'true');
    await expectText(detail, '200');
    await screenshot(page, '04-test-run');
  });

  it('lists the run in the history, shows metrics, and versions and deploys the flow', async () => {
    await page.locator('.jx-tool', { hasText: 'Runs' }).click();
    const dialog = page.getByRole('dialog');
    await expectText(dialog, 'e2e-health');
    await dialog.getByRole('tab', { name: 'Run history' }).click();
    await expectText(dialog, 'succeeded');
    await dialog.getByRole('tab', { name: 'Metrics' }).click();
    await expectText(dialog, 'Callbacks');
    await screenshot(page, '05-metrics');
    await dialog.getByRole('tab', { name: 'Versions & deploy' }).click();
    await dialog.getByRole('button', { name: 'Create version from saved flow' }).click();
    await dialog.getByRole('button', { name: 'Deploy' }).first().click();
    await expectText(dialog, 'Deployed: v1');
    await screenshot(page, '06-versions');
    await page.keyboard.press('Escape');
    const response = await fetch(`${stack.url}/api/flows/e2e-health`, {
      headers: { authorization: `Bearer ${stack.token}` },
    });
    expect((await response.json()).deployment).toMatchObject({ version: 1 });
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
