import type { FlowDocument, Json } from '@junction/runtime';
import type { Environment } from './environment-repository.ts';

/**
 * The document as it runs in an environment: every credential slot's id replaced by the
 * environment's binding for it (unbound ids stay as they are, so flows written before environments
 * run unchanged), and the flow's `settings.variables` overlaid with the environment's variables for
 * this flow. The engine only ever sees the resolved document; the stored flow and its versions are
 * shared by every environment. Returns the same object when nothing changes.
 */
export function applyEnvironment(document: FlowDocument, environment: Environment): FlowDocument {
  const bindings = environment.credentials;
  const overrides = environment.variables[document.id];
  const rebinds = document.nodes.some((node) =>
    Object.values(node.credentials ?? {}).some((id) => bindings[id] !== undefined),
  );
  if (!rebinds && !overrides) return document;
  const nodes = rebinds
    ? document.nodes.map((node) => {
        if (!node.credentials) return node;
        const credentials: Record<string, string> = {};
        for (const [slot, id] of Object.entries(node.credentials)) credentials[slot] = bindings[id] ?? id;
        return { ...node, credentials };
      })
    : document.nodes;
  const settings = overrides
    ? {
        ...document.settings,
        variables: { ...(document.settings?.variables ?? {}), ...overrides } as Record<string, Json>,
      }
    : document.settings;
  return { ...document, nodes, ...(settings ? { settings } : {}) };
}
