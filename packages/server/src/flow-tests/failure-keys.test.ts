import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type FlowDocument, parseFlow } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { type CaseEnvironment, type FlowTestCase, type FlowTestFile, runTestCase } from '../index.ts';
import { createBuiltinRegistry } from '../integration/runtime-glue.ts';
import { FAILURE_KEYS, FAILURE_SENTENCES, type FailureKey } from './failure-catalogue.ts';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/${name}`, import.meta.url));
const flow: FlowDocument = parseFlow(readFileSync(fixture('timed-payment.flow.json'), 'utf8'));
const file = JSON.parse(readFileSync(fixture('timed-payment.tests.json'), 'utf8')) as FlowTestFile;
const env: CaseEnvironment = { registry: createBuiltinRegistry() };
const caseNamed = (start: string) => file.cases.find((c) => c.name.startsWith(start)) as FlowTestCase;

/** A flow whose delay outlasts the runner's horizon: the run never settles. */
const slowFlow: FlowDocument = {
  ...flow,
  nodes: flow.nodes.map((n) =>
    n.id === 'wait' ? { ...n, config: { mode: 'duration', amount: 100, unit: 'days' } } : n,
  ),
};

/** Keys only the CLI produces (a test file it cannot read), not the case runner. */
const CLI_ONLY: FailureKey[] = ['flowTest.invalidTestFile'];

describe('every failure the runner reports has a declared key', () => {
  it('drives the real runner through each way a case can fail and finds each key declared', async () => {
    const paid = caseNamed('paid after two');
    const refusal = caseNamed('a refusal');
    const results = [
      await runTestCase(
        flow,
        {
          ...paid,
          callbacks: [...(paid.callbacks ?? []), { after: 'gaveUp', body: {} }],
          expect: {
            status: 'failed',
            error: { code: 'JX_NOPE' },
            output: { equals: {}, contains: { status: 'unpaid' }, satisfies: '=amount > 100' },
            response: { status: 201, headers: { 'x-nope': '1' }, body: { satisfies: '=$nope(' } },
            nodes: {
              charge: { times: 1, port: 'error', equals: {} },
              gaveUp: { equals: {} },
              paid: { contains: { amount: [1] } },
            },
            ran: ['gaveUp'],
            notRan: ['paid'],
            ranOnce: ['charge'],
            callbacks: ['late', 'matched', 'matched'],
          },
        },
        env,
      ),
      await runTestCase(
        flow,
        { ...refusal, expect: { status: 'succeeded', nodes: { chargeFailed: { equals: {} } } } },
        env,
      ),
      await runTestCase(slowFlow, { ...paid, callbacks: [], expect: {} }, env),
      await runTestCase(flow, { ...paid, trigger: 'nowhere', expect: {} }, env),
    ];
    const failures = results.flatMap((r) => r.failures);
    for (const f of failures) {
      expect(FAILURE_KEYS).toContain(f.key);
      // The English sentence is the catalogue's, from the very parameters the editor receives.
      expect(f.message).toBe(FAILURE_SENTENCES[f.key](f.params as never));
      for (const value of Object.values(f.params)) expect(['string', 'number']).toContain(typeof value);
    }
    const produced = new Set(failures.map((f) => f.key));
    expect([...produced].sort()).toEqual(FAILURE_KEYS.filter((k) => !CLI_ONLY.includes(k)).sort());
  });

  it('keeps the English sentences the CLI report printed before keys existed', async () => {
    const paid = caseNamed('paid after two');
    const result = await runTestCase(
      flow,
      { ...paid, expect: { status: 'failed', ran: ['gaveUp'], nodes: { charge: { times: 1 } } } },
      env,
    );
    expect(result.failures).toEqual([
      {
        pointer: '/expect/status',
        key: 'flowTest.statusMismatch',
        params: { actual: 'succeeded', expected: 'failed' },
        message: 'run succeeded, expected failed',
      },
      {
        pointer: '/expect/nodes/charge/times',
        nodeId: 'charge',
        key: 'flowTest.timesMismatch',
        params: { node: 'charge', actual: 3, expected: 1 },
        message: 'charge started 3 times, expected 1',
      },
      {
        pointer: '/expect/ran/0',
        nodeId: 'gaveUp',
        key: 'flowTest.notRun',
        params: { node: 'gaveUp' },
        message: 'gaveUp did not run',
      },
    ]);
  });
});
