// createRoute with what every Jibit route shares: JSON answers, the {code, message} error
// body for every failure, and bearer authentication unless the route says otherwise.
import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';
import { catalogEndpoint } from '../catalog.js';
import { ErrorBody } from '../schemas.js';

interface JibitRouteConfig {
  method: 'get' | 'post';
  path: string;
  /** Catalog ids served by this route (several where a path is shared). */
  endpoints: string[];
  request?: RouteConfig['request'];
  response: z.ZodType;
  authenticated?: boolean;
}

export function jibitRoute<const C extends JibitRouteConfig>(config: C) {
  const documented = config.endpoints.map(catalogEndpoint);
  const codes = [...new Set(documented.flatMap((e) => e.errors.map((er) => er.code)))];
  return createRoute({
    method: config.method as C['method'],
    path: config.path as C['path'],
    tags: ['Jibit'],
    summary: documented.map((e) => e.titleEn).join(' / '),
    description: documented.map((e) => `**${e.id}** (${e.titleFa}): ${e.purpose}`).join('\n\n'),
    security: config.authenticated === false ? [] : [{ bearerAuth: [] }],
    request: config.request as C extends { request: infer R extends RouteConfig['request'] } ? R : undefined,
    responses: {
      200: { description: 'Success', content: { 'application/json': { schema: config.response as C['response'] } } },
      default: {
        description: `Failure. Documented codes: ${codes.join(', ')}`,
        content: { 'application/json': { schema: ErrorBody } },
      },
    },
  });
}
