import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPostgresStore, type PostgresRunStore } from '@junction/runtime';
import { decryptCard, type SandboxHandle, startSandbox } from '@junction/sandbox';
import { type RunningServer, type ServerOptions, startServer } from '@junction/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJunctionClient, loadExamples } from '../src/index.ts';
import { LOCAL_EGRESS, type RunView, TEST_VARIABLES } from './support/card-stack.ts';
import { waitUntil } from './support/wait-until.ts';

const PG_URL = process.env.JUNCTION_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const STEAM_50 = '10000001';

interface Storage {
  name: string;
  options(dataDir: string): Partial<ServerOptions>;
  /** Every byte the database holds for this server, as text. */
  dump(dataDir: string): Promise<string>;
  close(): Promise<void>;
}

/** The SQLite file and its WAL, read as bytes: what a stolen disk or backup would show. */
const sqlite: Storage = {
  name: 'SQLite file',
  options: () => ({}),
  dump: async (dataDir) =>
    readdirSync(dataDir)
      .filter((file) => file.startsWith('junction.db'))
      .map((file) => readFileSync(join(dataDir, file)).toString('latin1'))
      .join('\n'),
  close: async () => {},
};

/** A schema of its own on the shared PostgreSQL: every row of every table, as text. */
function postgres(): Storage {
  const schema = `jx_sealed_${randomBytes(4).toString('hex')}`;
  let store: PostgresRunStore | undefined;
  const masterKey = randomBytes(32).toString('hex');
  return {
    name: 'PostgreSQL rows',
    options: () => ({ databaseUrl: PG_URL, databaseSchema: schema, masterKey }),
    dump: async () => {
      store ??= createPostgresStore({ connectionString: PG_URL, schema });
      await store.ready;
      const tables = await store.pool.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1',
        [schema],
      );
      const rows: string[] = [];
      for (const { table_name } of tables.rows) {
        const result = await store.pool.query<{ row: string }>(
          `SELECT t::text AS row FROM "${schema}"."${table_name}" t`,
        );
        rows.push(...result.rows.map((r) => r.row));
      }
      return rows.join('\n');
    },
    close: async () => {
      await store?.pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => undefined);
      await store?.close();
    },
  };
}

describe.each([sqlite, postgres()])('order-card: card keys at rest ($name)', (storage) => {
  let sandbox: SandboxHandle;
  let server: RunningServer;
  let serverUrl: string;
  let adminToken: string;
  const dataDir = mkdtempSync(join(tmpdir(), 'junction-sealed-'));
  const start = (extra: Partial<ServerOptions> = {}) =>
    startServer({
      port: serverUrl ? Number(new URL(serverUrl).port) : 0,
      dataDir,
      logLevel: 'silent',
      egress: LOCAL_EGRESS,
      ...storage.options(dataDir),
      ...extra,
    });

  beforeAll(async () => {
    sandbox = await startSandbox({ seed: 7, timeFactor: 0.01 });
    server = await start();
    serverUrl = server.url;
    adminToken = server.adminToken!;
    await loadExamples({ serverUrl, token: adminToken, sandbox, variables: TEST_VARIABLES });
  });
  afterAll(async () => {
    await server?.close();
    await sandbox?.close();
    await storage.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  let runId: string;
  let plain: { card_number: string; card_pwd: string }[];

  it('delivers the cards and stores no card number or password, only sealed values', async () => {
    const admin = createJunctionClient({ serverUrl, token: adminToken });
    const answer = await fetch(`${serverUrl}/hooks/shop/order`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ product_id: STEAM_50, buy_num: 3, customer_order_no: 'S-1' }),
    });
    expect(answer.status).toBe(202);
    runId = answer.headers.get('x-junction-run-id')!;
    const view = await waitUntil(async () => {
      const v = await admin.request<RunView>('GET', `/api/runs/${runId}`);
      return ['succeeded', 'failed'].includes(v.run.status) ? v : undefined;
    }, `run ${runId} finished`);
    expect(view.run.status).toBe('succeeded');
    const order = sandbox.orders({ customerOrderNo: 'S-1' })[0]!;
    plain = order.cards.map((card) => ({
      card_number: decryptCard(card.card_number, sandbox.appSecret),
      card_pwd: decryptCard(card.card_pwd, sandbox.appSecret),
    }));
    expect(plain).toHaveLength(3);
    // The shop reads its goods with an admin (or runs:secrets) token: the values, exactly.
    const cards = (view.run.output as { cards: { card_number: string; card_pwd: string }[] }).cards;
    expect(cards.map(({ card_number, card_pwd }) => ({ card_number, card_pwd }))).toEqual(plain);

    const bytes = await storage.dump(dataDir);
    expect(bytes).toContain(runId);
    expect(bytes).toContain('jx:sealed:');
    for (const card of plain) {
      expect(bytes).not.toContain(card.card_pwd);
      expect(bytes).not.toContain(card.card_number);
    }
  });

  it('shows [sealed] to a flows:read token and the values to a runs:secrets token', async () => {
    const admin = createJunctionClient({ serverUrl, token: adminToken });
    const token = async (scopes: string[]) =>
      (await admin.request<{ token: string }>('POST', '/api/tokens', { name: scopes.join('+'), scopes }))
        .token;
    const readerToken = await token(['flows:read']);
    const reader = createJunctionClient({ serverUrl, token: readerToken });
    const secrets = createJunctionClient({ serverUrl, token: await token(['flows:read', 'runs:secrets']) });

    const masked = await reader.request<RunView>('GET', `/api/runs/${runId}`);
    const text = JSON.stringify(masked);
    for (const card of plain) expect(text).not.toContain(card.card_pwd);
    const maskedCards = (masked.run.output as { cards: { card_pwd: string; card_number: string }[] }).cards;
    expect(maskedCards.map((card) => [card.card_number, card.card_pwd])).toEqual(
      plain.map(() => ['[sealed]', '[sealed]']),
    );
    const decrypt = masked.nodes.find((node) => node.nodeId === 'decryptCards')!;
    expect(JSON.stringify(decrypt.output)).toContain('[sealed]');
    const listed = await reader.request<{ runs: unknown[] }>('GET', '/api/runs?flowId=order-card');
    for (const card of plain) expect(JSON.stringify(listed)).not.toContain(card.card_pwd);
    const events = await (
      await fetch(`${serverUrl}/api/runs/${runId}/events`, {
        headers: { authorization: `Bearer ${readerToken}` },
      })
    ).text();
    expect(events).toContain('event: snapshot');
    for (const card of plain) expect(events).not.toContain(card.card_pwd);

    const open = await secrets.request<RunView>('GET', `/api/runs/${runId}`);
    const cards = (open.run.output as { cards: { card_number: string; card_pwd: string }[] }).cards;
    expect(cards.map(({ card_number, card_pwd }) => ({ card_number, card_pwd }))).toEqual(plain);
    expect(JSON.stringify(open.journal)).toContain(plain[0]!.card_pwd);
  });

  it('erases the sealed values of finished runs past --sealed-retention', async () => {
    await server.close();
    server = await start({ sealedRetentionMs: 1 });
    const admin = createJunctionClient({ serverUrl, token: adminToken });
    const view = await waitUntil(async () => {
      // The first request after a restart may meet a pooled connection the old server closed.
      const v = await admin.request<RunView>('GET', `/api/runs/${runId}`).catch(() => undefined);
      return v &&
        JSON.stringify(v).includes('[sealed value erased]') &&
        !JSON.stringify(v).includes('jx:sealed:')
        ? v
        : undefined;
    }, 'sealed values erased');
    expect(view.run.status).toBe('succeeded');
    const cards = (view.run.output as { cards: { card_pwd: string; card_deadline: string }[] }).cards;
    expect(cards.map((card) => card.card_pwd)).toEqual(plain.map(() => '[sealed value erased]'));
    await server.close();
    expect(await storage.dump(dataDir)).not.toContain('jx:sealed:');
    server = await start();
  });
});
