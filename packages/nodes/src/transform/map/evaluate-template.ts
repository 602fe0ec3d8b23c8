import { type Json, JunctionError, type NodeContext } from '@junction/runtime';

/**
 * Evaluates a mapping: a string is one JSONata expression (the leading `=` is optional, the field
 * is an expression by nature); an object or array is a template whose `=` strings are evaluated and
 * whose other values are kept as written. `path` names the position for error messages.
 */
export async function evaluateTemplate(
  ctx: NodeContext,
  template: Json,
  document: Json,
  bindings: Record<string, Json>,
  path = 'mapping',
  topLevel = true,
): Promise<Json> {
  if (typeof template === 'string') {
    if (!topLevel && !template.startsWith('=')) return template;
    try {
      return await ctx.evaluate(template, document, bindings);
    } catch (error) {
      if (error instanceof JunctionError) throw error;
      throw new JunctionError('JX_EXPRESSION_FAILED', `${path}: ${(error as Error).message}`, {
        field: path,
      });
    }
  }
  if (Array.isArray(template)) {
    const out: Json[] = [];
    for (const [index, item] of template.entries()) {
      out.push(await evaluateTemplate(ctx, item, document, bindings, `${path}[${index}]`, false));
    }
    return out;
  }
  if (template !== null && typeof template === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(template)) {
      out[key] = await evaluateTemplate(ctx, value, document, bindings, `${path}.${key}`, false);
    }
    return out;
  }
  return template;
}
