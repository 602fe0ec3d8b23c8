import { builtinCatalogues, descriptorLocale } from '@junction/nodes';
import {
  type Json,
  JunctionError,
  localizeCredentialKind,
  localizeNodeType,
  type NodePorts,
  portsOf,
} from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import type { ServerContext } from '../app/server-context.ts';
import { credentialKinds } from '../integration/runtime-glue.ts';

interface PortsBody {
  type: string;
  version: number;
  config: Record<string, Json>;
}

/** Node type descriptors for the palette and forms, and the ports a given config gives a node. */
export function nodeTypeRoutes(app: FastifyInstance, ctx: ServerContext): void {
  app.get(
    '/api/node-types',
    {
      config: { access: 'flows:read' },
      schema: { summary: 'Node type and credential kind descriptors', tags: ['system'] },
    },
    async (request) => {
      // Titles, help and choice labels in the caller's language (Accept-Language); types and rules never change.
      const locale = descriptorLocale(request.headers['accept-language']);
      if (locale === 'en')
        return { nodeTypes: ctx.registry.descriptors(), credentialKinds: credentialKinds() };
      const catalogue = builtinCatalogues[locale];
      return {
        nodeTypes: ctx.registry.descriptors().map((d) => localizeNodeType(d, catalogue)),
        credentialKinds: credentialKinds().map((k) => localizeCredentialKind(k, catalogue)),
      };
    },
  );

  app.post<{ Body: PortsBody }>(
    '/api/node-types/ports',
    {
      config: { access: 'flows:read' },
      schema: {
        summary: 'Input and output ports of a node type for a config (types with dynamicPorts)',
        tags: ['system'],
        body: {
          type: 'object',
          required: ['type', 'version', 'config'],
          additionalProperties: false,
          properties: {
            type: { type: 'string', minLength: 1, maxLength: 200 },
            version: { type: 'integer', minimum: 1 },
            config: { type: 'object' },
          },
        },
      },
    },
    async (request): Promise<NodePorts> => {
      const { type, version, config } = request.body;
      // Throws JX_NODE_TYPE_UNKNOWN (404) naming the versions that do exist.
      const definition = ctx.registry.get(type, version);
      try {
        const { inputs, outputs } = portsOf(definition, config);
        return { inputs, outputs };
      } catch (error) {
        // A half-edited config can break a type's port function; the editor shows this sentence.
        throw new JunctionError(
          'JX_NODE_CONFIG_INVALID',
          `The ports of ${type} v${version} cannot be derived from this config: ${(error as Error).message}`,
          { type, version },
        );
      }
    },
  );
}
