import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The Node-RED line the benchmark compares against (npm range and the cache folder's name). */
export const NODE_RED_RANGE = '~4.1.0';

const INSTALL_TIMEOUT_MS = 5 * 60_000;

/** Node-RED ready to start, or why it is not there. */
export type NodeRedInstall = { ok: true; version: string; redJs: string } | { ok: false; reason: string };

/** Where Node-RED is installed: a per-user cache outside the repository, never committed. */
export function nodeRedCacheDir(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(cache, 'junction-bench', 'node-red-4.1.x');
}

function installed(dir: string): NodeRedInstall | undefined {
  const manifest = join(dir, 'node_modules', 'node-red', 'package.json');
  if (!existsSync(manifest)) return undefined;
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  if (!version.startsWith('4.1.')) return undefined;
  return { ok: true, version, redJs: join(dir, 'node_modules', 'node-red', 'red.js') };
}

/**
 * Finds Node-RED 4.1.x in the cache folder, installing it from the npm registry the first time
 * (`npm install --prefix <cache> node-red@~4.1.0`). Never throws: an offline machine or an npm error
 * gives `{ok: false, reason}`, so the benchmark still reports the other systems.
 */
export async function ensureNodeRed(): Promise<NodeRedInstall> {
  const dir = nodeRedCacheDir();
  const found = installed(dir);
  if (found) return found;
  mkdirSync(dir, { recursive: true });
  console.error(`Installing node-red@${NODE_RED_RANGE} into ${dir} (once) …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const args = ['install', '--prefix', dir, `node-red@${NODE_RED_RANGE}`, '--no-audit', '--no-fund'];
  const outcome = await new Promise<{ code: number | null; output: string; error?: Error }>((resolve) => {
    let output = '';
    const child = spawn(npm, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4000);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const timer = setTimeout(() => child.kill('SIGKILL'), INSTALL_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ code: null, output, error });
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
  const after = installed(dir);
  if (after) return after;
  const why = outcome.error
    ? `npm could not be started (${outcome.error.message})`
    : `npm install exited with code ${outcome.code}`;
  // npm's own summary lines (`npm error code ECONNREFUSED`, `… request to … failed`) say why best.
  const lines = outcome.output.trim().split('\n');
  const telling = lines.filter((line) => /\b(code|errno|request to|network|ETARGET|E404)\b/.test(line));
  return { ok: false, reason: `${why}: ${(telling.length > 0 ? telling : lines).slice(-4).join(' / ')}` };
}
