import type { JsonSchema } from '@junction/runtime';
import { httpRequestNode } from '../../http/request/v1.ts';

/**
 * The `request` field of `flow.poll`: the http.request config schema itself, so the editor renders
 * the same form and a request can be copied between the two nodes.
 */
export const pollRequestSchema: JsonSchema = {
  ...httpRequestNode.config,
  title: 'Request',
  description: 'Sent on every check (for HTTP checks). Same fields as the HTTP request node.',
};
