import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defineNode, type FlowDocument } from '@junction/runtime';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuiltinRegistry } from '../integration/runtime-glue.ts';
import { fixture, startTestServer, type TestServer } from '../testing/test-server.ts';

const PASSWORD = 'PWD-5e1b77c04d';
const NUMBER = 'CN-20000002-0007';

/** Stands in for cardPlatform.decryptCards: same declaration, no supplier needed. */
const cardsNode = defineNode({
  type: 'test.cards',
  version: 1,
  title: 'Cards',
  category: 'integration',
  description: 'Yields card keys, declared sensitive.',
  config: {},
  inputs: ['in'],
  outputs: ['out'],
  sensitiveOutputs: ['/out/cards/*/card_number', '/out/cards/*/card_pwd'],
  run: () => ({ out: { cards: [{ card_number: NUMBER, card_pwd: PASSWORD }] } }),
});

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer({ registry: createBuiltinRegistry().register(cardsNode) });
  const flow: FlowDocument = fixture('respond-cards');
  expect((await t.api('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  const version = (await t.api('POST', `/api/flows/${flow.id}/versions`)).json.version;
  expect((await t.api('POST', `/api/flows/${flow.id}/deploy`, { version })).status).toBe(200);
});
afterAll(() => t.close());

const dataFiles = () =>
  readdirSync(t.dataDir)
    .filter((file) => file.startsWith('junction.db'))
    .map((file) => readFileSync(join(t.dataDir, file)).toString('latin1'))
    .join('\n');

describe('a respond node answering with sealed values', () => {
  it('answers the shop with the plain cards, first time and on a retry after a restart', async () => {
    const hook = () => t.api('POST', '/hooks/shop/cards', { order: 'C-1' }, { token: null });
    const first = await hook();
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      cards: [{ card_number: NUMBER, card_pwd: PASSWORD }],
      note: `卡密 ${PASSWORD}`,
    });
    expect(dataFiles()).not.toContain(PASSWORD);

    // The retry gets exactly the recorded answer, opened from its sealed record.
    await t.restart();
    const again = await hook();
    expect(again.headers.get('x-junction-replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    const runId = first.headers.get('x-junction-run-id')!;
    expect(runId).toBeTruthy();
    const stored = dataFiles();
    expect(stored).toContain(runId);
    expect(stored).not.toContain(PASSWORD);
    expect(stored).not.toContain(NUMBER);
  });
});
