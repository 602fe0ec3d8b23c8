import type { TestFileResult } from './run-test-file.ts';

/** Whether a character may appear in XML 1.0 (tab, newline, carriage return, and from space on). */
function xmlChar(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code >= 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

function xml(text: string): string {
  return [...text]
    .filter(xmlChar)
    .join('')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}

/**
 * JUnit XML for CI (one `<testsuite>` per test file, one `<testcase>` per case, a `<failure>` listing
 * what differed). `time` is the case's virtual duration, the time the flow would have taken.
 */
export function junitReport(results: readonly TestFileResult[]): string {
  const total = results.reduce((n, f) => n + f.cases.length, 0);
  const failures = results.reduce((n, f) => n + f.cases.filter((c) => !c.passed).length, 0);
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="junction flow tests" tests="${total}" failures="${failures}">`,
  ];
  for (const file of results) {
    const failed = file.cases.filter((c) => !c.passed).length;
    out.push(
      `  <testsuite name="${xml(file.file)}" tests="${file.cases.length}" failures="${failed}" errors="0">`,
    );
    for (const c of file.cases) {
      const open = `    <testcase classname="${xml(file.flowId)}" name="${xml(c.name)}" time="${(c.virtualMs / 1000).toFixed(3)}"`;
      if (c.passed) {
        out.push(`${open}/>`);
        continue;
      }
      const text = c.failures.map((f) => `${f.pointer ? `${f.pointer}: ` : ''}${f.message}`).join('\n');
      out.push(`${open}>`);
      out.push(`      <failure message="${xml(c.failures[0]?.message ?? 'failed')}">${xml(text)}</failure>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}
