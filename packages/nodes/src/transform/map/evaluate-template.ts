import { type Json, JunctionError, type NodeContext } from '@junction/runtime';

/**
 * Evaluates a mapping the way the engine treats any config value: a string starting with `=` is a
 * JSONata expression, objects and arrays are templates whose `=` strings are evaluated, and every
 * other value is kept as written. `path` names the position for error messages.
 */
export async function evaluateTemplate(
  ctx: NodeContext,
  template: Json,
  document: Json,
  bindings: Record<string, Json>,
  path = 'mapping',
): Promise<Json> {
  if (typeof template === 'string') {
    if (!template.startsWith('=')) return template;
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
      out.push(await evaluateTemplate(ctx, item, document, bindings, `${path}[${index}]`));
    }
    return out;
  }
  if (template !== null && typeof template === 'object') {
    const out: { [key: string]: Json } = {};
    for (const [key, value] of Object.entries(template)) {
      out[key] = await evaluateTemplate(ctx, value, document, bindings, `${path}.${key}`);
    }
    return out;
  }
  return template;
}
