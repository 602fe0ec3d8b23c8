import { compileExpression, JunctionError } from '@junction/runtime';
import type { CanaryConfig } from './deployment-repository.ts';

/**
 * Refuses a canary whose `match` or `routingKey` does not parse (422 `JX_EXPRESSION_SYNTAX` with a
 * pointer such as `/canary/match`): once deployed, every run of the flow would evaluate it.
 */
export function assertCanaryExpressions(canary: CanaryConfig | undefined): void {
  if (!canary) return;
  for (const field of ['match', 'routingKey'] as const) {
    const source = canary[field];
    if (source === undefined) continue;
    try {
      compileExpression(source);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new JunctionError(
        'JX_EXPRESSION_SYNTAX',
        `canary.${field} is not a valid JSONata expression: ${reason}`,
        {
          pointer: `/canary/${field}`,
          expression: source,
        },
      );
    }
  }
}
