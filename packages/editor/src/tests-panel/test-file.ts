import type { FlowTestCase, FlowTestFile } from '../api/flow-test-types.ts';

/**
 * `wanted`, or `wanted (2)`, `wanted (3)`… — the first name no case of `file` has yet, so saving the
 * same run twice never silently replaces a case.
 */
export function uniqueCaseName(file: FlowTestFile | null, wanted: string): string {
  const taken = new Set((file?.cases ?? []).map((c) => c.name));
  const base = wanted.trim() || 'case';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n += 1) if (!taken.has(`${base} (${n})`)) return `${base} (${n})`;
}

/**
 * The test file with `testCase` appended under `name`: a new file (schema version 1) when the flow
 * has none yet. The given file is not changed.
 */
export function appendCase(file: FlowTestFile | null, testCase: FlowTestCase, name: string): FlowTestFile {
  const added: FlowTestCase = { ...testCase, name };
  if (!file) return { schemaVersion: 1, cases: [added] };
  return { ...file, cases: [...file.cases, added] };
}

/** The file without the case named `name` (the panel's delete). */
export function removeCase(file: FlowTestFile, name: string): FlowTestFile {
  return { ...file, cases: file.cases.filter((c) => c.name !== name) };
}
