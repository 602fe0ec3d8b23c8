import { AsyncLocalStorage } from 'node:async_hooks';
import { type NodeContext, NodeRegistry, type NodeTypeDefinition } from '@junction/runtime';
import { createEgressPolicy, type EgressPolicy } from './egress-policy.ts';

/**
 * The policy of the node that is running. Node types are shared module-level data and their context
 * comes from the engine, so a host (the server, `junction run`) binds its policy to the definitions it
 * registers, and the transport reads it here for the duration of each `run`.
 */
const scope = new AsyncLocalStorage<EgressPolicy>();
let strict: EgressPolicy | undefined;

/** The policy in force: the one bound to the running node, else the default (no allow-list: only public addresses). */
export function currentEgressPolicy(): EgressPolicy {
  const bound = scope.getStore();
  if (bound) return bound;
  strict ??= createEgressPolicy();
  return strict;
}

/** Runs `fn` (and everything it awaits) under `policy`; for tests and hosts that call nodes directly. */
export function runWithEgressPolicy<T>(policy: EgressPolicy, fn: () => T): T {
  return scope.run(policy, fn);
}

/** A copy of `definition` whose `run` happens under `policy`. */
// biome-ignore lint/suspicious/noExplicitAny: any definition, whatever its config type
export function withEgressPolicy<D extends NodeTypeDefinition<any>>(definition: D, policy: EgressPolicy): D {
  // biome-ignore lint/suspicious/noExplicitAny: the context is the definition's own
  return { ...definition, run: (ctx: NodeContext<any>) => scope.run(policy, () => definition.run(ctx)) };
}

/** A new registry holding every definition of `registry`, each running under `policy`. */
export function bindEgressPolicy(registry: NodeRegistry, policy: EgressPolicy): NodeRegistry {
  return new NodeRegistry().register(
    ...registry.list().map((definition) => withEgressPolicy(definition, policy)),
  );
}
