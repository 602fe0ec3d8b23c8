/** Where the CLI writes; tests pass collecting streams. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** All of standard input (`--data-stdin`); tests pass a string. */
  readStdin?(): Promise<string>;
}

/** The process's stdout and stderr. */
export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  async readStdin() {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
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
  /** No API answered at `--url`, or it answered 5xx (retry later). */
  unreachable: 4,
  /** The API refused the token (401/403). */
  unauthorized: 5,
} as const;
