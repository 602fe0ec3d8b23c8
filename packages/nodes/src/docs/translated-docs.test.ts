import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const root = new URL('../../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');

/** The outline of a Markdown document: heading levels in order and the number of code blocks. */
function outline(markdown: string): { headings: string[]; codeBlocks: number; commands: string[] } {
  const withoutCode = markdown.replace(/```[\s\S]*?```/g, '');
  return {
    headings: [...withoutCode.matchAll(/^(#{1,6}) /gm)].map((m) => m[1]!),
    codeBlocks: (markdown.match(/^```/gm) ?? []).length / 2,
    commands: [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!.trim()),
  };
}

/** Every fenced code block, fences included, in document order. */
function codeBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```[^\n]*\n[\s\S]*?^```$/gm)].map((m) => m[0]);
}

/** Each table as `rows×columns`, read from its delimiter row (cells may hold `|` inside code spans). */
function tableShapes(markdown: string): string[] {
  const tables = markdown.match(/^\|.*\|\n(?:\|.*\|(?:\n|$))+/gm) ?? [];
  return tables.map((table) => {
    const lines = table.trimEnd().split('\n');
    const columns = lines[1]!.split('|').length - 2;
    return `${lines.length - 2}×${columns}`;
  });
}

/** GitHub's heading anchor: lower case, punctuation (also full-width) dropped, spaces to hyphens. */
function anchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Relative links of a document under docs/zh-CN/ whose file or heading anchor does not exist. */
function brokenLinks(zhPath: string): string[] {
  const text = read(zhPath).replace(/```[\s\S]*?```/g, '');
  const base = new URL(zhPath, root);
  return [...text.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((m) => m[1]!)
    .filter((target) => !/^[a-z]+:/.test(target))
    .filter((target) => {
      const [path, hash] = target.split('#');
      const file = path ? new URL(path, base) : base;
      if (!existsSync(file)) return true;
      if (hash === undefined) return false;
      const headings = readFileSync(file, 'utf8')
        .replace(/```[\s\S]*?```/g, '')
        .matchAll(/^#{1,6} (.+)$/gm);
      return ![...headings].some((h) => anchor(h[1]!) === decodeURIComponent(hash));
    });
}

describe('Chinese documents stay in step with the English ones', () => {
  it('README.zh-CN.md has the README’s sections and the same commands, and each links the other', () => {
    const en = read('README.md');
    const zh = read('README.zh-CN.md');
    expect(outline(zh)).toEqual(outline(en));
    expect(en).toContain('(README.zh-CN.md)');
    expect(zh).toContain('(README.md)');
    expect(zh).toContain('npm i -g pnpm@10 && pnpm install && pnpm start');
  });

  it.each([
    'concepts',
    'deployment',
    'security',
    'connect-a-supplier',
    'api',
    'old-systems',
    'flow-format',
    'flow-tests',
  ])(
    'docs/zh-CN/%s.md has the English sections, tables and code blocks, and each links the other',
    (name) => {
      const en = read(`docs/${name}.md`);
      const zh = read(`docs/zh-CN/${name}.md`);
      expect(en.split('\n')[0]).toBe(`[中文](zh-CN/${name}.md)`);
      expect(zh.split('\n')[0]).toBe(`[English](../${name}.md)`);
      // The language lines are neither headings nor code, so the outlines compare as they are.
      expect(outline(zh)).toEqual(outline(en));
      expect(tableShapes(zh)).toEqual(tableShapes(en));
      expect(codeBlocks(zh)).toEqual(codeBlocks(en));
      expect(brokenLinks(`docs/zh-CN/${name}.md`)).toEqual([]);
    },
  );
});
