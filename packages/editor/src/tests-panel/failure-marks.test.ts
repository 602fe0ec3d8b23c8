import { describe, expect, it } from 'vitest';
import type { CaseResult, FlowTestFile } from '../api/flow-test-types.ts';
import type { FlowDocument } from '../document/flow-types.ts';
import { failureNodeId, failuresByNode } from './failure-marks.ts';

const document = {
  schemaVersion: 1,
  id: 'f',
  name: 'F',
  nodes: ['hook', 'check', 'big', 'small', 'a/b'].map((id) => ({
    id,
    type: 'transform.map',
    typeVersion: 1,
    position: { x: 0, y: 0 },
    config: {},
  })),
  edges: [],
} as FlowDocument;
const ids = new Set(document.nodes.map((n) => n.id));

const result = (name: string, failures: CaseResult['failures']): CaseResult => ({
  name,
  passed: failures.length === 0,
  failures,
  runId: 'r',
  status: 'succeeded',
});

describe('mapping test failures to nodes', () => {
  it('takes the node the server named, if the open flow still has it', () => {
    expect(failureNodeId({ pointer: '/expect/ran/0', nodeId: 'big' }, undefined, ids)).toBe('big');
    expect(failureNodeId({ pointer: '/expect/ran/0', nodeId: 'gone' }, undefined, ids)).toBeUndefined();
  });

  it('else reads the node from the pointer: node expectations, mocks and path lists of the case', () => {
    const testCase = { expect: { ran: ['hook', 'big'], notRan: ['small'] } };
    expect(failureNodeId({ pointer: '/expect/nodes/check/times' }, testCase, ids)).toBe('check');
    expect(failureNodeId({ pointer: '/expect/nodes/a~1b' }, testCase, ids)).toBe('a/b');
    expect(failureNodeId({ pointer: '/mocks/big' }, testCase, ids)).toBe('big');
    expect(failureNodeId({ pointer: '/expect/ran/1' }, testCase, ids)).toBe('big');
    expect(failureNodeId({ pointer: '/expect/notRan/0' }, testCase, ids)).toBe('small');
    expect(failureNodeId({ pointer: '/expect/status' }, testCase, ids)).toBeUndefined();
    expect(failureNodeId({ pointer: '/expect/response/body' }, testCase, ids)).toBeUndefined();
  });

  it('groups the failures of every case by node, each with its case name', () => {
    const file: FlowTestFile = {
      schemaVersion: 1,
      cases: [
        { name: 'one', expect: { notRan: ['small'] } },
        { name: 'two', expect: {} },
      ],
    };
    const marks = failuresByNode(
      [
        result('one', [
          { pointer: '/expect/ran/3', nodeId: 'big', message: 'big did not run' },
          { pointer: '/expect/notRan/0', message: 'small ran (1 times)' },
          { pointer: '/expect/status', message: 'run failed, expected succeeded' },
        ]),
        result('two', [{ pointer: '/expect/nodes/big', nodeId: 'big', message: 'big: differs' }]),
      ],
      file,
      document,
    );
    expect(Object.fromEntries(marks)).toEqual({
      big: [
        { caseName: 'one', message: 'big did not run' },
        { caseName: 'two', message: 'big: differs' },
      ],
      small: [{ caseName: 'one', message: 'small ran (1 times)' }],
    });
  });
});
