// @vitest-environment node
// Issue 16 item 3: the Tests panel. A test run is saved as a test with one click, the tests pass
// against the open document, an edit of a mapped value makes the case fail, and the failure shows
// on the canvas at the nodes it names (a click on the failure selects the node).
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const FLOW = {
  schemaVersion: 1,
  id: 'e2e-flow-tests',
  name: 'Order size',
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      typeVersion: 1,
      position: { x: 0, y: 120 },
      config: { method: 'POST', path: 'order-size', responseMode: 'onFinish' },
    },
    {
      id: 'price',
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 300, y: 120 },
      config: { mapping: '=body.qty * 10' },
    },
    {
      id: 'check',
      type: 'flow.if',
      typeVersion: 1,
      position: { x: 600, y: 120 },
      config: { condition: '=$ > 50' },
    },
    {
      id: 'big',
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 900, y: 40 },
      config: { mapping: '={"size": "big", "total": $}' },
    },
    {
      id: 'small',
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 900, y: 220 },
      config: { mapping: '={"size": "small", "total": $}' },
    },
  ],
  edges: [
    { id: 'e1', source: { node: 'hook', port: 'out' }, target: { node: 'price', port: 'in' } },
    { id: 'e2', source: { node: 'price', port: 'out' }, target: { node: 'check', port: 'in' } },
    { id: 'e3', source: { node: 'check', port: 'true' }, target: { node: 'big', port: 'in' } },
    { id: 'e4', source: { node: 'check', port: 'false' }, target: { node: 'small', port: 'in' } },
  ],
};

const node = (id: string) => page.locator(`[data-testid="node-${id}"]`);
const cases = () => page.getByTestId('tests-panel').getByTestId('test-case');

async function expectText(locator: Locator, text: string, timeout = 15_000): Promise<void> {
  await expect.poll(() => locator.textContent().catch(() => ''), { timeout }).toContain(text);
}

beforeAll(async () => {
  stack = await startStack();
  const saved = await fetch(`${stack.url}/api/flows/${FLOW.id}`, {
    method: 'PUT',
    body: JSON.stringify(FLOW),
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
  });
  if (!saved.ok) throw new Error(`Saving the fixture flow failed: ${await saved.text()}`);
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  // Generous waits: the machine may be busy; nothing here asserts a duration.
  page.setDefaultTimeout(15_000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${stack.url}/?flow=${FLOW.id}#token=${stack.token}`);
  await node('price').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('the Tests panel', { timeout: 90_000 }, () => {
  it('starts with no cases and says how to make one', async () => {
    await page.getByRole('tab', { name: 'Tests' }).click();
    await expectText(page.getByTestId('tests-panel'), 'Save as test');
    expect(await cases().count()).toBe(0);
  });

  it('saves a test run as a test case, named as asked, and shows it in the panel', async () => {
    await page.getByRole('tab', { name: 'Test input' }).click();
    await page
      .getByTestId('test-input')
      .locator('textarea')
      .fill(JSON.stringify({ qty: 10 }));
    await page.getByTestId('test-run').click();
    await expectText(page.getByRole('tab', { name: /Test run/ }), 'succeeded', 30_000);
    await page.getByTestId('save-as-test-button').click();
    const name = page.getByTestId('save-as-test-name');
    await name.waitFor();
    expect(await name.inputValue()).toMatch(/^from run /);
    await name.fill('ten items are a big order');
    await page.getByTestId('save-as-test-save').click();
    await expect.poll(() => cases().count(), { timeout: 15_000 }).toBe(1);
    await expectText(cases().first(), 'ten items are a big order');
    await expectText(cases().first().getByTestId('test-case-verdict'), 'not run');

    const stored = (await (
      await fetch(`${stack.url}/api/flows/${FLOW.id}/tests`, {
        headers: { authorization: `Bearer ${stack.token}` },
      })
    ).json()) as { tests: { cases: Array<{ name: string; expect: { ran?: string[] } }> } };
    expect(stored.tests.cases.map((c) => c.name)).toEqual(['ten items are a big order']);
    expect(stored.tests.cases[0]?.expect.ran).toContain('big');
  });

  it('runs the tests against the open flow: the case passes', async () => {
    await page.getByTestId('run-all-tests').click();
    await expect.poll(() => cases().first().getAttribute('data-verdict'), { timeout: 30_000 }).toBe('passed');
    await expectText(page.getByTestId('tests-summary'), 'passed');
    expect(await page.getByTestId('node-test-failed').count()).toBe(0);
    await screenshot(page, 'flow-tests-01-passed');
  });

  it('fails after a mapped value is edited (unsaved), and marks the nodes on the canvas', async () => {
    await node('price').click();
    const editor = page.locator('.jx-inspector [data-pointer="/config/mapping"] .monaco-editor');
    await editor.waitFor();
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('body.qty * 1');
    // The edit is in the open document only: the tests run against it unsaved.
    await page.locator('[data-testid="save-state"].is-dirty').waitFor();
    await page.getByRole('tab', { name: 'Tests' }).click();
    await page.getByTestId('run-all-tests').click();
    await expect.poll(() => cases().first().getAttribute('data-verdict'), { timeout: 30_000 }).toBe('failed');
    await expectText(cases().first(), 'big did not run');
    // The nodes the failures name carry the failed-test marker; the others do not.
    await node('big').getByTestId('node-test-failed').waitFor();
    await node('small').getByTestId('node-test-failed').waitFor();
    expect(await node('price').getByTestId('node-test-failed').count()).toBe(0);
    expect(await node('big').getByTestId('node-test-failed').getAttribute('title')).toContain(
      'ten items are a big order',
    );
    await screenshot(page, 'flow-tests-02-failed-on-canvas');

    // A failure about a node selects it.
    await page.locator('.react-flow__pane').click({ position: { x: 200, y: 500 } });
    await page.getByTestId('test-failure-big').first().click();
    await expect.poll(() => node('big').getAttribute('class'), { timeout: 15_000 }).toContain('is-selected');
  });

  it('saves a real run from the run history as a second case; with the edit undone both pass and the markers go', async () => {
    const api = (path: string, body?: unknown) =>
      fetch(`${stack.url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        ...(body !== undefined && { body: JSON.stringify(body) }),
        headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
      });
    expect((await api(`/api/flows/${FLOW.id}/versions`, { note: 'live' })).ok).toBe(true);
    expect((await api(`/api/flows/${FLOW.id}/deploy`, { version: 1 })).ok).toBe(true);
    const hook = await fetch(`${stack.url}/hooks/order-size`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ qty: 2 }),
    });
    expect(hook.status).toBe(200);
    const { runs } = (await (await api(`/api/runs?flowId=${FLOW.id}`)).json()) as {
      runs: Array<{ id: string; test?: boolean }>;
    };
    const real = runs.find((r) => !r.test);
    expect(real).toBeDefined();

    await page.getByRole('button', { name: '☰ Runs' }).click();
    await page.getByRole('tab', { name: 'Run history' }).click();
    await page.getByTestId(`history-run-${real?.id}`).click();
    const detail = page.getByTestId('history-run-detail');
    await detail.getByTestId('save-as-test-button').click();
    await detail.getByTestId('save-as-test-name').fill('two items are a small order');
    await detail.getByTestId('save-as-test-save').click();
    await expect.poll(() => detail.getByTestId('save-as-test-name').count(), { timeout: 15_000 }).toBe(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.jx-dialog').count(), { timeout: 15_000 }).toBe(0);

    await expect.poll(() => cases().count(), { timeout: 15_000 }).toBe(2);
    await expectText(cases().nth(1), 'two items are a small order');
    await expectText(cases().nth(1).getByTestId('test-case-verdict'), 'not run');

    // The edited mapping doubles as a wrong total for two items too; undone, the flow is right again.
    await page.locator('.react-flow__pane').click({ position: { x: 200, y: 500 } });
    await page.keyboard.press('ControlOrMeta+z');
    await expect
      .poll(() => page.locator('[data-testid="save-state"].is-dirty').count(), { timeout: 15_000 })
      .toBe(0);
    await page.getByTestId('run-all-tests').click();
    await expect.poll(() => cases().nth(1).getAttribute('data-verdict'), { timeout: 30_000 }).toBe('passed');
    expect(await cases().first().getAttribute('data-verdict')).toBe('passed');
    await expectText(page.getByTestId('tests-summary'), 'All 2 passed');
    expect(await page.getByTestId('node-test-failed').count()).toBe(0);
    await screenshot(page, 'flow-tests-03-two-cases');
    expect(pageErrors).toEqual([]);
  });
});

describe('the Tests panel and the problem list in Chinese', { timeout: 90_000 }, () => {
  it('shows the cases and their results in zh-CN, and a broken expression as a Chinese problem sentence', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, locale: 'zh-CN' });
    const zh = await context.newPage();
    zh.setDefaultTimeout(15_000);
    zh.on('pageerror', (error) => pageErrors.push(error.message));
    await zh.goto(`${stack.url}/?flow=${FLOW.id}#token=${stack.token}`);
    const zhNode = (id: string) => zh.locator(`[data-testid="node-${id}"]`);
    await zhNode('price').waitFor();
    await zh.getByRole('tab', { name: '测试用例' }).click();
    const zhCases = zh.getByTestId('tests-panel').getByTestId('test-case');
    await expect.poll(() => zhCases.count(), { timeout: 15_000 }).toBe(2);
    await zh.getByTestId('run-all-tests').click();
    await expect
      .poll(
        () =>
          zh
            .getByTestId('tests-summary')
            .textContent()
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('全部 2 个通过');
    expect(await zhCases.first().getByTestId('test-case-verdict').textContent()).toBe('通过');

    // An expression that does not parse: the problem reads in Chinese, the parser's words quoted.
    await zhNode('price').click();
    const editor = zh.locator('.jx-inspector [data-pointer="/config/mapping"] .monaco-editor');
    await editor.waitFor();
    await editor.click();
    await zh.keyboard.press('ControlOrMeta+a');
    await zh.keyboard.type('body.qty *');
    await zh.getByRole('tab', { name: /^问题/ }).click();
    const problem = zh.getByTestId('problem-list').locator('.jx-problem-message').first();
    await expect
      .poll(() => problem.textContent().catch(() => ''), { timeout: 15_000 })
      .toMatch(/^节点 price：配置字段 mapping 中的表达式在第 \d+ 个字符处无法解析（JSONata：“.+”）。$/);
    await screenshot(zh, 'flow-tests-04-zh-CN-problem');
    await context.close();
    expect(pageErrors).toEqual([]);
  });
});
