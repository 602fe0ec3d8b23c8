import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('process guards of junction serve', () => {
  it('log an escaped rejection and exception with their code and run, count them, and keep the process alive', () => {
    const child = spawnSync(
      process.execPath,
      ['--conditions=development', '--import', 'tsx', join(import.meta.dirname, 'process-guards.fixture.ts')],
      {
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(child.status).toBe(0);
    const lines = child.stdout.trim().split('\n');
    const logged = lines.slice(0, -1).map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ code: 'JX_HTTP_ABORTED', kind: 'unhandled-rejection', runId: 'r-1' }),
      expect.objectContaining({ code: 'JX_ESCAPED_ERROR', kind: 'uncaught-exception' }),
    ]);
    expect(JSON.parse(lines.at(-1)!)).toEqual({ 'unhandled-rejection': 1, 'uncaught-exception': 1 });
  });
});
