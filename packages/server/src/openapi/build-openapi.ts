import type { RouteInfo } from '../app/build-app.ts';
import type {} from '../app/fastify-augmentations.ts';
import { OPENAPI_TAGS } from './schema-docs.ts';

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', example: 'JX_FLOW_INVALID' },
        message: { type: 'string' },
        details: { type: 'object' },
      },
    },
  },
};

function toOpenApiPath(url: string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, '{$1}').replace(/\*$/, '{path}');
}

function parameters(route: RouteInfo, path: string): unknown[] {
  const result: unknown[] = [];
  const params =
    (route.schema?.params as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  for (const name of [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!)) {
    result.push({ name, in: 'path', required: true, schema: params[name] ?? { type: 'string' } });
  }
  const query =
    (route.schema?.querystring as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  for (const [name, schema] of Object.entries(query))
    result.push({ name, in: 'query', required: false, schema });
  return result;
}

/**
 * Builds an OpenAPI 3.1 document from the live route table: the same JSON Schemas Fastify validates
 * with, the scope each route requires (`x-junction-scope`), and the shared error shape.
 */
export function buildOpenApi(routes: RouteInfo[], version = '0.1.0'): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  const sorted = [...routes].sort((a, b) => a.url.localeCompare(b.url));
  for (const route of sorted) {
    if (route.schema?.hide) continue;
    const path = toOpenApiPath(route.url);
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter((m) => m !== 'HEAD');
    for (const method of methods) {
      const isPublic = route.access === 'public';
      const operation: Record<string, unknown> = {
        summary: route.schema?.summary ?? `${method} ${route.url}`,
        tags: route.schema?.tags ?? [],
        'x-junction-scope': route.access ?? null,
        security: isPublic ? [] : [{ bearer: [] }],
        parameters: parameters(route, path),
        responses: {
          '2XX': { description: 'Success' },
          default: {
            description: 'Error',
            content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
          },
        },
      };
      if (route.schema?.body) {
        operation.requestBody = {
          required: true,
          content: { 'application/json': { schema: route.schema.body } },
        };
      }
      paths[path] ??= {};
      paths[path][method.toLowerCase()] = operation;
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Junction server API',
      version,
      description:
        'REST API of the Junction server. Errors are `{error: {code, message, details}}`. Authenticate with `Authorization: Bearer <token>`; each operation lists its scope in `x-junction-scope`.',
    },
    tags: OPENAPI_TAGS.map((name) => ({ name })),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths,
  };
}
