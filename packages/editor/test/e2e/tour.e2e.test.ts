// @vitest-environment node
// A tour of the editor as a newcomer takes it: palette search and double-click, auto-layout as one
// undo step, sticky notes, an enum with labels, clipboard export → import, resizing a panel, the
// shortcuts help, the dark theme (remembered), and not one request leaving the server's origin.
// Its screenshots are test-artifacts/tour-*.png.
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHORTCUTS } from '../../src/app/shortcuts.ts';
import { type CspViolation, launchChromium, recordCspViolations, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];
const requests: string[] = [];
let cspViolations: CspViolation[] = [];

const FLOW_ID = 'e2e-tour';
const node = (id: string) => page.locator(`[data-testid="node-${id}"]`);
const handle = (id: string, kind: 'source' | 'target', port: string) =>
  node(id).locator(`.react-flow__handle.${kind}[data-handleid="${port}"]`);
const field = (pointer: string) => page.locator(`.jx-inspector [data-pointer="${pointer}"]`);
const note = () => page.locator('.react-flow__node-note');
const pane = () => page.locator('.react-flow__pane');

async function expectText(locator: Locator, text: string, timeout = 5000): Promise<void> {
  await expect.poll(() => locator.textContent().catch(() => ''), { timeout }).toContain(text);
}

/** Every node's canvas position (React Flow's transform), keyed by its data-id. */
function positions(): Promise<Record<string, string>> {
  return page
    .locator('.react-flow__node')
    .evaluateAll((nodes) =>
      Object.fromEntries(nodes.map((n) => [n.getAttribute('data-id'), (n as HTMLElement).style.transform])),
    );
}

async function dragBy(locator: Locator, dx: number, dy: number): Promise<void> {
  const box = (await locator.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(box.height / 2, 20);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 5 });
  await page.mouse.move(x + dx, y + dy, { steps: 5 });
  await page.mouse.up();
}

async function connect(from: string, to: string): Promise<void> {
  const a = (await handle(from, 'source', 'out').boundingBox())!;
  const b = (await handle(to, 'target', 'in').boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move(b.x + 2, b.y + 2, { steps: 8 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
}

/** The document as "Copy to clipboard" exports it. */
async function copyExport(): Promise<string> {
  await page.getByTestId('import-export').click();
  await page.getByRole('button', { name: 'Copy to clipboard' }).click();
  await expectText(page.getByTestId('notice'), 'copied');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  return text;
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: stack.url });
  page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', (request) => requests.push(request.url()));
  cspViolations = await recordCspViolations(page);
  await page.goto(`${stack.url}/?flow=${FLOW_ID}#token=${stack.token}`);
  await page.locator('[data-testid="palette-trigger.manual"]').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('a tour of the editor', () => {
  it('searches the palette and adds nodes by double-click and Enter at the viewport centre', async () => {
    await page.locator('[data-testid="palette-trigger.manual"]').dblclick();
    await node('manualTrigger').waitFor();
    const canvas = (await page.getByTestId('canvas').boundingBox())!;
    const added = (await node('manualTrigger').boundingBox())!;
    expect(Math.abs(added.x + added.width / 2 - (canvas.x + canvas.width / 2))).toBeLessThan(150);
    expect(Math.abs(added.y + added.height / 2 - (canvas.y + canvas.height / 2))).toBeLessThan(150);

    const search = page.getByRole('searchbox', { name: 'Search nodes' });
    const total = await page.locator('.jx-palette-item').count();
    await search.fill('http req');
    await expect.poll(() => page.locator('[data-testid="palette-trigger.manual"]').count()).toBe(0);
    expect(await page.locator('.jx-palette-item').count()).toBeLessThan(total / 2);
    await page.locator('[data-testid="palette-http.request"]').dblclick();
    await search.fill('map');
    await expect.poll(() => page.locator('[data-testid="palette-http.request"]').count()).toBe(0);
    await page.locator('[data-testid="palette-transform.map"]').waitFor();
    await search.press('Enter');
    await expect.poll(() => page.locator('.react-flow__node-flow').count()).toBe(3);
    await search.fill('no such node type');
    await expectText(page.locator('.jx-palette'), 'No node matches.');
    await search.fill('');
    await page.locator('[data-testid="palette-http.request"]').waitFor();
    await screenshot(page, 'tour-1-open');
  });

  it('lays the flow out with the Layout button or Shift+L, each one undo step', async () => {
    // Double-clicked nodes sit close together: spread them out by hand first, as a user would.
    await dragBy(node('manualTrigger'), -260, -120);
    await dragBy(node('map'), 240, 140);
    await connect('manualTrigger', 'httpRequest');
    await connect('httpRequest', 'map');
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(2);
    const before = await positions();
    await page.locator('.jx-tool', { hasText: 'Layout' }).click();
    await expect.poll(positions).not.toEqual(before);
    const laidOut = await positions();
    await screenshot(page, 'tour-3-layout');
    await page.keyboard.press('Control+z');
    await expect.poll(positions).toEqual(before);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(positions).toEqual(laidOut);
    await page.keyboard.press('Control+z');
    await expect.poll(positions).toEqual(before);
    await pane().click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Shift+L');
    await expect.poll(positions).toEqual(laidOut);
    await page.keyboard.press('Control+z');
    await expect.poll(positions).toEqual(before);
    await page.keyboard.press('Shift+L');
    await expect.poll(positions).toEqual(laidOut);
  });

  it('shows enum titles in the form and stores their values', async () => {
    await node('httpRequest').click();
    const select = field('/config/bodyType').locator('select');
    const labels = await select.locator('option').allTextContents();
    expect(labels).toEqual(expect.arrayContaining(['No body', 'Form (URL-encoded)', 'Raw text']));
    expect(labels).not.toContain('form');
    await select.selectOption({ label: 'Form (URL-encoded)' });
    await field('/config/url').locator('input').fill(`${stack.sandboxUrl}/health`);
    await expect
      .poll(() => select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent))
      .toBe('Form (URL-encoded)');
    await screenshot(page, 'tour-2-inspector');
    const exported = JSON.parse(await copyExport());
    await page.keyboard.press('Escape');
    expect(exported.nodes.find((n: { id: string }) => n.id === 'httpRequest').config.bodyType).toBe('form');
  });

  it('adds, edits and moves a sticky note, kept in annotations, each step undoable', async () => {
    await pane().click({ position: { x: 20, y: 20 } });
    await page.locator('.jx-tool', { hasText: 'Note' }).click();
    await expect.poll(() => note().count()).toBe(1);
    await note().dblclick();
    await note().locator('textarea').fill('Ask the supplier about refunds');
    await pane().click({ position: { x: 20, y: 20 } });
    await expectText(note(), 'Ask the supplier about refunds');
    const placed = await note().evaluate((n) => (n as HTMLElement).style.transform);
    await dragBy(note(), 160, 60);
    await expect.poll(() => note().evaluate((n) => (n as HTMLElement).style.transform)).not.toBe(placed);

    const saved = JSON.parse(await copyExport());
    await page.keyboard.press('Escape');
    const [stored] = saved.annotations.notes;
    expect(stored).toMatchObject({ text: 'Ask the supplier about refunds' });

    await page.keyboard.press('Control+z');
    await expect.poll(() => note().evaluate((n) => (n as HTMLElement).style.transform)).toBe(placed);
    await page.keyboard.press('Control+z');
    await expectText(note(), 'Double-click to edit');
    await page.keyboard.press('Control+z');
    await expect.poll(() => note().count()).toBe(0);
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+Shift+z');
    await expectText(note(), 'Ask the supplier about refunds');
    expect(JSON.parse(await copyExport()).annotations.notes).toEqual([stored]);
    await page.keyboard.press('Escape');
  });

  it('exports to the clipboard and imports the same bytes back', async () => {
    const first = await copyExport();
    await page.getByRole('textbox', { name: 'Flow JSON' }).fill(first);
    await page.getByRole('button', { name: 'Import pasted JSON' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    const second = await copyExport();
    await page.keyboard.press('Escape');
    expect(second).toBe(first);
  });

  it('resizes the palette and the inspector by dragging their splitters', async () => {
    const palette = page.locator('.jx-palette');
    const width = (await palette.boundingBox())!.width;
    await dragBy(page.getByRole('separator', { name: 'Resize palette' }), 80, 0);
    await expect.poll(async () => Math.round((await palette.boundingBox())!.width - width)).toBe(80);
    const inspector = page.locator('.jx-inspector');
    const inspectorWidth = (await inspector.boundingBox())!.width;
    await dragBy(page.getByRole('separator', { name: 'Resize inspector' }), -60, 0);
    await expect
      .poll(async () => Math.round((await inspector.boundingBox())!.width - inspectorWidth))
      .toBe(60);
  });

  it('loads Monaco for an expression without a request leaving the server', async () => {
    await page.getByTestId('fit-view').click();
    await node('map').click();
    const editor = field('/config/mapping').locator('.monaco-editor');
    await editor.waitFor({ timeout: 10_000 });
    await editor.click();
    await page.keyboard.type('{"ok": $exists(status)}');
    await expect.poll(() => node('map').getByTestId('node-problem').count()).toBe(0);
    const foreign = requests.filter((url) => !url.startsWith(`${stack.url}/`));
    expect(requests.some((url) => url.includes('/assets/'))).toBe(true);
    expect(foreign).toEqual([]);
  });

  it('switches to the dark theme, lists the shortcuts on ?, and remembers the theme', async () => {
    await page.getByTestId('save').click();
    await expectText(page.getByTestId('notice'), 'Saved');
    await page.getByRole('button', { name: 'Toggle theme' }).click();
    await expect.poll(() => page.locator('.jx-app').getAttribute('data-theme')).toBe('dark');
    await pane().click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('?');
    const dialog = page.getByRole('dialog');
    await expectText(dialog, 'Keyboard shortcuts');
    await expect.poll(() => dialog.locator('tr').count()).toBe(SHORTCUTS.length);
    for (const action of ['Undo', 'Auto-layout', 'Add a sticky note', 'Show this help'])
      await expectText(dialog, action);
    await expectText(dialog, 'Shift+L');
    await screenshot(page, 'tour-4-dark-help');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);

    await page.reload();
    await node('map').waitFor();
    expect(await page.locator('.jx-app').getAttribute('data-theme')).toBe('dark');
    await expectText(page.getByTestId('save-state'), 'Saved');
    await screenshot(page, 'tour-5-server');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });

  it("ran under the server's Content-Security-Policy (no unsafe-eval) without one violation", async () => {
    const response = await page.request.get(`${stack.url}/`);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-eval');
    expect(cspViolations).toEqual([]);
  });
});
