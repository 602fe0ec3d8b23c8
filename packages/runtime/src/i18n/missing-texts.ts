import type { JsonSchema } from '../node/node-type.ts';
import type { DescriptorTexts } from './descriptor-texts.ts';
import { mapFields } from './localize-descriptor.ts';

type Schema = { [key: string]: unknown };

/**
 * What a translation lacks for one descriptor: `title`, `description`, and per field path its
 * `title`, `description`, each choice label (`options.<value>`) and each shape title — every text the
 * English descriptor has. Used by completeness tests of built-in and outside catalogues.
 */
export function missingTexts(
  english: { title: string; description: string; schema: JsonSchema },
  texts: DescriptorTexts | undefined,
): string[] {
  const missing: string[] = [];
  if (!texts?.title) missing.push('title');
  if (!texts?.description) missing.push('description');
  mapFields(english.schema, (path, field) => {
    const own = texts?.fields?.[path];
    if (field.title && !own?.title) missing.push(`${path}.title`);
    if (field.description && !own?.description) missing.push(`${path}.description`);
    const target = (field.oneOf || field.anyOf ? field : (field.items as Schema | undefined)) ?? {};
    const list = (target.oneOf ?? target.anyOf) as Schema[] | undefined;
    if (Array.isArray(list)) {
      const consts = list.every((o) => o && 'const' in o);
      list.forEach((o, i) => {
        if (!o.title) return;
        if (consts && !own?.options?.[String(o.const)]) missing.push(`${path}.options.${String(o.const)}`);
        if (!consts && !own?.variants?.[i]) missing.push(`${path}.variants.${i}`);
      });
    }
    return field;
  });
  return missing;
}
