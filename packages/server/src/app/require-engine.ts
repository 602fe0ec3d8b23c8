import { type Engine, JunctionError } from '@junction/runtime';
import type { SqliteRunStore } from '../integration/runtime-glue.ts';
import type { ServerContext } from './server-context.ts';

/** The engine, or `JX_ENGINE_UNAVAILABLE` (503) when this build of the runtime cannot run flows. */
export function requireEngine(ctx: ServerContext): { engine: Engine; store: SqliteRunStore } {
  if (!ctx.engine || !ctx.store) {
    throw new JunctionError(
      'JX_ENGINE_UNAVAILABLE',
      'This server runs without an engine (the runtime lacks createEngine); flows can be edited but not run.',
    );
  }
  return { engine: ctx.engine, store: ctx.store };
}
