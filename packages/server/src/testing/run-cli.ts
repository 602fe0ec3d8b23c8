import { main } from '../cli/main.ts';

/** What one `junction` invocation printed and returned. */
export interface CliResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the `junction` CLI in this process with `args` (after `junction`), capturing its output lines. */
export async function runCli(args: readonly string[]): Promise<CliResult> {
  let out = '';
  let err = '';
  const code = await main(['node', 'junction', ...args], {
    out: (text) => {
      out += `${text}\n`;
    },
    err: (text) => {
      err += `${text}\n`;
    },
  });
  return { code, out, err };
}
