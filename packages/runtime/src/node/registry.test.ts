import { describe, expect, it } from 'vitest';
import { JunctionError } from '../errors/junction-error.ts';
import { defineNode } from './node-type.ts';
import { NodeRegistry, portsOf } from './registry.ts';

const base = { category: 'utility' as const, description: 'test node', config: {} };

function greet(version: number, extra: Partial<Parameters<typeof defineNode>[0]> = {}) {
  return defineNode({
    ...base,
    type: 'test.greet',
    version,
    title: `Greet v${version}`,
    inputs: ['in'],
    outputs: ['out'],
    run: () => ({ out: version }),
    ...extra,
  });
}

describe('NodeRegistry', () => {
  it('holds several versions of one type side by side and finds each', () => {
    const v1 = greet(1);
    const v2 = greet(2);
    const registry = new NodeRegistry().register(v2, v1);
    expect(registry.find('test.greet', 1)).toBe(v1);
    expect(registry.get('test.greet', 2)).toBe(v2);
    expect(registry.find('test.greet', 3)).toBeUndefined();
    expect(registry.list().map((definition) => definition.version)).toEqual([1, 2]);
  });

  it('refuses the same type and version twice with JX_NODE_TYPE_DUPLICATE', () => {
    const registry = new NodeRegistry().register(greet(1));
    let thrown: unknown;
    try {
      registry.register(greet(2), greet(1));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(JunctionError);
    expect(thrown).toMatchObject({
      code: 'JX_NODE_TYPE_DUPLICATE',
      message: 'Node type test.greet v1 is registered twice.',
      details: { type: 'test.greet', version: 1 },
    });
    // The refused call registered what came before the duplicate; the first v1 stays.
    expect(registry.list().map((definition) => definition.version)).toEqual([1, 2]);
  });

  it('names the installed versions when a version is missing (JX_NODE_TYPE_UNKNOWN)', () => {
    const registry = new NodeRegistry().register(greet(1), greet(3));
    expect(() => registry.get('test.greet', 2)).toThrow(
      'Node type test.greet has no version 2 (known: 1, 3).',
    );
    expect(() => registry.get('test.nothing', 1)).toThrow('Node type test.nothing is not installed.');
  });

  it('latest() is the highest version, whatever the registration order', () => {
    const registry = new NodeRegistry().register(greet(2), greet(10), greet(1));
    expect(registry.latest('test.greet')?.version).toBe(10);
    expect(registry.latest('test.nothing')).toBeUndefined();
  });

  it('descriptors() are serialisable data, sorted by type then version, without functions', () => {
    const registry = new NodeRegistry().register(
      greet(2, {
        ports: () => ({ inputs: ['in'], outputs: ['out', 'other'] }),
        sideEffects: () => false,
      }),
      greet(1, { sideEffects: false }),
      defineNode({
        ...base,
        type: 'test.alpha',
        version: 1,
        title: 'A',
        inputs: [],
        outputs: ['out'],
        run: () => ({}),
      }),
    );
    const descriptors = registry.descriptors();
    expect(descriptors.map((d) => `${d.type}@${d.version}`)).toEqual([
      'test.alpha@1',
      'test.greet@1',
      'test.greet@2',
    ]);
    expect(descriptors[1]).toEqual({
      ...base,
      type: 'test.greet',
      version: 1,
      title: 'Greet v1',
      inputs: ['in'],
      outputs: ['out'],
      dynamicPorts: false,
    });
    expect(descriptors[2]?.dynamicPorts).toBe(true);
    for (const descriptor of descriptors) {
      expect(descriptor).not.toHaveProperty('run');
      expect(descriptor).not.toHaveProperty('ports');
      expect(descriptor).not.toHaveProperty('sideEffects');
    }
    expect(JSON.parse(JSON.stringify(descriptors))).toEqual(descriptors);
  });

  it('portsOf() derives ports from the config when the type declares them', () => {
    const dynamic = greet(2, { ports: (config) => ({ inputs: ['in'], outputs: [String(config.port)] }) });
    expect(portsOf(dynamic, { port: 'x' })).toEqual({ inputs: ['in'], outputs: ['x'] });
    expect(portsOf(greet(1), { port: 'x' })).toEqual({ inputs: ['in'], outputs: ['out'] });
  });
});
