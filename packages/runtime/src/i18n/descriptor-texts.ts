import type { Json } from '../flow/json.ts';

/** Translated texts of one config (or credential) field. */
export interface FieldTexts {
  title?: string;
  description?: string;
  /** Labels of the field's choices (`oneOf`/`anyOf` of `const`), by the choice's value. */
  options?: Record<string, string>;
  /** Titles of the field's shapes (`oneOf`/`anyOf` of schemas), in order. */
  variants?: string[];
  /** Examples in the language (e.g. a Chinese product name); replaces the schema's `examples`. */
  examples?: Json[];
}

/** Translated texts of one node type or credential kind; fields are keyed by dotted path (`retry.delayMs`, `headers[].name`). */
export interface DescriptorTexts {
  title?: string;
  description?: string;
  fields?: Record<string, FieldTexts>;
}

/**
 * A message catalogue for descriptors in one language: node types by `type` (or `type@version`
 * for texts of one version only) and credential kinds by `kind`. Built-in nodes, node packages and
 * connector documents all ship their translations in this shape.
 */
export interface DescriptorCatalogue {
  nodes?: Record<string, DescriptorTexts>;
  credentialKinds?: Record<string, DescriptorTexts>;
}
