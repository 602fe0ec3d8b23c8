// `pnpm --filter @junction/server bench:startup` (also part of the server's `bench`): how long
// `junction serve` takes from spawn to its first 200 on /api/health — from the TypeScript sources
// through tsx (`node --conditions=development bin/junction.mjs`, how it started before the build,
// and how development still runs) against the compiled build (`node bin/junction.mjs`, what
// `pnpm start` runs). The build is made first (`scripts/build.mjs --no-editor`). Both sides run
// alternately, BENCH_STARTUP_RUNS times each (default 7), each on a fresh data directory; the table
// shows medians and the ratio of the two medians. Nothing here asserts a speed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JunctionError } from '@junction/runtime';

const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = fileURLToPath(new URL('../bin/junction.mjs', import.meta.url));
const outDir = fileURLToPath(new URL('../.bench/', import.meta.url));

const SIDES = [
  { name: 'sources through tsx', args: ['--conditions=development', BIN] },
  { name: 'compiled build (dist/)', args: [BIN] },
] as const;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Milliseconds from spawn to the first 200 on /api/health; the server is stopped afterwards. */
async function startOnce(args: readonly string[]): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-startup-bench-'));
  const started = performance.now();
  // Without NODE_OPTIONS: the side's own arguments decide how the sources are loaded.
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  const child = spawn(
    process.execPath,
    [...args, 'serve', '--port', '0', '--data', dataDir, '--host', '127.0.0.1'],
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const found = /listening on (http:\/\/\S+)/.exec(output);
        if (found) resolve(found[1]!);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.once('exit', (code) =>
        reject(new JunctionError('JX_BENCH_FAILED', `junction serve exited with ${code}: ${output}`)),
      );
    });
    for (;;) {
      const response = await fetch(`${url}/api/health`).catch(() => undefined);
      if (response?.status === 200) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), '--no-editor'], {
  stdio: 'inherit',
});
if (build.status !== 0) throw new JunctionError('JX_BENCH_FAILED', 'the build failed');

const times: number[][] = SIDES.map(() => []);
// One warm-up start per side (disk cache), then alternate so both see the same machine.
for (const side of SIDES) await startOnce(side.args);
for (let run = 0; run < RUNS; run++) {
  for (const [index, side] of SIDES.entries()) times[index]!.push(await startOnce(side.args));
}

const medians = times.map(median);
const lines = [
  `| start-up to first /api/health 200 (${RUNS} runs each, alternating) | median ms | min–max ms |`,
  '| --- | --- | --- |',
  ...SIDES.map(
    (side, index) =>
      `| ${side.name} | ${medians[index]!.toFixed(0)} | ${Math.min(...times[index]!).toFixed(0)}–${Math.max(...times[index]!).toFixed(0)} |`,
  ),
  `| ratio sources / build | ${(medians[0]! / medians[1]!).toFixed(2)} | |`,
];
const report = `${lines.join('\n')}\n`;
process.stdout.write(`\n${report}`);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, 'startup.md'), report);
