import {
  type DescriptorCatalogue,
  type JsonSchema,
  localizeCredentialKind,
  localizeNodeType,
  type NodeTypeDefinition,
} from '@junction/runtime';
import type { CredentialKindDescriptor } from '../credentials/credential-kinds.ts';
import { builtinCatalogues, type DescriptorLocale } from '../i18n/node-catalogues.ts';
import { type ReferenceLabels, referenceLabels } from './reference-labels.ts';

type Schema = { [key: string]: unknown };

const CATEGORY_ORDER = ['trigger', 'integration', 'transform', 'control', 'callback', 'code', 'utility'];

/** One line of text for a table cell: no pipes, no newlines. */
function cell(text: unknown): string {
  return String(text ?? '')
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

/** Short type label of a schema property: `string`, `integer`, `one of: a, b`, `array of object`. */
function typeLabel(schema: Schema, l: ReferenceLabels): string {
  const options = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (options?.every((o) => 'const' in o))
    return `${l.oneOf} ${options.map((o) => `\`${o.const}\``).join(', ')}`;
  if (Array.isArray(schema.enum)) return `${l.oneOf} ${schema.enum.map((v) => `\`${v}\``).join(', ')}`;
  if (options) return options.map((o) => typeLabel(o, l)).join(l.or);
  if (schema.type === 'array') return `${l.arrayOf}${typeLabel((schema.items as Schema) ?? {}, l)}`;
  if (Array.isArray(schema.type)) return schema.type.join(l.or);
  return String(schema.type ?? 'any');
}

/** Rows for every property of an object schema, nested objects flattened with dotted names. */
function propertyRows(schema: JsonSchema, l: ReferenceLabels, prefix = ''): string[] {
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  const required = new Set((schema.required as string[] | undefined) ?? []);
  return Object.entries(properties).flatMap(([name, property]) => {
    const path = prefix + name;
    const defaultValue = 'default' in property ? `\`${JSON.stringify(property.default)}\`` : '';
    const description = [property.title, property.description].filter(Boolean).join(' — ');
    const row = `| \`${path}\` | ${cell(typeLabel(property, l))} | ${required.has(name) ? l.yes : ''} | ${cell(defaultValue)} | ${cell(description)} |`;
    const nested =
      property.type === 'object' && property.properties ? propertyRows(property, l, `${path}.`) : [];
    return [row, ...nested];
  });
}

function renderNode(node: NodeTypeDefinition, l: ReferenceLabels): string {
  const lines = [
    `### ${node.icon ? `${node.icon} ` : ''}${node.title} — \`${node.type}\` v${node.version}`,
    '',
    node.description,
    '',
    `- ${l.inputs}: ${node.inputs.length ? node.inputs.map((p) => `\`${p}\``).join(', ') : l.noInputs}`,
    `- ${l.outputs}: ${node.outputs.map((p) => `\`${p}\``).join(', ')}${node.ports ? l.morePorts : ''}`,
  ];
  for (const [slot, spec] of Object.entries(node.credentials ?? {})) {
    lines.push(
      `- ${l.credential} \`${slot}\`${spec.optional ? l.optional : ''}: ${spec.kinds.map((k) => `\`${k}\``).join(', ')}`,
    );
  }
  if (node.sensitiveOutputs?.length) {
    lines.push(`- ${l.sensitive}: ${node.sensitiveOutputs.map((p) => `\`${p}\``).join(', ')}`);
  }
  const rows = propertyRows(node.config, l);
  if (rows.length) {
    lines.push('', l.configHeader, '| --- | --- | --- | --- | --- |', ...rows);
  }
  return lines.join('\n');
}

function renderCredentialKind(kind: CredentialKindDescriptor, l: ReferenceLabels): string {
  const rows = propertyRows(kind.schema, l);
  const secrets = Object.entries((kind.schema.properties ?? {}) as Record<string, Schema>)
    .filter(([, p]) => p['x-secret'])
    .map(([name]) => `\`${name}\``);
  return [
    `### ${kind.title} — \`${kind.kind}\``,
    '',
    kind.description,
    '',
    l.secrets(secrets.length ? secrets.join(', ') : l.none),
    '',
    l.fieldHeader,
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/**
 * Renders the node reference (docs/nodes.md, and docs/zh-CN/nodes.md for `zh-CN`) from the node
 * descriptors themselves, translated through the same catalogue the API uses, so neither language
 * can drift from what the editor and runtime use.
 */
export function renderNodeReference(
  nodes: NodeTypeDefinition[],
  credentialKinds: CredentialKindDescriptor[],
  locale: DescriptorLocale = 'en',
  catalogue: DescriptorCatalogue = locale === 'en' ? {} : builtinCatalogues[locale],
): string {
  const l = referenceLabels[locale];
  const sorted = nodes
    .map((n) => localizeNodeType(n, catalogue))
    .sort(
      (a, b) =>
        CATEGORY_ORDER.indexOf(a.category) - CATEGORY_ORDER.indexOf(b.category) ||
        a.type.localeCompare(b.type) ||
        a.version - b.version,
    );
  const sections: string[] = [];
  let category = '';
  for (const node of sorted) {
    if (node.category !== category) {
      category = node.category;
      sections.push(`## ${l.category(category)}`);
    }
    sections.push(renderNode(node, l));
  }
  return [
    l.title,
    '',
    l.generated,
    '',
    l.intro,
    '',
    ...sections.flatMap((s) => [s, '']),
    l.credentialKinds,
    '',
    ...credentialKinds.flatMap((k) => [renderCredentialKind(localizeCredentialKind(k, catalogue), l), '']),
  ].join('\n');
}
