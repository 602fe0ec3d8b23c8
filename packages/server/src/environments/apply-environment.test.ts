import type { FlowDocument } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { matchWebhookPath, WebhookIndex } from '../webhooks/webhook-index.ts';
import { applyEnvironment } from './apply-environment.ts';
import type { Environment } from './environment-repository.ts';

const DOC = {
  schemaVersion: 1,
  id: 'shop',
  name: 'Shop',
  settings: { variables: { mode: 'live', region: 'cn' } },
  nodes: [
    {
      id: 'hook',
      type: 'trigger.webhook',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { path: 'orders' },
    },
    {
      id: 'call',
      type: 'cardPlatform.balance',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: {},
      credentials: { auth: 'supplier', verify: 'other' },
    },
  ],
  edges: [],
} as unknown as FlowDocument;

const env = (patch: Partial<Environment>): Environment => ({
  name: 'sandbox',
  position: 0,
  credentials: {},
  variables: {},
  createdAt: 0,
  ...patch,
});

describe('applyEnvironment', () => {
  it('returns the same document when nothing is bound or overridden', () => {
    expect(applyEnvironment(DOC, env({ credentials: { unrelated: 'x' } }))).toBe(DOC);
  });

  it('rebinds credential slots and overlays variables without touching the stored document', () => {
    const resolved = applyEnvironment(
      DOC,
      env({ credentials: { supplier: 'supplier-test' }, variables: { shop: { mode: 'test' } } }),
    );
    expect(resolved.nodes[1]?.credentials).toEqual({ auth: 'supplier-test', verify: 'other' });
    expect(resolved.settings?.variables).toEqual({ mode: 'test', region: 'cn' });
    expect(DOC.nodes[1]?.credentials).toEqual({ auth: 'supplier', verify: 'other' });
    expect(DOC.settings?.variables).toEqual({ mode: 'live', region: 'cn' });
  });
});

describe('matchWebhookPath', () => {
  const index = new WebhookIndex();
  index.rebuild([
    { flowId: 'shop', version: 1, canary: false, environment: 'production', document: DOC },
    { flowId: 'shop', version: 1, canary: false, environment: 'sandbox', document: DOC },
    {
      flowId: 'legacy',
      version: 1,
      canary: false,
      document: {
        ...DOC,
        id: 'legacy',
        nodes: [{ ...DOC.nodes[0], config: { path: 'sandbox/legacy' } }],
      } as FlowDocument,
    },
  ]);
  const envs = ['sandbox', 'production'];

  it('serves an environment under its prefix and production without one', () => {
    expect(matchWebhookPath(index, envs, 'sandbox/orders', 'POST').entry?.environment).toBe('sandbox');
    expect(matchWebhookPath(index, envs, 'production/orders', 'POST').entry?.environment).toBe('production');
    expect(matchWebhookPath(index, envs, 'orders', 'POST').entry?.environment).toBe('production');
    expect(matchWebhookPath(index, envs, 'staging/orders', 'POST').entry).toBeUndefined();
  });

  it('keeps a production path that starts with an environment name', () => {
    const found = matchWebhookPath(index, envs, 'sandbox/legacy', 'POST');
    expect(found.entry).toMatchObject({ flowId: 'legacy', environment: 'production' });
    expect(found.path).toBe('sandbox/legacy');
  });
});
