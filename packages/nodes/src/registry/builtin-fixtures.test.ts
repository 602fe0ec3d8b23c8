import { readdirSync, readFileSync } from 'node:fs';
import { validateFlow } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { controlNodes } from './control-nodes.ts';
import { createBuiltinRegistry } from './create-builtin-registry.ts';

const fixtureDirs = ['../control/fixtures/', '../utility/fixtures/'].map(
  (dir) => new URL(dir, import.meta.url),
);
const fixtures = fixtureDirs.flatMap((dir) =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .map((name) => ({ name, url: new URL(name, dir) })),
);

describe('built-in registry', () => {
  const registry = createBuiltinRegistry();

  it('holds every control node type with a described, people-friendly config schema', () => {
    for (const definition of controlNodes) {
      expect(registry.get(definition.type, definition.version)).toBe(definition);
      expect(definition.icon, definition.type).toBeTruthy();
      expect(definition.config.type, definition.type).toBe('object');
    }
    const descriptors = registry.descriptors();
    expect(JSON.parse(JSON.stringify(descriptors))).toEqual(descriptors);
  });

  it.each(fixtures)('fixture $name is a valid flow for the built-in registry', ({ url }) => {
    const flow = JSON.parse(readFileSync(url, 'utf8')) as unknown;
    expect(validateFlow(flow, registry)).toEqual([]);
  });
});
