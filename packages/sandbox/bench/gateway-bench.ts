// `pnpm --filter @junction/sandbox bench`: signed goods.info.get throughput of the sandbox on one core,
// next to a hand-written node:http baseline measured in the same run. Target: ≥ 5,000 req/s.
// Not a test: numbers depend on the machine; the ratio to the baseline is the figure that travels.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { JunctionError } from '@junction/runtime';
import autocannon from 'autocannon';
import { buildGatewayRequest, DEFAULT_APP_KEY, DEFAULT_APP_SECRET } from '../src/index.ts';

const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const TARGET_RPS = 5000;
const serverScript = fileURLToPath(new URL('./bench-server.ts', import.meta.url));
// Pin each server to one core when taskset exists, so "one core" is what is measured.
const pin = spawnSync('taskset', ['--version']).status === 0;

async function startServer(kind: 'sandbox' | 'baseline'): Promise<{ url: string; child: ChildProcess }> {
  const node = [process.execPath, '--conditions=development', '--import', 'tsx', serverScript, kind];
  const [command, ...args] = pin ? ['taskset', '-c', '0', ...node] : node;
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  return { url: chunk.toString().trim(), child };
}

async function measure(kind: 'sandbox' | 'baseline') {
  const { url, child } = await startServer(kind);
  try {
    // The timestamp is valid for ±5 minutes, so one signed body serves the whole run.
    const body = JSON.stringify(
      buildGatewayRequest({ appKey: DEFAULT_APP_KEY, appSecret: DEFAULT_APP_SECRET }, 'goods.info.get', {
        product_id: '10000001',
      }),
    );
    const probe = (await (await fetch(url, { method: 'POST', body })).json()) as { code: number };
    if (probe.code !== 0) {
      throw new JunctionError(
        'JX_SANDBOX_BENCH',
        `The bench request was refused with code ${probe.code}; check the signing helpers.`,
      );
    }
    const result = await autocannon({
      url,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      connections: CONNECTIONS,
      duration: DURATION_S,
    });
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors + result.timeouts + result.non2xx,
    };
  } finally {
    child.kill('SIGTERM');
  }
}

const baseline = await measure('baseline');
const sandbox = await measure('sandbox');
const row = (name: string, r: typeof sandbox) =>
  `| ${name} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.errors} |`;
console.log(
  [
    `### Sandbox gateway: signed goods.info.get (${CONNECTIONS} connections, ${DURATION_S} s${pin ? ', pinned to one core' : ''})`,
    '',
    '| server | req/s | p50 ms | p99 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: |',
    row('node:http baseline (parse + fixed answer)', baseline),
    row('sandbox (verify, look up, sign)', sandbox),
    '',
    `Ratio to baseline: ${(sandbox.rps / baseline.rps).toFixed(2)}. Target ≥ ${TARGET_RPS} req/s: ${
      sandbox.rps >= TARGET_RPS ? 'met' : 'NOT met'
    }.`,
  ].join('\n'),
);
