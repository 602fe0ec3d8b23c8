import { JunctionError } from '@junction/runtime';
import type { FastifyInstance } from 'fastify';
import type {} from './fastify-augmentations.ts';

/**
 * JSON, form and text bodies, each kept raw beside the parsed value. An empty JSON body parses as
 * "no body" so `POST` without one works with any client.
 */
export function installBodyParsers(app: FastifyInstance): void {
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser(/^application\/(.+\+)?json/, { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    request.rawBody = text;
    if (text.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(
        new JunctionError(
          'JX_BAD_JSON',
          `The request body is not valid JSON: ${(error as Error).message}`,
          {},
        ),
        undefined,
      );
    }
  });
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string' },
    (request, body, done) => {
      request.rawBody = body as string;
      done(null, Object.fromEntries(new URLSearchParams(body as string)));
    },
  );
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, body, done) => {
    request.rawBody = body as string;
    done(null, body);
  });
}
