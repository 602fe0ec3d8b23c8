import { JunctionError } from '../errors/junction-error.ts';
import type { Json } from '../flow/json.ts';

/**
 * Variables an expression can read, each bound as `$<name>`:
 * `$nodes.<nodeId>.<port>` (outputs of earlier nodes by port), `$trigger` (the trigger payload),
 * `$vars` (flow variables), `$run` (run facts), plus extra names a node adds (e.g. `$item` in a loop).
 * The node input is the document `$`, not a binding. Credentials are never bound.
 */
export interface ExpressionBindings {
  nodes?: Record<string, Record<string, Json>>;
  trigger?: Json;
  vars?: Record<string, Json>;
  run?: unknown;
  [name: string]: unknown;
}

/** Names that would put a secret within an expression's reach; refused whatever their value. */
const FORBIDDEN_BINDING = /credential|secret|password|passwd|private.?key|api.?key|app.?secret/i;

/**
 * Refuses bindings whose name suggests a secret (`credentials`, `secrets`, `appSecret`…), so no
 * code path can hand an expression a credential by accident. Throws `JX_EXPRESSION_BINDING`.
 */
export function assertSafeBindings(bindings: ExpressionBindings): void {
  for (const name of Object.keys(bindings)) {
    if (FORBIDDEN_BINDING.test(name)) {
      throw new JunctionError(
        'JX_EXPRESSION_BINDING',
        `The expression binding $${name} is refused: expressions must never be able to read credentials or secrets.`,
        { binding: name },
      );
    }
  }
}
