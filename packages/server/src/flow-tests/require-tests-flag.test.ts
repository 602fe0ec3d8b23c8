import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnJunction } from '../testing/junction-process.ts';

// `junction serve --require-tests` and `JUNCTION_REQUIRE_TESTS=1` turn the deploy gate on; /api/health says so.
async function requireTestsOf(args: string[], env: Record<string, string> = {}): Promise<unknown> {
  const data = await mkdtemp(join(tmpdir(), 'junction-require-tests-'));
  const process = spawnJunction(['serve', '--port', '0', '--data', data, ...args], env);
  try {
    const listening = await process.waitForLine((line) => line.includes('listening on'));
    const base = /(http:\/\/\S+)/.exec(listening)![1]!;
    const health = (await (await fetch(`${base}/api/health`)).json()) as {
      settings: { requireTests: unknown };
    };
    return health.settings.requireTests;
  } finally {
    await process.stop();
    await rm(data, { recursive: true, force: true });
  }
}

describe('junction serve: the deploy gate setting', () => {
  it('is off by default, on with --require-tests or JUNCTION_REQUIRE_TESTS=1', async () => {
    expect(await requireTestsOf([], { JUNCTION_REQUIRE_TESTS: '' })).toBe(false);
    expect(await requireTestsOf(['--require-tests'], { JUNCTION_REQUIRE_TESTS: '' })).toBe(true);
    expect(await requireTestsOf([], { JUNCTION_REQUIRE_TESTS: '1' })).toBe(true);
  }, 120_000);
});
