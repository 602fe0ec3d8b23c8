import { describe, expect, it } from 'vitest';
import type { FlowTestCase, FlowTestFile } from '../api/flow-test-types.ts';
import { appendCase, removeCase, uniqueCaseName } from './test-file.ts';

const draft: FlowTestCase = {
  name: 'from run r1',
  input: { body: { qty: 2 } },
  expect: { status: 'succeeded', ran: ['hook', 'price'] },
};

describe('building the test file', () => {
  it('creates a file of schema version 1 when the flow has none', () => {
    expect(appendCase(null, draft, 'two items')).toEqual({
      schemaVersion: 1,
      cases: [{ ...draft, name: 'two items' }],
    });
  });

  it('appends to an existing file, keeping its other fields and cases, without changing it', () => {
    const file: FlowTestFile = { schemaVersion: 1, vars: { shop: 'x' }, cases: [{ ...draft, name: 'a' }] };
    const next = appendCase(file, draft, 'b');
    expect(next.cases.map((c) => c.name)).toEqual(['a', 'b']);
    expect(next.vars).toEqual({ shop: 'x' });
    expect(file.cases).toHaveLength(1);
    expect(removeCase(next, 'a').cases.map((c) => c.name)).toEqual(['b']);
  });

  it('proposes a name no case has yet', () => {
    const file: FlowTestFile = {
      schemaVersion: 1,
      cases: [
        { ...draft, name: 'happy' },
        { ...draft, name: 'happy (2)' },
      ],
    };
    expect(uniqueCaseName(null, 'happy')).toBe('happy');
    expect(uniqueCaseName(file, 'happy')).toBe('happy (3)');
    expect(uniqueCaseName(file, 'other ')).toBe('other');
  });
});
