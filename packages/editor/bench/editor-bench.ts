// `pnpm bench` for the editor (not a test): opens generated flows in headless Chromium against the real
// server and reports time to interactive, with a 10-node flow as the same-run baseline, and the size
// of the initial JavaScript (lazy chunks such as Monaco and elkjs excluded). Prints a markdown table.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../test/support/browser.ts';
import { DIST_DIR, startStack } from '../test/support/start-stack.ts';
import { generateFlow } from './generate-flow.ts';

const OPEN_BUDGET_MS = 1500;
const JS_BUDGET_BYTES = 400 * 1024;
const RUNS = 3;

function build(): void {
  const root = join(import.meta.dirname, '..');
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    },
  );
}

/** Gzip size of the scripts index.html loads up front (entry and modulepreloads); dynamic imports are lazy. */
function initialJsBytes(): { files: string[]; gzip: number } {
  const html = readFileSync(join(DIST_DIR, 'index.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  const gzip = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(DIST_DIR, file))).length, 0);
  return { files, gzip };
}

/**
 * Runs in the page (as source text: tsx's name helpers do not exist there). Resolves with times since
 * navigation start: when the flow's nodes are on screen, and when a click on a node has selected it and
 * the inspector shows it.
 */
const MEASURE_OPEN = `(count) => new Promise((resolve, reject) => {
  const deadline = performance.now() + 30000;
  const frame = (check, then) => {
    const tick = () => {
      if (check()) then();
      else if (performance.now() > deadline) reject(new Error('The flow did not open within 30 s.'));
      else requestAnimationFrame(tick);
    };
    tick();
  };
  const loaded = () => window.junction?.store.getState().document.nodes.length === count
    && document.querySelectorAll('.react-flow__node-flow').length > 0;
  frame(loaded, () => {
    const rendered = performance.now();
    const nodes = document.querySelectorAll('.react-flow__node-flow');
    const target = nodes[nodes.length - 1];
    const id = target.dataset.id || '';
    target.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    frame(() => (document.querySelector('.jx-inspector-head')?.textContent || '').includes(id),
      () => resolve({ rendered, interactive: performance.now(), nodes: nodes.length }));
  });
})`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  if (!process.env.BENCH_NO_BUILD || !existsSync(join(DIST_DIR, 'index.html'))) build();
  const stack = await startStack();
  const browser = await launchChromium();
  const rows: string[] = [];
  try {
    const headers = { authorization: `Bearer ${stack.token}`, 'content-type': 'application/json' };
    const open = async (size: number): Promise<{ rendered: number; interactive: number; nodes: number }> => {
      const flow = generateFlow(size);
      const saved = await fetch(`${stack.url}/api/flows/${flow.id}`, {
        method: 'PUT',
        headers,
        body: JSON.stringify(flow),
      });
      if (!saved.ok)
        throw new Error(`Saving the ${size}-node flow failed: ${saved.status} ${await saved.text()}`);
      const samples: Array<{ rendered: number; interactive: number; nodes: number }> = [];
      for (let run = 0; run < RUNS; run++) {
        const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
        await page.addInitScript((token) => localStorage.setItem('junction.token', token), stack.token);
        await page.goto(`${stack.url}/?flow=${flow.id}`, { waitUntil: 'commit' });
        // Timed inside the page against navigation start, so Playwright's round trips do not count.
        const timing = (await page.evaluate(`(${MEASURE_OPEN})(${size})`)) as {
          rendered: number;
          interactive: number;
          nodes: number;
        };
        const { nodes } = timing;
        const rendered = Math.round(timing.rendered);
        const interactive = Math.round(timing.interactive);
        samples.push({ rendered, interactive, nodes });
        await page.close();
      }
      return {
        rendered: median(samples.map((s) => s.rendered)),
        interactive: median(samples.map((s) => s.interactive)),
        nodes: samples[0]!.nodes,
      };
    };
    const baseline = await open(10);
    const large = await open(1000);
    const js = initialJsBytes();
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    rows.push('| Measure | Value | Baseline (10 nodes) | Ratio | Budget | Verdict |');
    rows.push('| --- | --- | --- | --- | --- | --- |');
    rows.push(
      `| 1,000-node flow: first nodes on screen | ${large.rendered} ms | ${baseline.rendered} ms | ${(large.rendered / baseline.rendered).toFixed(2)}× | — | — |`,
    );
    rows.push(
      `| 1,000-node flow: open → node selected in inspector | ${large.interactive} ms | ${baseline.interactive} ms | ${(large.interactive / baseline.interactive).toFixed(2)}× | < ${OPEN_BUDGET_MS} ms | ${large.interactive < OPEN_BUDGET_MS ? 'pass' : 'FAIL'} |`,
    );
    rows.push(`| Node elements in the DOM (visible only) | ${large.nodes} | ${baseline.nodes} | — | — | — |`);
    rows.push(
      `| Initial JS, gzip (Monaco, elkjs lazy) | ${kb(js.gzip)} (${js.files.length} files) | — | — | < ${kb(JS_BUDGET_BYTES)} | ${js.gzip < JS_BUDGET_BYTES ? 'pass' : 'FAIL'} |`,
    );
  } finally {
    await browser.close();
    await stack.close();
  }
  console.log(`\n## Editor benchmark (median of ${RUNS} runs, headless Chromium)\n`);
  console.log(rows.join('\n'));
}

await main();
