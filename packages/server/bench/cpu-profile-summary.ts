import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** A function or an area with its share of the busy (non-idle) samples. */
export interface HotSpot {
  name: string;
  percent: number;
}

/** The hot spots of one `.cpuprofile`. */
export interface ProfileSummary {
  /** Busy time in milliseconds (idle excluded). */
  busyMs: number;
  idlePercent: number;
  /** Functions by self time. */
  self: HotSpot[];
  /**
   * Inclusive time by workspace file (`runtime/store/sqlite/sqlite-store.ts`) or npm package: what a
   * piece of code costs together with everything it calls.
   */
  inclusive: HotSpot[];
  /** Self time grouped by where the code lives: a workspace package, an npm package, Node internals. */
  areas: HotSpot[];
}

const WORKSPACE = /\/packages\/([^/]+)\/src\/(.+)$/;

function where(url: string): string {
  if (url === '') return '(V8: GC, program)';
  const npm = url.match(/node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/);
  if (npm) return npm[1]!;
  const own = url.match(WORKSPACE);
  if (own) return `@junction/${own[1]}`;
  return url.startsWith('node:') ? 'node internals' : url;
}

function location(url: string): string | undefined {
  const own = url.match(WORKSPACE);
  if (own) return `${own[1]}/${own[2]}`;
  const area = where(url);
  return area === url || area === 'node internals' || url === '' ? undefined : area;
}

function label(frame: ProfileNode['callFrame']): string {
  const name = frame.functionName || '(anonymous)';
  if (frame.url === '') return name;
  // tsx-compiled workspace files report meaningless line numbers, so those are named by file only.
  const own = frame.url.match(WORKSPACE);
  if (own) return `${name} (${own[1]}/${own[2]})`;
  return `${name} (${where(frame.url)}/${frame.url.split('/').pop()}:${frame.lineNumber + 1})`;
}

function top(counts: Map<string, number>, total: number, limit: number): HotSpot[] {
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, value]) => ({ name, percent: (100 * value) / total }));
}

/**
 * Reads a V8 CPU profile (`.cpuprofile`) and ranks where the busy time went. Each sample is weighted
 * by its time delta; inclusive time counts a location once per sample even when it recurses.
 */
export function summarizeCpuProfile(path: string, limit = 15): ProfileSummary {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const areas = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  // A native frame (better-sqlite3's `run`, a socket `writev`) is charged to the nearest JavaScript
  // caller, so its cost shows up under the package and function that asked for it.
  const caller = (id: number): ProfileNode | undefined => {
    for (let at = parent.get(id); at !== undefined; at = parent.get(at)) {
      const node = byId.get(at)!;
      if (node.callFrame.url !== '') return node;
    }
    return undefined;
  };
  // Serialising the profile at `Profiler.stop` is the profiler's own work, not the server's.
  const profilerOwn = (id: number): boolean => {
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      if (byId.get(at)!.callFrame.url.startsWith('node:inspector')) return true;
    }
    return false;
  };
  profile.samples.forEach((id, index) => {
    const weight = profile.timeDeltas[index] ?? 0;
    const node = byId.get(id)!;
    if (node.callFrame.functionName === '(idle)') {
      idle += weight;
      return;
    }
    if (profilerOwn(id)) return;
    busy += weight;
    const from = node.callFrame.url === '' ? caller(id) : undefined;
    const name = from ? `${label(node.callFrame)} ← ${label(from.callFrame)}` : label(node.callFrame);
    self.set(name, (self.get(name) ?? 0) + weight);
    const area = where((from ?? node).callFrame.url);
    areas.set(area, (areas.get(area) ?? 0) + weight);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const key = location(byId.get(at)!.callFrame.url);
      if (key === undefined || seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + weight);
    }
  });
  return {
    busyMs: busy / 1000,
    idlePercent: (100 * idle) / Math.max(1, busy + idle),
    self: top(self, busy, limit),
    inclusive: top(inclusive, busy, limit),
    areas: top(areas, busy, limit),
  };
}
