import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../index.ts';
import { describeRunStore } from './store-conformance.ts';

describeRunStore('memory', async () => createMemoryStore());

describe('memory store', () => {
  it('keeps stores independent of each other', async () => {
    const a = createMemoryStore();
    const b = createMemoryStore();
    await a.kvSet('ns', 'k', 1, undefined);
    expect(await b.kvGet('ns', 'k', 0)).toBeUndefined();
  });
});
