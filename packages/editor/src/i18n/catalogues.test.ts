import { parse, TYPE } from '@formatjs/icu-messageformat-parser';
import { describe, expect, it } from 'vitest';
import en from './messages/en.json' with { type: 'json' };
import zh from './messages/zh-CN.json' with { type: 'json' };

type Element = ReturnType<typeof parse>[number];

/** Names of the placeholders a message uses (plural/select arguments included). */
function placeholders(elements: Element[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select)
      for (const option of Object.values(element.options)) placeholders(option.value, into);
    if (element.type === TYPE.tag) placeholders(element.children, into);
  }
  return into;
}

/** Keys present in `a` and missing from `b`. */
function missing(a: object, b: object): string[] {
  return Object.keys(a).filter((key) => !(key in b));
}

describe('editor catalogues', () => {
  it('zh-CN has every English key and no key English lacks', () => {
    expect({ missingInZh: missing(en, zh), missingInEn: missing(zh, en) }).toEqual({
      missingInZh: [],
      missingInEn: [],
    });
  });

  it('every message is valid ICU and both languages use the same placeholders', () => {
    const differing = Object.entries(en).flatMap(([key, english]) => {
      const chinese = (zh as Record<string, string>)[key] ?? '';
      const a = [...placeholders(parse(english))].sort();
      const b = [...placeholders(parse(chinese))].sort();
      return JSON.stringify(a) === JSON.stringify(b) ? [] : [`${key}: en ${a} / zh-CN ${b}`];
    });
    expect(differing).toEqual([]);
  });

  it('no zh-CN message is left in English', () => {
    // A sentence of English words only means the key was copied, not translated.
    const untranslated = Object.entries(zh).filter(
      ([key, text]) =>
        /[a-z]{3,} [a-z]{3,}/i.test(text) &&
        !/[\u4e00-\u9fff]/.test(text) &&
        text === (en as Record<string, string>)[key],
    );
    expect(untranslated).toEqual([]);
  });
});
