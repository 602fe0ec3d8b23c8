import { afterEach, beforeEach } from 'vitest';
import type { RunRecord } from '../run-records.ts';
import type { RunStore } from '../run-store.ts';

/** Opens a fresh, empty store for one test. */
export type OpenStore = () => Promise<RunStore>;

/** Gives each test a fresh store and closes it afterwards; `current()` returns the open one. */
export function useFreshStore(open: OpenStore): () => RunStore {
  let store: RunStore | undefined;
  beforeEach(async () => {
    store = await open();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  return () => {
    if (!store) throw new Error('conformance: store used outside a test');
    return store;
  };
}

/** A complete run record with overridable fields. */
export function makeRun(id: string, overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    id,
    flowId: 'orders',
    flowVersion: 1,
    flowHash: 'hash-1',
    status: 'queued',
    input: { order: id },
    test: false,
    createdAt: 1_000,
    updatedAt: 1_000,
    ...overrides,
  };
}

/** Resolves with the rejection of `promise`, failing when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('conformance: expected the call to fail, but it succeeded');
}
