import { describe, expect, it } from 'vitest';
import { orderFlow, storeWithCatalogue } from '../../test/support/fixtures.ts';
import type { ApiClient } from '../api/api-client.ts';
import { startTestRun } from './test-run.ts';

/** A stand-in for the server (a unit test): records the requests, streams a finished run. */
function fakeApi(skipped: string[]) {
  const requests: { method: string; path: string; body?: unknown }[] = [];
  const record = { id: 'run-1', status: 'succeeded', input: null, test: true };
  const api: ApiClient = {
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      requests.push({ method, path, body });
      if (method === 'POST') return { runId: 'run-1' } as T;
      return { run: record, nodes: skipped.map((nodeId) => ({ nodeId, status: 'skipped' })) } as T;
    },
    async stream(_path, onMessage) {
      for (const nodeId of skipped)
        onMessage({ event: 'node.skipped', data: JSON.stringify({ runId: 'run-1', nodeId }) });
      onMessage({ event: 'run.completed', data: JSON.stringify({ run: record }) });
    },
  };
  return { api, requests };
}

describe('startTestRun', () => {
  it('sends stopAfter for "Run to here" and shows the nodes after it as not run', async () => {
    const document = orderFlow();
    const store = storeWithCatalogue(document);
    const stopAt = document.edges[0]!.target.node;
    const { api, requests } = fakeApi(document.nodes.map((n) => n.id).filter((id) => id !== stopAt));
    await startTestRun(store, api, { stopAfter: stopAt });
    const post = requests.find((r) => r.method === 'POST')!;
    expect(post.path).toBe('/api/test-runs');
    expect(post.body).toMatchObject({ stopAfter: stopAt });
    const run = store.getState().run!;
    const after = document.edges.find((e) => e.source.node === stopAt)!.target.node;
    expect(run.nodes[after]?.status).toBe('not-run');
  });

  it('sends no stopAfter for a full run, where a skip is a dead path', async () => {
    const document = orderFlow();
    const store = storeWithCatalogue(document);
    const last = document.nodes.at(-1)!.id;
    const { api, requests } = fakeApi([last]);
    await startTestRun(store, api);
    expect(requests.find((r) => r.method === 'POST')!.body).not.toHaveProperty('stopAfter');
    expect(store.getState().run!.nodes[last]?.status).toBe('skipped');
  });
});
