import { readFileSync } from 'node:fs';

// Linux reports process CPU time in clock ticks; 100 per second on every mainstream kernel config.
const TICKS_PER_SECOND = 100;

/** How a process spent a measured interval. Fields are undefined where /proc is not available. */
export interface ProcessUse {
  /** CPU used by all its threads, in % of one core. */
  cpu?: number;
  /** Its main (event-loop) thread, in % of the wall time: on a CPU… */
  mainRunning?: number;
  /** …runnable but waiting for a CPU (the machine was busy)… */
  mainWaiting?: number;
}

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** CPU seconds (user + system) a process has used so far. */
function cpuSeconds(pid: number): number | undefined {
  const stat = read(`/proc/${pid}/stat`);
  if (stat === undefined) return undefined;
  // The command name may contain spaces, so fields are counted after its closing parenthesis.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Nanoseconds the main thread has run and has waited on a run queue (`schedstat`). */
function mainThreadNs(pid: number): [number, number] | undefined {
  const line = read(`/proc/${pid}/task/${pid}/schedstat`);
  if (line === undefined) return undefined;
  const [running, waiting] = line.split(' ').map(Number);
  return [running!, waiting!];
}

const percent = (delta: number | undefined, whole: number) =>
  delta === undefined || Number.isNaN(delta) ? undefined : (100 * delta) / whole;

/** Starts watching processes; the returned function tells how each spent the time since. */
export function watchProcesses(pids: number[]): () => ProcessUse[] {
  const started = performance.now();
  const before = pids.map((pid) => ({ cpu: cpuSeconds(pid), main: mainThreadNs(pid) }));
  return () => {
    const elapsedMs = performance.now() - started;
    return pids.map((pid, index) => {
      const then = before[index]!;
      const cpu = cpuSeconds(pid);
      const main = mainThreadNs(pid);
      return {
        cpu: percent(
          cpu === undefined || then.cpu === undefined ? undefined : cpu - then.cpu,
          elapsedMs / 1000,
        ),
        mainRunning: percent(main && then.main && main[0] - then.main[0], elapsedMs * 1e6),
        mainWaiting: percent(main && then.main && main[1] - then.main[1], elapsedMs * 1e6),
      };
    });
  };
}
