import { createBuiltinRegistry, validateFlow } from '../../integration/runtime-glue.ts';
import { type CliIo, EXIT } from '../cli-io.ts';
import { readJsonFile } from '../read-flow-file.ts';

/** `junction validate <flow.json>`: prints every problem; exit 1 when there is any. */
export function validateCommand(path: string, io: CliIo): number {
  const problems = validateFlow(readJsonFile(path), createBuiltinRegistry());
  if (problems.length === 0) {
    io.out(`${path}: valid`);
    return EXIT.ok;
  }
  io.err(`${path}: ${problems.length} problem${problems.length === 1 ? '' : 's'}`);
  for (const problem of problems) io.err(`  ${problem.pointer || '/'}  ${problem.code}  ${problem.message}`);
  return EXIT.failed;
}
