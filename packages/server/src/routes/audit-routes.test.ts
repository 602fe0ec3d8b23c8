import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

const SECRET = 'app-SECRET-91c3e7d5aa';
const ROTATED = 'app-SECRET-rotated-0b7f22';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => t.close());

async function audit(query = '', token?: string) {
  return t.api('GET', `/api/audit${query}`, undefined, token ? { token } : {});
}

function dataFilesContain(needle: string): boolean {
  return readdirSync(t.dataDir)
    .filter((f) => f.startsWith('junction.db'))
    .some((f) => readFileSync(join(t.dataDir, f)).includes(Buffer.from(needle)));
}

describe('audit log API', () => {
  it('records each change once, by the token that made it, at the point it is committed', async () => {
    const ops = (await t.api('POST', '/api/tokens', { name: 'ops-bot', scopes: ['flows:write', 'deploy'] }))
      .json;
    const as = { token: ops.token as string };
    const flow = fixture('webhook');
    expect((await t.api('PUT', `/api/flows/${flow.id}`, flow, as)).status).toBe(200);
    const v1 = (await t.api('POST', `/api/flows/${flow.id}/versions`, { note: 'first' }, as)).json.version;
    const v2 = (await t.api('POST', `/api/flows/${flow.id}/versions`, undefined, as)).json.version;
    expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version: v1 }, as)).status).toBe(200);
    const canary = { version: v1, canary: { version: v2, percent: 10 } };
    expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, canary, as)).status).toBe(200);
    expect((await t.api('POST', `/api/flows/${flow.id}/deploy/promote`, undefined, as)).status).toBe(200);
    expect((await t.api('POST', `/api/flows/${flow.id}/deploy/rollback`, undefined, as)).status).toBe(200);
    expect((await t.api('DELETE', `/api/flows/${flow.id}/deploy`, undefined, as)).status).toBe(204);
    // A refused change records nothing.
    expect((await t.api('POST', `/api/flows/${flow.id}/deploy/promote`, undefined, as)).status).toBe(409);
    expect((await t.api('DELETE', `/api/flows/${flow.id}`, undefined, as)).status).toBe(204);
    expect((await t.api('DELETE', `/api/tokens/${ops.id}`)).status).toBe(204);

    const { entries } = (await audit()).json;
    expect(
      entries.map((e: { actor: string; action: string; target: string }) => [e.actor, e.action, e.target]),
    ).toEqual(
      [
        ['admin', 'token.created', ops.id],
        ['ops-bot', 'flow.saved', flow.id],
        ['ops-bot', 'version.created', `${flow.id}@${v1}`],
        ['ops-bot', 'version.created', `${flow.id}@${v2}`],
        ['ops-bot', 'deployed', `${flow.id}@${v1}`],
        ['ops-bot', 'deployed', `${flow.id}@${v1}`],
        ['ops-bot', 'promoted', `${flow.id}@${v2}`],
        ['ops-bot', 'rolled_back', `${flow.id}@${v1}`],
        ['ops-bot', 'undeployed', flow.id],
        ['ops-bot', 'flow.deleted', flow.id],
        ['admin', 'token.revoked', ops.id],
      ].reverse(),
    );
    expect(entries.find((e: { action: string }) => e.action === 'token.created').detail).toEqual({
      name: 'ops-bot',
      scopes: ['flows:write', 'deploy'],
    });
    expect(entries.find((e: { detail: { note?: string } }) => e.detail.note === 'first')).toBeDefined();
    expect(entries[5].detail).toEqual({
      version: v1,
      environment: 'production',
      canaryVersion: v2,
      canaryPercent: 10,
    });
    for (const e of entries) expect(e.at).toBeGreaterThan(0);
  });

  it('filters by actor, action, target (a flow id finds its versions) and time, and pages by cursor', async () => {
    const byActor = (await audit('?actor=ops-bot&action=version.created')).json.entries;
    expect(byActor).toHaveLength(2);
    const byTarget = (await audit('?target=orders-hook')).json.entries;
    expect(byTarget).toHaveLength(9);
    const all = (await audit()).json.entries;
    const middle = all[5].at;
    const since = (await audit(`?from=${middle}`)).json.entries;
    expect(since.every((e: { at: number }) => e.at >= middle)).toBe(true);
    expect((await audit(`?to=${middle}`)).json.entries.every((e: { at: number }) => e.at < middle)).toBe(
      true,
    );
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { entries: { id: string }[]; nextCursor: string | null } = (
        await audit(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`)
      ).json;
      expect(page.entries.length).toBeLessThanOrEqual(4);
      seen.push(...page.entries.map((e) => e.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(all.map((e: { id: string }) => e.id));
  });

  it('never holds a secret: credential created, updated, rotated, deleted', async () => {
    const created = await t.api('POST', '/api/credentials', {
      id: 'supplier',
      name: 'Supplier',
      kind: 'card-platform',
      allowedHosts: ['127.0.0.1'],
      data: { appKey: 'merchant-key-1', appSecret: SECRET, gatewayUrl: 'http://127.0.0.1:9/api/gateway' },
    });
    expect(created.status).toBe(201);
    const hosts = { allowedHosts: ['127.0.0.1', 'localhost'] };
    expect((await t.api('PATCH', '/api/credentials/supplier', hosts)).status).toBe(200);
    const rotated = await t.api('PATCH', '/api/credentials/supplier', { data: { appSecret: ROTATED } });
    expect(rotated.status).toBe(200);
    expect((await t.api('DELETE', '/api/credentials/supplier')).status).toBe(204);

    const answer = await audit('?target=supplier');
    expect(answer.json.entries.map((e: { action: string }) => e.action)).toEqual([
      'credential.deleted',
      'credential.rotated',
      'credential.updated',
      'credential.created',
    ]);
    expect(answer.json.entries[1].detail).toEqual({ fields: [], rotated: ['appSecret'] });
    expect(answer.json.entries[3].detail).toEqual({
      kind: 'card-platform',
      fields: ['appKey', 'appSecret', 'gatewayUrl'],
    });
    for (const secret of [SECRET, ROTATED]) {
      expect(answer.text).not.toContain(secret);
      expect(dataFilesContain(secret), `${secret} in the database files`).toBe(false);
    }
    // The raw rows too, not only what the API shows.
    const db = new Database(join(t.dataDir, 'junction.db'), { readonly: true });
    const rows = db.prepare('SELECT * FROM srv_audit').all();
    db.close();
    expect(rows.length).toBeGreaterThan(10);
    for (const secret of [SECRET, ROTATED]) expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('needs audit:read or admin, and has no route that changes an entry', async () => {
    const reader = (await t.api('POST', '/api/tokens', { name: 'auditor', scopes: ['audit:read'] })).json;
    const other = (await t.api('POST', '/api/tokens', { name: 'reader', scopes: ['flows:read'] })).json;
    expect((await audit('', reader.token)).status).toBe(200);
    const refused = await audit('', other.token);
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'JX_FORBIDDEN', details: { required: 'audit:read' } });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const response = await t.api(method, '/api/audit', method === 'DELETE' ? undefined : {});
      expect([404, 405], method).toContain(response.status);
      expect(response.json.error.code, method).toMatch(/^JX_/);
    }
  });

  it('answers bad filters with coded errors', async () => {
    for (const query of [
      '?action=flow.exploded',
      '?limit=0',
      '?from=yesterday',
      '?cursor=abc',
      '?colour=red',
    ]) {
      const response = await audit(query);
      expect(response.status, query).toBe(400);
      expect(response.json.error.code, query).toMatch(/^JX_/);
    }
  });
});
