import { describe, expect, it } from 'vitest';
import { nodeTypesFixture, orderFlow } from '../../test/support/fixtures.ts';
import type { FlowDocument } from '../document/flow-types.ts';
import { validateConfig } from './config-validator.ts';
import { problemsByField, problemsByNode, targetOf } from './problem-map.ts';
import { validateDocument } from './validate-document.ts';

const { nodeTypes } = nodeTypesFixture();

describe('validateDocument', () => {
  it('finds no problem in the example flow', () => {
    expect(validateDocument(orderFlow(), { nodeTypes })).toEqual([]);
  });

  it('reports config, expression, port and type problems with pointers into the document', () => {
    const flow: FlowDocument = orderFlow();
    flow.nodes[1]!.config = { method: 'GET' };
    flow.nodes[2]!.config = { condition: '=body.stock >' };
    flow.nodes.push({ id: 'ghost', type: 'nope.node', typeVersion: 1, position: { x: 0, y: 0 }, config: {} });
    flow.edges.push({
      id: 'e9',
      source: { node: 'inStock', port: 'maybe' },
      target: { node: 'ghost', port: 'in' },
    });
    const problems = validateDocument(flow, { nodeTypes });
    const codes = problems.map((p) => `${p.code} ${p.pointer}`);
    expect(codes).toEqual([
      'JX_CONFIG /nodes/1/config/url',
      'JX_EXPRESSION_SYNTAX /nodes/2/config/condition',
      'JX_UNKNOWN_NODE_TYPE /nodes/3/type',
      'JX_UNKNOWN_PORT /edges/2/source/port',
    ]);
    expect(problemsByNode(problems, flow).get('fetchProduct')?.[0]?.message).toContain('url');
  });

  it('knows the outputs of a switch from its cases', () => {
    const flow = orderFlow();
    flow.nodes.push({
      id: 'route',
      type: 'flow.switch',
      typeVersion: 1,
      position: { x: 0, y: 0 },
      config: { cases: [{ name: 'big' }, {}] },
    });
    flow.edges.push({
      id: 'e3',
      source: { node: 'inStock', port: 'true' },
      target: { node: 'route', port: 'in' },
    });
    flow.edges.push({
      id: 'e4',
      source: { node: 'route', port: 'case1' },
      target: { node: 'fetchProduct', port: 'in' },
    });
    const problems = validateDocument(flow, { nodeTypes });
    expect(problems.map((p) => p.code)).toEqual(['JX_CYCLE']);
  });

  it('checks credentials against the kinds a slot accepts', () => {
    const flow = orderFlow();
    flow.nodes[1]!.credentials = { auth: 'c1' };
    const problems = validateDocument(flow, { nodeTypes, credentialKind: () => 'basic' });
    expect(problems.map((p) => [p.code, p.pointer])).toEqual([
      ['JX_CREDENTIAL_KIND', '/nodes/1/credentials/auth'],
    ]);
  });
});

describe('validateConfig (inline form errors)', () => {
  const schema = nodeTypes.find((t) => t.type === 'http.request')!.config;

  it('points a missing required field at the field itself', () => {
    expect(validateConfig(schema, {})).toEqual([{ pointer: '/url', message: 'url is required.' }]);
  });

  it('accepts an expression where a number is expected', () => {
    expect(validateConfig(schema, { url: 'https://x.test', timeoutMs: '=$vars.timeout' })).toEqual([]);
    expect(validateConfig(schema, { url: 'https://x.test', timeoutMs: 'soon' })[0]).toMatchObject({
      pointer: '/timeoutMs',
    });
  });
});

describe('targetOf', () => {
  it('resolves node fields, edges and flow fields', () => {
    const flow = orderFlow();
    expect(targetOf({ code: 'X', pointer: '/nodes/1/config/url', message: '' }, flow)).toEqual({
      kind: 'node',
      nodeId: 'fetchProduct',
      field: '/config/url',
    });
    expect(targetOf({ code: 'X', pointer: '/edges/0', message: '' }, flow)).toMatchObject({
      kind: 'edge',
      edgeId: 'e1',
    });
    expect(targetOf({ code: 'X', pointer: '/name', message: '' }, flow)).toEqual({
      kind: 'flow',
      field: '/name',
    });
    const byField = problemsByField(
      [{ code: 'X', pointer: '/nodes/2/config/condition', message: 'bad' }],
      flow,
      'inStock',
    );
    expect(byField.get('/config/condition')).toBe('bad');
  });
});
