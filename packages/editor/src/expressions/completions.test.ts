import { describe, expect, it } from 'vitest';
import { type CompletionSources, complete, shapeOfSchema, shapeOfValue } from './completions.ts';
import { locateError } from './jsonata-language.ts';

const sources: CompletionSources = {
  nodes: {
    webhook: { title: 'Webhook', ports: { out: shapeOfValue({ body: { sku: 'A1', items: [{ qty: 2 }] } }) } },
    fetch: {
      title: 'Fetch',
      ports: {
        out: shapeOfSchema({ type: 'object', properties: { status: { type: 'integer' } } }),
        error: { type: 'any' },
      },
    },
  },
  vars: { region: shapeOfValue('eu') },
};

const labels = (text: string) => complete(text, sources).items.map((i) => i.label);

describe('expression completion', () => {
  it('offers node ids, then ports, then fields', () => {
    expect(labels('$nodes.')).toEqual(['webhook', 'fetch']);
    expect(labels('$nodes.we')).toEqual(['webhook']);
    expect(labels('$nodes.fetch.')).toEqual(['out', 'error']);
    expect(labels('$nodes.webhook.out.')).toEqual(['body']);
    expect(labels('$nodes.webhook.out.body.')).toEqual(['sku', 'items']);
    expect(labels('$nodes.webhook.out.body.items[0].')).toEqual(['qty']);
    expect(labels('$nodes.fetch.out.')).toEqual(['status']);
  });

  it('shows sample values from run data', () => {
    const sku = complete('$nodes.webhook.out.body.', sources).items[0]!;
    expect(sku.detail).toBe('string · "A1"');
  });

  it('offers variables and $-roots and functions', () => {
    expect(labels('$vars.')).toEqual(['region']);
    expect(labels('$no')).toEqual(['$nodes', '$now']);
    expect(complete('$up', sources).partial).toBe('$up');
    expect(labels('price * ')).toEqual([]);
  });

  it('locates jsonata parse errors for the underline', () => {
    let error: unknown;
    try {
      // biome-ignore lint/suspicious/noExplicitAny: the error shape is jsonata's
      (require('jsonata') as any)('a + ');
    } catch (e) {
      error = e;
    }
    const at = locateError(error ?? { position: 4, token: '(end)' }, 'a + ');
    expect(at.start).toBeGreaterThanOrEqual(0);
    expect(at.end).toBeLessThanOrEqual(5);
    expect(at.end).toBeGreaterThan(at.start);
  });
});
