// @vitest-environment node
// Issue 17: a canary deployed from the Versions tab splits live webhook traffic by its routing key,
// and the metrics tab draws that traffic as charts (uPlot canvases with data).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CspViolation, launchChromium, recordCspViolations, screenshot } from '../support/browser.ts';
import { type Stack, startStack } from '../support/start-stack.ts';

let stack: Stack;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
let cspViolations: CspViolation[] = [];

const api = (path: string, init: RequestInit = {}) =>
  fetch(`${stack.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' },
  });

const FLOW = {
  schemaVersion: 1,
  id: 'e2e-canary',
  name: 'Canary split',
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      typeVersion: 1,
      position: { x: 0, y: 120 },
      config: { method: 'POST', path: 'canary-split', responseMode: 'onFinish' },
    },
    {
      id: 'shape',
      type: 'transform.map',
      typeVersion: 1,
      position: { x: 320, y: 120 },
      config: { mapping: { customer: '=body.customer_id', version: '=$run.flowVersion' } },
    },
  ],
  edges: [{ id: 'e1', source: { node: 'hook', port: 'out' }, target: { node: 'shape', port: 'in' } }],
};

async function runsOf(version: number): Promise<number> {
  const response = await api(`/api/runs?flowId=${FLOW.id}&version=${version}&limit=500`);
  return ((await response.json()) as { runs: unknown[] }).runs.length;
}

beforeAll(async () => {
  stack = await startStack();
  const saved = await api(`/api/flows/${FLOW.id}`, { method: 'PUT', body: JSON.stringify(FLOW) });
  if (!saved.ok) throw new Error(`Saving the fixture flow failed: ${await saved.text()}`);
  // Two versions of the same document: which one ran is recorded as the run's flowVersion.
  for (const note of ['main', 'canary']) {
    const created = await api(`/api/flows/${FLOW.id}/versions`, {
      method: 'POST',
      body: JSON.stringify({ note }),
    });
    if (!created.ok) throw new Error(`Creating a version failed: ${await created.text()}`);
  }
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.setDefaultTimeout(5000);
  page.on('pageerror', (error) => pageErrors.push(error.message));
  cspViolations = await recordCspViolations(page);
  await page.goto(`${stack.url}/?flow=${FLOW.id}#token=${stack.token}`);
  await page.locator('[data-testid="node-shape"]').waitFor();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe('Versions tab canary and metrics charts', () => {
  it('deploys a 50 % canary keyed by the payload from the form, and traffic splits between both versions', async () => {
    await page.getByRole('button', { name: '☰ Runs' }).click();
    await page.getByRole('tab', { name: 'Versions & deploy' }).click();
    const deployV1 = page.getByRole('row', { name: /^v1\b/ }).getByRole('button', { name: 'Deploy' });
    await deployV1.waitFor();
    await page.getByLabel('Canary version').fill('2');
    await page.getByLabel('Canary percent').fill('50');

    // A key that does not parse is shown at the field and nothing can be deployed.
    await page.getByLabel('Canary routing key').fill('=body.(');
    await expect
      .poll(() => page.getByTestId('canary-routingKey-error').textContent())
      .toContain('JX_EXPRESSION_SYNTAX');
    expect(await deployV1.isDisabled()).toBe(true);
    await screenshot(page, '20-canary-form-error');

    await page.getByLabel('Canary routing key').fill('=body.customer_id');
    await expect.poll(() => page.getByTestId('canary-routingKey-error').count()).toBe(0);
    await deployV1.click();
    await expect
      .poll(() => page.getByTestId('deployment').textContent())
      .toContain('canary v2 at 50% by =body.customer_id');
    await screenshot(page, '21-canary-deployed');

    const deployment = (await (await api(`/api/flows/${FLOW.id}`)).json()) as {
      deployment: { canary?: Record<string, unknown> };
    };
    expect(deployment.deployment.canary).toEqual({
      version: 2,
      percent: 50,
      routingKey: '=body.customer_id',
    });

    const versions: number[] = [];
    for (let i = 0; i < 40; i += 1) {
      const response = await fetch(`${stack.url}/hooks/canary-split`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ customer_id: `customer-${i}` }),
      });
      expect(response.status).toBe(200);
      versions.push(((await response.json()) as { version: number }).version);
    }
    const [main, canary] = [await runsOf(1), await runsOf(2)];
    expect(main + canary).toBe(40);
    // 40 different keys at 50 %: both sides get traffic (the old form sent the key as `match`: 0 canary runs).
    expect(canary).toBeGreaterThanOrEqual(8);
    expect(main).toBeGreaterThanOrEqual(8);
    expect(versions.filter((v) => v === 2)).toHaveLength(canary);

    // Same key → same version, every time.
    const again = await fetch(`${stack.url}/hooks/canary-split`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ customer_id: 'customer-0' }),
    });
    expect(((await again.json()) as { version: number }).version).toBe(versions[0]);
  });

  it('opens the metrics tab and draws the runs as charts, canary next to main', async () => {
    await page.getByRole('tab', { name: 'Metrics' }).click();
    const charts = page.getByTestId('metrics-charts');
    await charts.waitFor();
    for (const id of ['runs', 'calls', 'latency']) {
      const chart = page.getByTestId(`chart-${id}`);
      await expect.poll(() => chart.getAttribute('data-points'), { timeout: 10_000 }).not.toBe('0');
      await chart.locator('canvas').waitFor();
    }
    const legend = await page.getByTestId('chart-runs').locator('.u-legend').textContent();
    expect(legend).toContain('v1 main runs');
    expect(legend).toContain('v2 canary runs');
    // The canvas really has a line on it, not only axes: some pixels in the series colours.
    const coloured = await page
      .getByTestId('chart-runs')
      .locator('canvas')
      .evaluate((canvas: HTMLCanvasElement) => {
        const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        let n = 0;
        for (let i = 0; i < data.length; i += 4) {
          const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
          // Main blue (#2f6fde) or canary orange (#e07a16), loosely.
          if (a > 200 && ((b > 180 && r < 90) || (r > 200 && g > 90 && g < 150 && b < 60))) n += 1;
        }
        return n;
      });
    expect(coloured).toBeGreaterThan(20);
    const table = await page.locator('.jx-metrics table.jx-table').first().textContent();
    expect(table).toContain('p99 5m');
    await screenshot(page, '22-metrics-charts');
    // The CSP refusal once seen here was ajv compiling schemas with `new Function` in the page; the
    // editor now installs the server's compiled validators and the page runs without 'unsafe-eval'.
    expect(pageErrors, pageErrors.join(' | ')).toEqual([]);
    expect(cspViolations).toEqual([]);
  });
});
