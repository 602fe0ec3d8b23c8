import { describe, expect, it } from 'vitest';
import type { Json } from '../flow/json.ts';
import { defineNode } from '../node/node-type.ts';
import { NodeRegistry } from '../node/registry.ts';
import { collectSensitive, compileSensitivePaths } from './sensitive-paths.ts';

describe('sensitiveOutputs paths', () => {
  it('collects the strings at each path, * matching any index or key', () => {
    const paths = compileSensitivePaths('t', ['/out/*/card_pwd', '/error/secret']);
    const outputs = {
      out: [{ card_pwd: 'a', n: 1 }, { card_pwd: 'b' }, { other: 'c' }],
      error: { secret: { x: 'd' } },
    } as Record<string, Json>;
    expect(collectSensitive(outputs, paths)).toEqual(['a', 'b', 'd']);
  });

  it('refuses a pattern that is not a pointer into a port, with its code', () => {
    for (const bad of ['out/*/x', '/*/x', '']) {
      expect(() => compileSensitivePaths('cards.decrypt', [bad])).toThrow(
        expect.objectContaining({ code: 'JX_SENSITIVE_PATH_INVALID' }),
      );
    }
  });

  it('fails at registration, not at the first run', () => {
    const node = defineNode({
      type: 'bad.sensitive',
      version: 1,
      title: 'bad',
      category: 'utility',
      description: 'bad',
      config: {},
      inputs: [],
      outputs: ['out'],
      sensitiveOutputs: ['out'],
      run: () => ({ out: null }),
    });
    expect(() => new NodeRegistry().register(node)).toThrow(
      expect.objectContaining({ code: 'JX_SENSITIVE_PATH_INVALID' }),
    );
  });
});
