import { valueAtPointer } from '../flow/json-pointer.ts';

/** `/retry/maxAttempts` → `retry.maxAttempts`, `/items/0` → `items[0]`. */
export function dotted(pointer: string): string {
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, part) => (/^\d+$/.test(part) ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/** Where a pointer sits in a flow, for the start of a sentence: `Node createOrder: field retry.maxAttempts`. */
export function describeLocation(
  doc: unknown,
  pointer: string,
): { label: string; nodeId?: string; edgeId?: string } {
  const match = /^\/(nodes|edges)\/(\d+)(\/.*)?$/.exec(pointer);
  if (!match) return { label: pointer ? `Flow field ${dotted(pointer)}` : 'The flow document' };
  const [, list, index, rest = ''] = match;
  const id = valueAtPointer(doc, `/${list}/${index}/id`);
  const hasId = typeof id === 'string' && id !== '';
  const what = list === 'nodes' ? 'Node' : 'Edge';
  const name = hasId ? `${what} ${id}` : `${what} #${Number(index) + 1}`;
  const label = rest ? `${name}: field ${dotted(rest)}` : name;
  if (!hasId) return { label };
  return list === 'nodes' ? { label, nodeId: id } : { label, edgeId: id };
}
