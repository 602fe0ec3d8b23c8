import { readFileSync } from 'node:fs';
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

describe('Chinese documents stay in step with the English ones', () => {
  it('README.zh-CN.md has the README’s sections and the same commands, and each links the other', () => {
    const en = read('README.md');
    const zh = read('README.zh-CN.md');
    expect(outline(zh)).toEqual(outline(en));
    expect(en).toContain('(README.zh-CN.md)');
    expect(zh).toContain('(README.md)');
    expect(zh).toContain('npm i -g pnpm@10 && pnpm install && pnpm start');
  });
});
