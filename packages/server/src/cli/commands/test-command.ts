import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toErrorInfo } from '@junction/runtime';
import { openDataDirCredentials } from '../../flow-tests/data-dir-credentials.ts';
import { failureSentence } from '../../flow-tests/failure-catalogue.ts';
import { junitReport } from '../../flow-tests/junit-report.ts';
import { runTestFile, type TestFileResult } from '../../flow-tests/run-test-file.ts';
import { textReport } from '../../flow-tests/text-report.ts';
import { secretVariants } from '../../integration/runtime-glue.ts';
import { egressRegistry } from '../../server/server-egress.ts';
import { type CliIo, EXIT } from '../cli-io.ts';
import { type EgressFlags, egressAllowList } from './egress-options.ts';

/** Options of `junction test`. */
export interface TestCommandOptions extends EgressFlags {
  /** Write JUnit XML here. */
  junit?: string;
  /** A `junction serve` data directory whose vault credentials `real` mocks use (opened read-only). */
  data?: string;
}

/** Every `*.tests.json` under `dir`, node_modules and dot-directories left out, sorted. */
export function findTestFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory())
        return entry.name === 'node_modules' || entry.name.startsWith('.') ? [] : findTestFiles(path);
      return entry.name.endsWith('.tests.json') ? [path] : [];
    })
    .sort();
}

/** A test file that could not run, as one failed case carrying its problems. */
function unrunnable(file: string, error: unknown): TestFileResult {
  const info = toErrorInfo(error);
  const problems = (info.details?.problems ?? []) as { pointer?: string; message?: string }[];
  const failures = problems.length
    ? problems.map((p) => ({
        pointer: p.pointer ?? '',
        ...failureSentence('flowTest.invalidTestFile', { code: info.code, problem: p.message ?? '' }),
      }))
    : [
        {
          pointer: '',
          ...failureSentence('flowTest.invalidTestFile', { code: info.code, problem: info.message }),
        },
      ];
  return {
    file,
    flowId: '?',
    passed: false,
    cases: [
      {
        name: '(test file)',
        passed: false,
        failures,
        runId: '',
        status: 'failed',
        response: { status: 0, body: null },
        nodes: {},
        callbacks: [],
        virtualMs: 0,
      },
    ],
  };
}

/**
 * `junction test [files…]`: runs flow test files (default: every `*.tests.json` below the current
 * directory) with the production engine and node types under virtual time, prints a report, writes
 * JUnit XML with `--junit`, and exits 1 when a case failed or a file could not run. With `--data`,
 * nodes that run for real (`real` mocks, unmocked nodes) use that data directory's credentials; the
 * reports are scrubbed of their secrets.
 */
export async function testCommand(files: string[], options: TestCommandOptions, io: CliIo): Promise<number> {
  const paths = files.length > 0 ? files : findTestFiles(process.cwd());
  if (paths.length === 0) {
    io.err('No *.tests.json files found; name the test files to run.');
    return EXIT.usage;
  }
  const allow = egressAllowList(options);
  const { registry } = egressRegistry(allow ? { allow } : undefined, undefined);
  let vault: Awaited<ReturnType<typeof openDataDirCredentials>> | undefined;
  if (options.data) {
    try {
      vault = await openDataDirCredentials(options.data);
    } catch (error) {
      const info = toErrorInfo(error);
      io.err(`${info.code}: ${info.message}`);
      return EXIT.usage;
    }
  }
  const results: TestFileResult[] = [];
  try {
    for (const path of paths) {
      try {
        results.push(
          await runTestFile(path, {
            registry,
            secretVariants,
            ...(vault ? { credentials: vault.credentials } : {}),
          }),
        );
      } catch (error) {
        results.push(unrunnable(path, error));
      }
    }
  } finally {
    vault?.close();
  }
  const scrub = (text: string) => vault?.scrubber.scrub(text) ?? text;
  io.out(scrub(textReport(results)));
  if (options.junit) writeFileSync(options.junit, scrub(junitReport(results)));
  return results.every((r) => r.passed) ? EXIT.ok : EXIT.failed;
}
