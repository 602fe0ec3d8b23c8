import { describe, expect, it } from 'vitest';
import { serverDialects } from '../testing/server-databases.ts';
import { listAudit } from './list-audit.ts';
import { recordAudit } from './record-audit.ts';

const dialects = serverDialects('audit');

describe.each(dialects)('audit log ($name)', ({ open }) => {
  it('records rows and lists them newest first with every filter and a cursor', async () => {
    const { db } = await open();
    await recordAudit(db, { actor: 'ci', action: 'flow.saved', target: 'shop', at: 1_000 });
    await recordAudit(db, { actor: 'ci', action: 'version.created', target: 'shop@1', at: 2_000 });
    await recordAudit(db, {
      actor: 'ops',
      action: 'deployed',
      target: 'shop@1',
      at: 3_000,
      detail: { v: 1 },
    });
    await recordAudit(db, { actor: 'ops', action: 'flow.saved', target: 'shopA', at: 4_000 });
    await recordAudit(db, { actor: 'ops', action: 'flow.saved', target: 'shop-2', at: 5_000 });

    const all = await listAudit(db, {});
    expect(all.entries.map((e) => e.at)).toEqual([5_000, 4_000, 3_000, 2_000, 1_000]);
    expect(all.entries[2]).toMatchObject({
      actor: 'ops',
      action: 'deployed',
      target: 'shop@1',
      detail: { v: 1 },
    });
    expect(all.nextCursor).toBeNull();

    expect((await listAudit(db, { target: 'shop' })).entries.map((e) => e.target)).toEqual([
      'shop@1',
      'shop@1',
      'shop',
    ]);
    expect((await listAudit(db, { actor: 'ops', action: 'flow.saved' })).entries.map((e) => e.at)).toEqual([
      5_000, 4_000,
    ]);
    expect((await listAudit(db, { from: 2_000, to: 4_000 })).entries.map((e) => e.at)).toEqual([
      3_000, 2_000,
    ]);

    const first = await listAudit(db, { limit: 2 });
    expect(first.entries.map((e) => e.at)).toEqual([5_000, 4_000]);
    const second = await listAudit(db, { limit: 2, cursor: first.nextCursor! });
    expect(second.entries.map((e) => e.at)).toEqual([3_000, 2_000]);
    const third = await listAudit(db, { limit: 2, cursor: second.nextCursor! });
    expect(third.entries.map((e) => e.at)).toEqual([1_000]);
    expect(third.nextCursor).toBeNull();
  });

  it('drops detail keys that name secrets and nested objects', async () => {
    const { db } = await open();
    await recordAudit(db, {
      actor: 'ci',
      action: 'credential.updated',
      target: 'cred-1',
      detail: {
        fields: ['appKey'],
        appSecret: 's3cr3t-value',
        password: 'pw-value',
        apiKey: 'k-value',
        // biome-ignore lint/suspicious/noExplicitAny: a caller passing an object by mistake
        data: { appSecret: 'nested-value' } as any,
      },
    });
    const [entry] = (await listAudit(db, {})).entries;
    expect(entry!.detail).toEqual({ fields: ['appKey'] });
  });
});
