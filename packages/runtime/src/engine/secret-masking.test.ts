import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEngine,
  createMemoryStore,
  defineNode,
  type EngineEvent,
  type FlowDocument,
  type Json,
  JunctionError,
  NodeRegistry,
  REDACTED,
  type ResolvedCredential,
  type SecretVariants,
} from '../index.ts';

// A remote server that echoes the request back puts the credential into the node's output, its
// error and its log lines: the engine must mask them before anything is journaled or emitted.

const TOKEN = 'tok-3xtremely-secret/value';
const USER = 'merchant';
const PASSWORD = 'pa55word-secret';
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url?.startsWith('/fail')) res.statusCode = 500;
    res.end(JSON.stringify({ headers: req.headers, url: req.url }));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.close();
});

/** A tiny HTTP node: sends the credential as its kind says, returns or throws what comes back. */
const echoNode = defineNode({
  type: 'test.echo',
  version: 1,
  title: 'Echo',
  category: 'integration',
  description: 'Calls the echo server with the credential.',
  inputs: ['in'],
  outputs: ['out'],
  config: {},
  credentials: { auth: { kinds: ['bearer', 'basic'] } },
  async run(ctx) {
    const credential = ctx.credentials.auth!;
    const authorization =
      credential.kind === 'bearer'
        ? `Bearer ${String(credential.data.token)}`
        : `Basic ${Buffer.from(`${String(credential.data.username)}:${String(credential.data.password)}`).toString('base64')}`;
    const path = String(ctx.config.path ?? '/ok');
    const response = await fetch(`${base}${path}?key=${encodeURIComponent(TOKEN)}`, {
      headers: { authorization },
    });
    const body = (await response.json()) as Json;
    ctx.log.info(`called with ${authorization}`, { sent: authorization });
    if (!response.ok) {
      throw new JunctionError('JX_HTTP_STATUS', `Echo answered ${response.status}: ${JSON.stringify(body)}`, {
        body,
        retryable: false,
      });
    }
    return { out: body };
  },
});

const trigger = defineNode({
  type: 'test.trigger',
  version: 1,
  title: 'Trigger',
  category: 'trigger',
  description: 'Starts the flow.',
  trigger: true,
  inputs: [],
  outputs: ['out'],
  config: {},
  run: (ctx) => ({ out: ctx.input }),
});

function flow(path: string, credentialId: string): FlowDocument {
  const position = { x: 0, y: 0 };
  return {
    schemaVersion: 1,
    id: 'echo',
    name: 'echo',
    nodes: [
      { id: 'start', type: 'test.trigger', typeVersion: 1, position, config: {} },
      {
        id: 'call',
        type: 'test.echo',
        typeVersion: 1,
        position,
        config: { path },
        credentials: { auth: credentialId },
        onError: 'route',
      },
    ],
    edges: [{ id: 'e1', source: { node: 'start', port: 'out' }, target: { node: 'call', port: 'in' } }],
  };
}

const credentials: Record<string, ResolvedCredential> = {
  api: { id: 'api', kind: 'bearer', data: { token: TOKEN }, allowedHosts: [] },
  login: { id: 'login', kind: 'basic', data: { username: USER, password: PASSWORD }, allowedHosts: [] },
};

async function runEcho(path: string, credentialId: string, secretVariants?: SecretVariants) {
  const store = createMemoryStore();
  const logged: string[] = [];
  const events: EngineEvent[] = [];
  const engine = createEngine({
    store,
    registry: new NodeRegistry().register(trigger, echoNode),
    credentials: { resolve: async (id) => credentials[id] },
    logger: (line) => logged.push(JSON.stringify(line)),
    ...(secretVariants ? { secretVariants } : {}),
  });
  engine.on((event) => events.push(event));
  const handle = await engine.start(flow(path, credentialId), { input: {} });
  const result = await handle.done;
  const everything = JSON.stringify({
    result,
    journal: await store.readJournal(handle.id),
    record: await store.getRun(handle.id),
    events,
    logged,
  });
  await engine.stop();
  return { result, everything };
}

describe('secrets echoed back by a remote server', () => {
  it('are masked in outputs, journal, events and logs (bearer, URL-encoded form too)', async () => {
    const { result, everything } = await runEcho('/ok', 'api');
    expect(result).toMatchObject({
      status: 'succeeded',
      output: { headers: { authorization: `Bearer ${REDACTED}` }, url: `/ok?key=${REDACTED}` },
    });
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(encodeURIComponent(TOKEN));
    expect(everything).toContain(REDACTED);
  });

  it('are masked in errors routed or journaled', async () => {
    const { result, everything } = await runEcho('/fail', 'api');
    expect(result).toMatchObject({ status: 'succeeded', output: { code: 'JX_HTTP_STATUS' } });
    expect(everything).not.toContain(TOKEN);
    expect(everything).toContain(`Bearer ${REDACTED}`);
  });

  it('derived forms the kind declares (Basic base64 of user:password) are masked via secretVariants', async () => {
    const variants: SecretVariants = (credential) =>
      credential.kind === 'basic'
        ? [
            String(credential.data.password),
            Buffer.from(`${credential.data.username}:${credential.data.password}`).toString('base64'),
          ]
        : Object.values(credential.data).map(String);
    const { result, everything } = await runEcho('/fail', 'login', variants);
    expect(result).toMatchObject({ status: 'succeeded', output: { code: 'JX_HTTP_STATUS' } });
    expect(everything).not.toContain(BASIC);
    expect(everything).not.toContain(PASSWORD);
    expect(everything).toContain(`Basic ${REDACTED}`);
  });

  it('without secretVariants every string field of the credential is masked', async () => {
    const { everything } = await runEcho('/ok', 'login');
    expect(everything).not.toContain(PASSWORD);
    // The base64 form is unknown to the engine alone: that is what secretVariants is for.
    expect(everything).toContain(BASIC);
  });
});
