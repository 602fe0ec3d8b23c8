/** Where the CLI writes; tests pass collecting streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

/** The process's stdout and stderr. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Exit codes of `junction`. */
export const EXIT = {
  ok: 0,
  /** The run failed or was cancelled, or the flow is invalid. */
  failed: 1,
  /** Bad usage or unreadable input. */
  usage: 2,
  /** The run is suspended (waiting for a callback or a timer). */
  waiting: 3,
} as const;
