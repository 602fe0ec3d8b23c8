import fastifySwagger, { type SwaggerTransform, type SwaggerTransformObject } from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import type {} from '../app/fastify-augmentations.ts';
import { OPENAPI_TAGS } from './schema-docs.ts';

/** An OpenAPI 3.1 document, as `RunningServer.openapi()` returns it. */
export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, unknown>>;
  [key: string]: unknown;
}

/** What every route answers on failure (`sendError` in app/error-handler.ts). */
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

const ERROR_RESPONSE = {
  description: 'Error',
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
};

/** Everything of the document that is not a path; a worker, which serves no routes, answers only this. */
export function openApiSkeleton(): OpenApiDocument {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Junction server API',
      version: '0.1.0',
      description:
        'REST API of the Junction server. Errors are `{error: {code, message, details}}`. Authenticate with `Authorization: Bearer <token>`; each operation lists the scope it needs in its security requirement and in `x-junction-scope`.',
    },
    tags: OPENAPI_TAGS.map((name) => ({ name })),
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: ERROR_SCHEMA },
    },
    paths: {},
  };
}

/**
 * The route's scope lives in `config.access`, where the auth hook reads it, not in its schema: it
 * becomes the operation's security requirement here (OpenAPI 3.1 lets a bearer requirement name
 * roles), so there is one source for both. `/hooks/*` gets a named path parameter.
 */
const documentRoute: SwaggerTransform = ({ schema, url, route }) => {
  const access = route.config?.access;
  return {
    url: url.replace(/\*$/, ':path'),
    schema: {
      ...schema,
      security: access === 'public' ? [] : [{ bearer: access ? [access] : [] }],
      'x-junction-scope': access ?? null,
      // Most routes declare no response schema; `type: 'null'` is how @fastify/swagger writes a
      // response without one (no `content`), and `2XX` covers the 200s, 201s and 202s they send.
      response: schema?.response ?? { '2XX': { description: 'Success', type: 'null' } },
    } as typeof schema,
  };
};

/**
 * What the route schemas cannot say: every operation can fail with the error shape, and OpenAPI 3.1
 * has no `query` operation (Fastify's `ALL` includes the QUERY method; 3.2 would describe it).
 */
const documentErrors: SwaggerTransformObject = (document) => {
  const openapi = (document as { openapiObject: OpenApiDocument }).openapiObject;
  for (const item of Object.values(openapi.paths)) {
    delete item.query;
    for (const operation of Object.values(item) as { responses: Record<string, unknown> }[]) {
      operation.responses.default = ERROR_RESPONSE;
    }
  }
  return openapi;
};

/**
 * Registers @fastify/swagger, which collects every route declared after it: call before the routes.
 * The document is then `app.swagger()` once the app is ready.
 */
export async function installOpenApi(app: FastifyInstance): Promise<void> {
  const { paths: _, ...skeleton } = openApiSkeleton();
  await app.register(fastifySwagger, {
    openapi: skeleton,
    transform: documentRoute,
    transformObject: documentErrors,
  });
}

/** The OpenAPI document of an app on which {@link installOpenApi} ran; the app must be ready. */
export function openApiDocument(app: FastifyInstance): OpenApiDocument {
  // A copy: @fastify/swagger caches the object it returns.
  return structuredClone(app.swagger()) as unknown as OpenApiDocument;
}
