import { JunctionError } from '@junction/runtime';
import { type CliIo, EXIT } from './cli-io.ts';

interface Problem {
  pointer?: string;
  path?: string;
  message?: string;
}

/**
 * Prints a failed API command's error (with every problem the server listed) and returns its exit
 * code: 2 usage, 4 unreachable, 5 unauthorized, 1 for anything the server refused as invalid.
 */
export function reportApiError(error: unknown, io: CliIo): number {
  if (!(error instanceof JunctionError)) {
    io.err(`junction failed: ${(error as Error).message}`);
    return EXIT.failed;
  }
  io.err(`${error.code}: ${error.message}`);
  const problems = (error.details?.problems ?? []) as Problem[];
  for (const problem of Array.isArray(problems) ? problems : []) {
    io.err(`  ${problem.pointer ?? problem.path ?? ''} ${problem.message ?? ''}`.trimEnd());
  }
  if (error.code === 'JX_CLI_SERVER_UNREACHABLE') return EXIT.unreachable;
  if (error.code === 'JX_CLI_UNAUTHORIZED') return EXIT.unauthorized;
  if (error.code.startsWith('JX_CLI_')) return EXIT.usage;
  return EXIT.failed;
}

/** Runs an API command, turning its errors into a printed message and an exit code. */
export async function runApiCommand(io: CliIo, command: () => Promise<void>): Promise<number> {
  try {
    await command();
    return EXIT.ok;
  } catch (error) {
    return reportApiError(error, io);
  }
}
