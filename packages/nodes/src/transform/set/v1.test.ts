import { describe, expect, it } from 'vitest';
import { createTestContext } from '../../testing/create-test-context.ts';
import { type SetConfig, setNode } from './v1.ts';

async function set(config: SetConfig, input: unknown) {
  const { ctx } = createTestContext({ config, input: input as never });
  return setNode.run(ctx);
}

describe('transform.set', () => {
  const input = { user: { name: 'Ann', email: 'ann@example.com' }, items: [{ sku: 'a' }], tmp: 1 };

  it('sets, renames and removes by dot path on a copy', async () => {
    const result = await set(
      {
        operations: [
          { op: 'set', path: 'status', value: 'new' },
          { op: 'set', path: 'meta.source.name', value: 'shop' },
          { op: 'set', path: 'items.0.qty', value: 2 },
          { op: 'rename', path: 'user', to: 'customer' },
          { op: 'remove', path: 'tmp' },
          { op: 'rename', path: 'absent', to: 'elsewhere' },
        ],
      },
      input,
    );
    expect(result).toEqual({
      out: {
        customer: { name: 'Ann', email: 'ann@example.com' },
        items: [{ sku: 'a', qty: 2 }],
        status: 'new',
        meta: { source: { name: 'shop' } },
      },
    });
    expect(input.tmp).toBe(1);
    expect(input.items[0]).toEqual({ sku: 'a' });
  });

  it('keeps only the listed paths', async () => {
    expect(await set({ keepOnly: ['user.email', 'items', 'missing'] }, input)).toEqual({
      out: { user: { email: 'ann@example.com' }, items: [{ sku: 'a' }] },
    });
  });

  it('treats a null input as an empty object and rejects other non-objects', async () => {
    expect(await set({ operations: [{ op: 'set', path: 'a', value: 1 }] }, null)).toEqual({ out: { a: 1 } });
    await expect(Promise.resolve().then(() => set({}, [1, 2]))).rejects.toMatchObject({
      code: 'JX_INPUT_INVALID',
      message: 'input must be an object, got array.',
    });
  });

  it('refuses prototype paths and empty segments', async () => {
    await expect(
      Promise.resolve().then(() =>
        set({ operations: [{ op: 'set', path: '__proto__.polluted', value: 1 }] }, {}),
      ),
    ).rejects.toMatchObject({ code: 'JX_CONFIG_INVALID', details: { field: 'operations[0].path' } });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await expect(
      Promise.resolve().then(() => set({ operations: [{ op: 'rename', path: 'a', to: 'b..c' }] }, { a: 1 })),
    ).rejects.toMatchObject({ code: 'JX_CONFIG_INVALID', details: { field: 'operations[0].to' } });
  });
});
