// /v1/services/matching: seven services chosen by the set of parameters sent (§1, §2.9–§2.15).
// GET with a query string as documented; POST with the same fields as a JSON body, as one
// client SDK sends them (spec/jibit-clients.md).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv, AppContext } from '../../../core/http.js';
import { matchingServices } from '../matching/services.js';
import { Matched } from '../schemas.js';
import { callContext, serve } from '../serve.js';
import { parseWith } from '../validation.js';
import { requireDocumentedForms } from '../documented-forms.js';
import { jibitRoute, registerJibitRoute } from './route.js';

const services = Object.keys(matchingServices);
const fieldNames = ['cardNumber', 'nationalCode', 'birthDate', 'bank', 'depositNumber', 'iban', 'name', 'mobileNumber'] as const;
const anyFields = z.object(
  Object.fromEntries(fieldNames.map((f) => [f, z.string({ error: 'invalid.request_body' }).optional()])) as Record<
    (typeof fieldNames)[number],
    z.ZodOptional<z.ZodString>
  >,
);

const getRoute = jibitRoute({ method: 'get', path: '/v1/services/matching', endpoints: services, request: { query: anyFields }, response: Matched });
const postRoute = jibitRoute({
  method: 'post',
  path: '/v1/services/matching',
  endpoints: services,
  request: { body: { required: true, content: { 'application/json': { schema: anyFields } } } },
  response: Matched,
});

function answer(c: AppContext, fields: Record<string, unknown>) {
  const { endpointId } = callContext(c);
  const service = matchingServices[endpointId]!;
  const input = parseWith(service.schema, fields) as Record<string, string>;
  requireDocumentedForms(c, input);
  return serve(c, () => ({ matched: service.match(c.get('deps').world, input) }));
}

export function registerMatching(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, getRoute, (c) => answer(c, c.req.valid('query')));
  registerJibitRoute(app, postRoute, (c) => answer(c, c.req.valid('json')));
}
