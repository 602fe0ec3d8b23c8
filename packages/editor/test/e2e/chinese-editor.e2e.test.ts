// @vitest-environment node
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const pageErrors: string[] = [];

async function expectText(locator: Locator, text: string, timeout = 8000): Promise<void> {
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

async function nodeIds(): Promise<string[]> {
  return page
    .locator('.react-flow__node-flow [data-testid^="node-"]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')!.slice('node-'.length)));
}

async function setTheme(theme: 'light' | 'dark'): Promise<void> {
  const current = await page.locator('.jx-app').getAttribute('data-theme');
  if (current !== theme) await page.getByTestId('theme').click();
  await expect.poll(() => page.locator('.jx-app').getAttribute('data-theme')).toBe(theme);
}

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
  // A browser set to Chinese, as a merchant's is: the editor must open in zh-CN without being told.
  context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
  page = await context.newPage();
  page.setDefaultTimeout(8000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${stack.url}/?flow=e2e-zh#token=${stack.token}`);
  await page.locator('[data-testid="palette-trigger.manual"]').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the editor in Chinese', () => {
  it('opens in zh-CN from the browser language: toolbar, palette and node types in Chinese', async () => {
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expectText(page.getByTestId('save'), '保存');
    await expectText(page.getByTestId('test-run'), '测试运行');
    await expectText(page.getByTestId('palette-trigger.manual'), '手动触发');
    await expectText(page.getByTestId('palette-cardPlatform.createCardOrder'), '卡券平台：购买卡密');
  });

  it('builds a flow by drag and drop and test-runs it, reading Chinese on the way', async () => {
    await page.dragAndDrop('[data-testid="palette-trigger.manual"]', '[data-testid="canvas"]', {
      targetPosition: { x: 160, y: 220 },
    });
    await page.dragAndDrop('[data-testid="palette-debug.log"]', '[data-testid="canvas"]', {
      targetPosition: { x: 460, y: 220 },
    });
    await expect.poll(() => page.locator('.react-flow__node-flow').count()).toBe(2);
    const [trigger, log] = await nodeIds();
    const from = (await page
      .locator(`[data-testid="node-${trigger}"] .react-flow__handle.source`)
      .first()
      .boundingBox())!;
    const to = (await page
      .locator(`[data-testid="node-${log}"] .react-flow__handle.target`)
      .first()
      .boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + 2, to.y + 2, { steps: 8 });
    await page.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 4 });
    await page.mouse.up();
    await expect.poll(() => page.locator('.react-flow__edge').count()).toBe(1);

    // The inspector of the log node shows the translated field titles from GET /api/node-types.
    await page.locator(`[data-testid="node-${log}"]`).click();
    await expectText(page.locator('.jx-inspector'), '级别');
    await expectText(page.locator('.jx-inspector'), '失败时重试');

    await page.getByTestId('test-run').click();
    await expect
      .poll(
        () =>
          page
            .locator(`[data-testid="node-${log}"] [data-status]`)
            .getAttribute('data-status')
            .catch(() => null),
        { timeout: 15_000 },
      )
      .toBe('succeeded');
    await setTheme('light');
    await screenshot(page, 'zh-CN-light');
    await setTheme('dark');
    await screenshot(page, 'zh-CN-dark');
  });

  it('switches to English in the toolbar, and remembers the choice after a reload', async () => {
    await page.getByTestId('language').selectOption('en');
    await expectText(page.getByTestId('save'), 'Save');
    await expectText(page.getByTestId('palette-trigger.manual'), 'Manual trigger');
    await setTheme('light');
    await screenshot(page, 'en-light');
    await setTheme('dark');
    await screenshot(page, 'en-dark');
    await page.reload();
    await page.locator('[data-testid="palette-trigger.manual"]').waitFor();
    await expectText(page.getByTestId('save'), 'Save');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByTestId('language').selectOption('zh-CN');
    await expectText(page.getByTestId('save'), '保存');
    expect(pageErrors).toEqual([]);
  });
});
