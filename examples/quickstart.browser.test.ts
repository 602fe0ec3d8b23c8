// The quick start as a newcomer lives it: start Junction the way the README says, open the printed
// editor URL in Chromium, see the example flow on the canvas, test-run it with a webhook-shaped
// input, and see the run succeed (the sandbox's callback resumes the waiting run).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type CspViolation,
  launchChromium,
  recordCspViolations,
  screenshot,
} from '../packages/editor/test/support/browser.ts';
import { type QuickstartProcess, startQuickstart } from './quickstart/start-junction-process.ts';

type Browser = Awaited<ReturnType<typeof launchChromium>>;
type Page = Awaited<ReturnType<Browser['newPage']>>;

let junction: QuickstartProcess | undefined;
let browser: Browser | undefined;
let page: Page;
const pageErrors: string[] = [];
let cspViolations: CspViolation[] = [];

beforeAll(async () => {
  junction = await startQuickstart();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(10_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  cspViolations = await recordCspViolations(page);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await junction?.stop();
});

describe('quick start in the browser', () => {
  it('opens the printed editor URL with order-card on the canvas', async () => {
    await page.goto(junction!.editorUrl);
    await page.locator('[data-testid="node-awaitCallback"]').waitFor();
    await expect.poll(() => page.locator('.react-flow__node-flow').count()).toBeGreaterThan(10);
    expect(await page.getByTestId('flow-name').textContent()).toMatch(/order/i);
    expect(page.url()).toContain('flow=order-card');
    // The printed URL's token is kept in the tab and gone from the address bar.
    expect(page.url()).not.toContain('token=');
    expect(await page.evaluate('sessionStorage.getItem("junction.token")')).toMatch(/^jx_/);
    await screenshot(page, 'quickstart-1-flow');
  });

  it('test-runs the flow with a webhook-shaped input and shows a success', async () => {
    await page.getByRole('tab', { name: 'Test input' }).click();
    const order = `QS${Date.now()}`;
    const input = { body: { product_id: '10000001', buy_num: 1, customer_order_no: order } };
    await page.locator('.jx-run-panel textarea').fill(JSON.stringify(input, null, 2));
    await page.getByTestId('test-run').click();
    // The run waits for the sandbox's callback (~1 s at the quick start's time factor), then delivers.
    await expect
      .poll(() => page.getByRole('tab', { name: /^Test run/ }).textContent(), { timeout: 30_000 })
      .toBe('Test run · succeeded');
    await page.locator('[data-testid="node-deliver"].status-succeeded').waitFor();
    await page.locator('[data-testid="node-deliver"]').click();
    const detail = page.getByTestId('run-detail');
    await expect.poll(() => detail.textContent()).toContain(order);
    await screenshot(page, 'quickstart-2-succeeded');
    expect(pageErrors).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
