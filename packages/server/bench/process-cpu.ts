import { readFileSync } from 'node:fs';

// Linux reports process CPU time in clock ticks; 100 per second on every mainstream kernel config.
const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far, or undefined where /proc is not available. */
export function cpuSeconds(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may contain spaces, so fields are counted after its closing parenthesis.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}

/** Starts watching processes; the returned function gives each one's CPU use since then, in % of one core. */
export function watchCpu(pids: number[]): () => (number | undefined)[] {
  const started = performance.now();
  const before = pids.map(cpuSeconds);
  return () => {
    const elapsed = (performance.now() - started) / 1000;
    return pids.map((pid, index) => {
      const now = cpuSeconds(pid);
      const then = before[index];
      return now === undefined || then === undefined ? undefined : (100 * (now - then)) / elapsed;
    });
  };
}
