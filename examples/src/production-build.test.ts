// The production build as `pnpm start` and `junction serve` run it: `pnpm build` compiles the
// server-side packages to dist/ (JavaScript and declaration files), and plain Node runs them. Node 20
// cannot load TypeScript, and the serve test refuses every `.ts` module and tsx outright, so a
// server that answers there runs compiled JavaScript only.
import { type ChildProcess, execFile, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'packages/server/bin/junction.mjs');

/** Every package a server process loads, with the entries its package.json exports. */
const PACKAGES = [
  { dir: 'packages/runtime', entries: ['index', 'browser'] },
  { dir: 'packages/sandbox', entries: ['index'] },
  { dir: 'packages/nodes', entries: ['index'] },
  { dir: 'packages/server', entries: ['index', 'testing/index', 'cli/main'] },
  { dir: 'examples', entries: ['index'] },
];

/** A resolve hook that fails the process on any TypeScript module or on tsx itself. */
const REFUSE_TYPESCRIPT = `data:text/javascript,${encodeURIComponent(`
export function resolve(specifier, context, next) {
  if (/\\.tsx?$/.test(specifier) || /^tsx(\\/|$)/.test(specifier)) {
    throw new Error('JX_TEST_TYPESCRIPT_LOADED: ' + specifier);
  }
  return next(specifier, context);
}`)}`;
const IMPORT_HOOK = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(REFUSE_TYPESCRIPT)});`,
)}`;

const TOKEN = /Admin token \(shown once, keep it safe\): (\S+)/;

/** The environment of a child that must not inherit the test runner's loaders. */
function plainEnv(): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  return env;
}

describe('production build', () => {
  beforeAll(() => {
    const build = spawnSync(process.execPath, ['scripts/build.mjs', '--no-editor'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
  }, 300_000);

  it('ships JavaScript with declaration files for every server-side package', () => {
    for (const { dir, entries } of PACKAGES) {
      for (const entry of entries) {
        expect(existsSync(join(ROOT, dir, 'dist', `${entry}.js`)), `${dir} ${entry}.js`).toBe(true);
        expect(existsSync(join(ROOT, dir, 'dist', `${entry}.d.ts`)), `${dir} ${entry}.d.ts`).toBe(true);
      }
    }
    // Loaded at run time by path, not by import: the code.js worker.
    expect(existsSync(join(ROOT, 'packages/nodes/dist/code/code-worker.mjs'))).toBe(true);
  });

  it('resolves the workspace packages to dist/ for plain Node and to src/ under the development condition', async () => {
    const script = `for (const name of ['@junction/runtime', '@junction/nodes', '@junction/sandbox', '@junction/server'])
      console.log(import.meta.resolve(name));`;
    const run = (conditions: string[]) =>
      promisify(execFile)(process.execPath, [...conditions, '--input-type=module', '-e', script], {
        cwd: join(ROOT, 'packages/server'),
        env: plainEnv(),
      });
    const built = (await run([])).stdout.trim().split('\n');
    expect(built).toHaveLength(4);
    for (const url of built) expect(url).toMatch(/\/dist\/index\.js$/);
    const sources = (await run(['--conditions=development'])).stdout.trim().split('\n');
    for (const url of sources) expect(url).toMatch(/\/src\/index\.ts$/);
  });

  describe('junction serve under plain Node', () => {
    let child: ChildProcess | undefined;
    let dataDir: string;
    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child?.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    });

    it('starts from the build, with no TypeScript and no tsx, and serves the API', async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'junction-build-serve-'));
      child = spawn(
        process.execPath,
        ['--import', IMPORT_HOOK, BIN, 'serve', '--port', '0', '--host', '127.0.0.1', '--data', dataDir],
        { cwd: ROOT, env: plainEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (chunk: Buffer) => {
          output += chunk.toString();
          const found = /listening on (http:\/\/\S+)/.exec(output);
          if (found && TOKEN.test(output)) resolve(found[1]!);
        };
        child?.stdout?.on('data', onData);
        child?.stderr?.on('data', onData);
        child?.once('exit', (code) => reject(new Error(`junction serve exited with ${code}:\n${output}`)));
      });
      const health = await fetch(`${url}/api/health`);
      expect(health.status).toBe(200);
      const token = TOKEN.exec(output)?.[1];
      expect(token).toBeTruthy();
      const types = await fetch(`${url}/api/node-types`, { headers: { authorization: `Bearer ${token}` } });
      expect(types.status).toBe(200);
      const body = (await types.json()) as { nodeTypes: { type: string }[] };
      expect(body.nodeTypes.map((nodeType) => nodeType.type)).toContain('code.js');
      expect(output).not.toContain('JX_TEST_TYPESCRIPT_LOADED');
    });
  });
});
