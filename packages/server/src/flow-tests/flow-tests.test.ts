import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FlowDocument, JunctionError, parseFlow } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import {
  type CaseEnvironment,
  FLOW_TESTS_SCHEMA,
  type FlowTestCase,
  type FlowTestFile,
  main,
  parseTestFile,
  runTestCase,
  runTestFile,
} from '../index.ts';
import { createBuiltinRegistry } from '../integration/runtime-glue.ts';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const TESTS = fixture('timed-payment.tests.json');
const flow: FlowDocument = parseFlow(readFileSync(fixture('timed-payment.flow.json'), 'utf8'));
const file = JSON.parse(readFileSync(TESTS, 'utf8')) as FlowTestFile;
const env: CaseEnvironment = { registry: createBuiltinRegistry() };
const caseNamed = (start: string) => file.cases.find((c) => c.name.startsWith(start)) as FlowTestCase;

const HOUR = 3_600_000;

describe('flow tests on the production engine under virtual time', () => {
  it('runs the fixture file: every case passes, with the virtual durations real time would take', async () => {
    const result = await runTestFile(TESTS, env);
    expect(result.cases.map((c) => [c.name, c.passed, c.failures])).toEqual(
      file.cases.map((c) => [c.name, true, []]),
    );
    // 1 h delay, 2 failed charges 10 min apart, then the callback at 2 h.
    expect(result.cases.map((c) => c.virtualMs)).toEqual([2 * HOUR, 4 * HOUR, HOUR, 91 * 60_000]);
    expect(result.cases[0]?.nodes.charge).toEqual({ runs: 3, status: 'succeeded' });
    expect(result.cases[3]?.callbacks).toEqual(['early', 'duplicate', 'rejected']);
  });

  it('keeps retry backoff in order with callbacks: one posted during the backoff finds no wait yet', async () => {
    const paid = caseNamed('paid after two');
    // The await node is reached at 1 h 20 min (the hour's delay plus two 10-minute backoffs).
    const at70m = { ...paid, callbacks: [{ at: '70m', body: { orderNo: 'P-1', amount: 42 } }] };
    const early = await runTestCase(flow, { ...at70m, expect: { callbacks: ['early'] } }, env);
    expect(early).toMatchObject({ passed: true, status: 'succeeded', callbacks: ['early'] });
    const at81m = { ...paid, callbacks: [{ at: '81m', body: { orderNo: 'P-1', amount: 42 } }] };
    const matched = await runTestCase(flow, { ...at81m, expect: { callbacks: ['matched'] } }, env);
    expect(matched).toMatchObject({ passed: true, callbacks: ['matched'], virtualMs: 81 * 60_000 });
  });

  it('reports every expectation that does not hold, at its pointer', async () => {
    const paid = caseNamed('paid after two');
    const result = await runTestCase(
      flow,
      {
        ...paid,
        expect: {
          status: 'failed',
          error: { code: 'JX_NOPE' },
          output: { contains: { status: 'unpaid' } },
          response: { status: 201 },
          nodes: { charge: { times: 1 }, paid: { satisfies: '=amount > 100' }, gaveUp: { equals: {} } },
          ran: ['gaveUp'],
          notRan: ['paid'],
          ranOnce: ['charge'],
          callbacks: ['late'],
        },
      },
      env,
    );
    expect(result.passed).toBe(false);
    expect(result.failures.map((f) => f.pointer)).toEqual([
      '/expect/status',
      '/expect/error',
      '/expect/output',
      '/expect/response/status',
      '/expect/nodes/charge/times',
      '/expect/nodes/paid',
      '/expect/nodes/gaveUp',
      '/expect/ran/0',
      '/expect/notRan/0',
      '/expect/ranOnce/0',
      '/expect/callbacks/0',
    ]);
    expect(result.failures[0]?.message).toBe('run succeeded, expected failed');
    expect(result.failures[4]).toMatchObject({
      nodeId: 'charge',
      message: 'charge started 3 times, expected 1',
    });
    expect(result.failures[3]?.message).toBe('webhook answered 200, expected 201');
  });

  it('uses the real node when the case does not mock it (the request leaves, refused by the egress policy)', async () => {
    const { mocks: _none, ...unmocked } = caseNamed('a refusal');
    const result = await runTestCase(flow, { ...unmocked, expect: { status: 'failed' } }, env);
    expect(result.passed).toBe(true);
    expect(result.error?.code).toBe('JX_USER_CHARGE_FAILED');
    // Three real attempts (the retry policy), none mocked.
    expect(result.nodes.charge?.runs).toBe(3);
  });
});

describe('test files are checked before anything runs', () => {
  const problemsOf = (value: unknown, against?: FlowDocument) => {
    try {
      parseTestFile(value, 'x.tests.json', against);
    } catch (error) {
      expect(error).toBeInstanceOf(JunctionError);
      expect((error as JunctionError).code).toBe('JX_FLOW_TESTS_INVALID');
      return (error as JunctionError).details.problems;
    }
    throw new Error('accepted');
  };

  it('refuses what the schema refuses, each problem at its pointer', () => {
    expect(problemsOf('{ not json')).toEqual([
      { pointer: '/', message: expect.stringMatching(/^is not JSON/) },
    ]);
    expect(
      problemsOf({
        schemaVersion: 1,
        cases: [
          {
            name: 'x',
            mocks: { charge: { output: 1, error: { code: 'X' } } },
            callbacks: [{ at: 'soon', body: {} }],
            expect: { status: 'done', colour: 'red' },
          },
        ],
      }),
    ).toEqual([
      {
        pointer: '/cases/0/mocks/charge',
        message: expect.stringContaining('a mock must be one of {output}'),
      },
      { pointer: '/cases/0/callbacks/0/at', message: expect.stringContaining('a duration such as 90s') },
      { pointer: '/cases/0/expect/colour', message: 'is not a known field' },
      { pointer: '/cases/0/expect/status', message: expect.stringContaining('must be equal to one of') },
    ]);
  });

  it('refuses node ids the flow does not have', () => {
    const named = {
      schemaVersion: 1,
      cases: [
        {
          name: 'x',
          mocks: { chrage: { output: 1 } },
          callbacks: [{ during: 'charge', at: 5, body: {} }],
          expect: { ranOnce: ['payd'], callbacks: [] },
        },
      ],
    };
    expect(problemsOf(named, flow)).toEqual([
      {
        pointer: '/cases/0/mocks/chrage',
        message: 'names node chrage, which flow timed-payment does not have',
      },
      { pointer: '/cases/0/callbacks/0', message: 'give one of at, during and after' },
      {
        pointer: '/cases/0/expect/ranOnce/0',
        message: 'names node payd, which flow timed-payment does not have',
      },
      { pointer: '/cases/0/expect/callbacks', message: 'lists 0 outcomes for 1 callbacks' },
    ]);
  });

  it('publishes its schema in docs/', () => {
    const published = readFileSync(
      new URL('../../../../docs/schemas/flow-tests.schema.json', import.meta.url),
      'utf8',
    );
    expect(JSON.parse(published)).toEqual(FLOW_TESTS_SCHEMA);
  });
});

describe('junction test', () => {
  const run = async (...args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(['node', 'junction', 'test', ...args], {
      out: (t) => out.push(t),
      err: (t) => err.push(t),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('prints the report and exits 0 when every case passes', async () => {
    const { code, out } = await run(TESTS);
    expect(code).toBe(0);
    expect(out).toContain('✓ paid after two failed charges');
    expect(out).toContain('4 cases: 4 passed, 0 failed');
  });

  it('exits 1 on a failing case and writes JUnit XML naming the failure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'junction-flow-tests-'));
    const broken = structuredClone(file);
    broken.flow = fixture('timed-payment.flow.json');
    (broken.cases[1] as FlowTestCase).expect.callbacks = ['matched'];
    writeFileSync(join(dir, 'broken.tests.json'), JSON.stringify(broken));
    writeFileSync(join(dir, 'bad.tests.json'), '{"schemaVersion": 2, "cases": []}');
    const junit = join(dir, 'junit.xml');
    const { code, out } = await run(
      join(dir, 'broken.tests.json'),
      join(dir, 'bad.tests.json'),
      '--junit',
      junit,
    );
    expect(code).toBe(1);
    expect(out).toContain('✗ the callback comes after the deadline');
    expect(out).toContain('/expect/callbacks/0: callback 0 was late, expected matched');
    expect(out).toContain('/schemaVersion: JX_FLOW_TESTS_INVALID: must be equal to constant');
    expect(out).toContain('5 cases: 3 passed, 2 failed');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuites name="junction flow tests" tests="5" failures="2">');
    expect(xml).toContain(
      '<failure message="callback 0 was late, expected matched">/expect/callbacks/0: callback 0 was late, expected matched</failure>',
    );
  });
});
