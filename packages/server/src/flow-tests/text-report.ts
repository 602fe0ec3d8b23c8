import type { TestFileResult } from './run-test-file.ts';

function seconds(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${Math.round(ms / 100) / 10} s`;
  return `${Math.round(ms / 6000) / 10} min`;
}

/**
 * A readable report of test results: one line per case (✓ or ✗, its virtual duration), each failure
 * under it with where in the case it is, and a summary line.
 */
export function textReport(results: readonly TestFileResult[]): string {
  const lines: string[] = [];
  let passed = 0;
  let failed = 0;
  for (const file of results) {
    lines.push(`${file.file} (flow ${file.flowId})`);
    for (const c of file.cases) {
      if (c.passed) passed++;
      else failed++;
      lines.push(`  ${c.passed ? '✓' : '✗'} ${c.name}  [${c.status}, ${seconds(c.virtualMs)} virtual]`);
      for (const f of c.failures) lines.push(`      ${f.pointer ? `${f.pointer}: ` : ''}${f.message}`);
    }
  }
  lines.push('');
  lines.push(`${passed + failed} cases: ${passed} passed, ${failed} failed`);
  return lines.join('\n');
}
