import { describe, expect, it } from 'vitest';
import type { ApiClient } from '../api/api-client.ts';
import type { FlowTestFile } from '../api/flow-test-types.ts';
import type { FlowDocument } from '../document/flow-types.ts';
import { EditorError } from '../errors/editor-error.ts';
import { refreshTests, runTests, saveCaseToFlow } from './tests-actions.ts';
import { testsStoreOf } from './tests-store.ts';

type Call = { method: string; path: string; body?: unknown };

/** An API double answering by `METHOD path`; a function answer may throw. */
function fakeApi(answers: Record<string, (body: unknown) => unknown>): { api: ApiClient; calls: Call[] } {
  const calls: Call[] = [];
  const api: ApiClient = {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      calls.push({ method, path, ...(body !== undefined && { body }) });
      const answer = answers[`${method} ${path}`];
      if (!answer)
        throw new EditorError('JX_EDITOR_HTTP', `no answer for ${method} ${path}`, { status: 404 });
      return answer(body) as T;
    },
    async stream() {},
  };
  return { api, calls };
}

const document = { schemaVersion: 1, id: 'shop', name: 'Shop', nodes: [], edges: [] } as FlowDocument;
const draft = { name: 'from run r1', expect: { status: 'succeeded' } };

describe('tests panel actions', () => {
  it('creates the test file on the first save as test, then shows the case', async () => {
    const tests = testsStoreOf({});
    const { api, calls } = fakeApi({
      'GET /api/flows/shop/tests': () => ({ flowId: 'shop', tests: null, updatedAt: null }),
      'PUT /api/flows/shop/tests': (body) => ({ flowId: 'shop', tests: body, updatedAt: 1 }),
    });
    const outcome = await saveCaseToFlow(tests, api, 'shop', draft, 'happy');
    expect(outcome).toEqual({ saved: true, name: 'happy' });
    expect(calls[1]).toEqual({
      method: 'PUT',
      path: '/api/flows/shop/tests',
      body: { schemaVersion: 1, cases: [{ ...draft, name: 'happy' }] },
    });
    expect(tests.getState().file?.cases.map((c) => c.name)).toEqual(['happy']);
  });

  it('appends to the file as the server has it now, and returns the problems of a 422', async () => {
    const tests = testsStoreOf({});
    const stored: FlowTestFile = { schemaVersion: 1, cases: [{ name: 'other', expect: {} }] };
    const { api, calls } = fakeApi({
      'GET /api/flows/shop/tests': () => ({ flowId: 'shop', tests: stored, updatedAt: 1 }),
      'PUT /api/flows/shop/tests': () => {
        throw new EditorError('JX_FLOW_TESTS_INVALID', 'The test file is invalid.', {
          status: 422,
          problems: [{ pointer: '/cases/1/expect/status', message: 'must be one of …' }],
        });
      },
    });
    const outcome = await saveCaseToFlow(tests, api, 'shop', draft, 'bad');
    expect(outcome).toEqual({
      saved: false,
      problems: [{ pointer: '/cases/1/expect/status', message: 'must be one of …' }],
    });
    expect((calls[1]?.body as FlowTestFile | undefined)?.cases.map((c) => c.name)).toEqual(['other', 'bad']);
  });

  it('runs the cases against the open document and keeps the last result of each', async () => {
    const tests = testsStoreOf({});
    const file: FlowTestFile = {
      schemaVersion: 1,
      cases: [
        { name: 'a', expect: {} },
        { name: 'b', expect: {} },
      ],
    };
    const result = (name: string, passed: boolean) => ({
      name,
      passed,
      failures: passed ? [] : [{ pointer: '/expect/status', message: 'run failed' }],
      runId: `r-${name}`,
      status: 'succeeded',
    });
    let round = 0;
    const { api, calls } = fakeApi({
      'GET /api/flows/shop/tests': () => ({ flowId: 'shop', tests: file, updatedAt: 1 }),
      'POST /api/flows/shop/tests/run': () => {
        round += 1;
        return round === 1
          ? { flowId: 'shop', passed: true, cases: [result('a', true), result('b', true)] }
          : { flowId: 'shop', passed: false, cases: [result('b', false)] };
      },
    });
    await refreshTests(tests, api, 'shop');
    await runTests(tests, api, document);
    expect(calls[1]?.body).toEqual({ document, tests: file });
    await runTests(tests, api, document, ['b']);
    expect(calls[2]?.body).toEqual({ document, tests: file, cases: ['b'] });
    const { results, running } = tests.getState();
    expect([results.a?.passed, results.b?.passed, running]).toEqual([true, false, []]);
  });

  it('shows a flow not saved yet as having no tests, and other failures as an error', async () => {
    const tests = testsStoreOf({});
    await refreshTests(tests, fakeApi({}).api, 'shop');
    expect(tests.getState()).toMatchObject({ file: null, loaded: true, error: null });
    const { api } = fakeApi({
      'GET /api/flows/shop/tests': () => {
        throw new EditorError('JX_AUTH_REQUIRED', 'The server needs an API token.', { status: 401 });
      },
    });
    await refreshTests(tests, api, 'shop');
    expect(tests.getState().error).toMatch(/^JX_AUTH_REQUIRED: /);
  });
});
