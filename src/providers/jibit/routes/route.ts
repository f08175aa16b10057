// createRoute with what every Jibit route shares: JSON answers, the {code, message} error
// body for every failure, and bearer authentication unless the route says otherwise.
import { createRoute, type OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi';
import type { z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { queryObject, type AppEnv } from '../../../core/http.js';
import { parseWith } from '../validation.js';
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
  // Every documented error as an example answer, with the message the sandbox answers.
  const errorExamples = Object.fromEntries(documented.flatMap((e) => e.errors.map((er) => [er.code, { value: { code: er.code, message: er.messageFa } }])));
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
        content: { 'application/json': { schema: ErrorBody, examples: errorExamples } },
      },
    },
  });
}

/**
 * Registers a Jibit route: documented in /openapi.json and validated against the same schemas,
 * synchronously. (@hono/zod-openapi's own validators parse asynchronously, which cost more
 * than the rest of a card inquiry.) The pipeline has already read the query and JSON body.
 */
export function registerJibitRoute<R extends RouteConfig>(app: OpenAPIHono<AppEnv>, route: R, handler: RouteHandler<R, AppEnv>) {
  app.openAPIRegistry.registerPath(route);
  const request = route.request;
  const querySchema = request?.query as z.ZodType | undefined;
  const bodySchema = (request?.body?.content['application/json'] as { schema?: z.ZodType } | undefined)?.schema;
  const serveRoute = handler as unknown as MiddlewareHandler<AppEnv>;
  app.on(route.method.toUpperCase(), route.path, (c, next) => {
    if (querySchema) c.req.addValidatedData('query', parseWith(querySchema, queryObject(c.get('query'))) as object);
    if (bodySchema) c.req.addValidatedData('json', parseWith(bodySchema, c.get('jsonBody')) as object);
    return serveRoute(c, next);
  });
}
