import { missingTexts, nodeTexts } from '@junction/runtime';
import { describe, expect, it } from 'vitest';
import { credentialKinds } from '../credentials/credential-kinds.ts';
import { builtinNodes } from '../index.ts';
import { builtinCatalogues, descriptorLocale } from './node-catalogues.ts';

describe('built-in node catalogues', () => {
  for (const [locale, catalogue] of Object.entries(builtinCatalogues)) {
    it(`${locale} translates every title, description, field, choice and shape of every node type`, () => {
      const missing = builtinNodes.flatMap((node) =>
        missingTexts(
          { title: node.title, description: node.description, schema: node.config },
          nodeTexts(catalogue, node.type, node.version),
        ).map((what) => `${node.type}@${node.version}: ${what}`),
      );
      expect(missing).toEqual([]);
    });

    it(`${locale} translates every credential kind`, () => {
      const missing = credentialKinds.flatMap((kind) =>
        missingTexts(kind, catalogue.credentialKinds?.[kind.kind]).map((what) => `${kind.kind}: ${what}`),
      );
      expect(missing).toEqual([]);
    });

    it(`${locale} has no entry for a node type, field or kind that does not exist`, () => {
      const types = new Set(builtinNodes.flatMap((n) => [n.type, `${n.type}@${n.version}`]));
      const kinds = new Set(credentialKinds.map((k) => k.kind));
      expect(Object.keys(catalogue.nodes ?? {}).filter((t) => !types.has(t))).toEqual([]);
      expect(Object.keys(catalogue.credentialKinds ?? {}).filter((k) => !kinds.has(k))).toEqual([]);
    });
  }
});

describe('descriptorLocale', () => {
  it('reads Accept-Language with quality values', () => {
    expect(descriptorLocale('zh-CN,zh;q=0.9,en;q=0.8')).toBe('zh-CN');
    expect(descriptorLocale('en-US,en;q=0.9,zh;q=0.5')).toBe('en');
    expect(descriptorLocale('fr;q=1, zh-TW;q=0.4')).toBe('zh-CN');
    expect(descriptorLocale(undefined)).toBe('en');
  });
});
