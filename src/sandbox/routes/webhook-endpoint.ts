// PUT/GET/DELETE /_sandbox/tenants/{id}/webhooks/{provider}: a tenant's webhook endpoint for one
// provider. PUT answers the signing secret, the only answer besides a rotation's that shows it;
// rotate, pause, resume and test act on the endpoint that is set.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext, AppEnv } from '../../core/http.js';
import { clockOf } from '../../core/tenants.js';
import { emit, eventOf } from '../../core/webhooks/events.js';
import { endpointOf, removeEndpoint, rotateSecret, setEndpoint, setPaused } from '../../core/webhooks/endpoints.js';
import { defaultOverlapSeconds } from '../../core/webhooks/schedule.js';
import { jsonResponse, problemResponse, SandboxError } from '../errors.js';
import { requireTenant } from '../tenant-view.js';
import { endpointView, eventView, requireProvider, WebhookEndpointSchema, WebhookEventSchema } from '../webhook-view.js';

const Params = z.object({
  id: z.string().min(1).openapi({ param: { name: 'id', in: 'path' }, example: 'ten_default' }),
  provider: z.string().min(1).openapi({ param: { name: 'provider', in: 'path' }, example: 'ice' }),
});

const httpUrl = z
  .string()
  .max(2048, { error: 'must be at most 2048 characters' })
  .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), { error: 'must be an absolute http:// or https:// URL' })
  .openapi({ example: 'http://127.0.0.1:4000/webhooks/ice' });

const SetBody = z
  .object({
    url: httpUrl,
    ordered: z.boolean().optional().openapi({ description: 'Default true: one event at a time, in the order they happened; false: each on its own schedule' }),
  })
  .strict()
  .openapi('WebhookEndpointInput');

const RotateBody = z
  .object({
    overlapSeconds: z
      .number()
      .int({ error: 'must be whole seconds' })
      .min(0, { error: 'must be from 0 to 604800 (7 days)' })
      .max(604_800, { error: 'must be from 0 to 604800 (7 days)' })
      .optional()
      .openapi({ description: `How long (tenant clock) the old secret signs too; default ${defaultOverlapSeconds}` }),
  })
  .strict();

const WithSecret = WebhookEndpointSchema.extend({ secret: z.string().openapi({ description: 'The signing secret, shown in this answer only' }) });
const base = '/tenants/{id}/webhooks/{provider}';
const missing = problemResponse('No such tenant, provider or endpoint');
const route = <M extends 'get' | 'put' | 'post' | 'delete'>(method: M, path: string, summary: string) => ({ method, path: `${base}${path}`, tags: ['Sandbox'], summary });

const put = createRoute({
  ...route('put', '', "Set a tenant's webhook endpoint for a provider"),
  description: 'Sets or replaces the endpoint with a fresh secret, answered here once. Events still queued for the provider go to the new URL.',
  request: { params: Params, body: { required: true, content: { 'application/json': { schema: SetBody } } } },
  responses: { 200: jsonResponse(WithSecret, 'The endpoint and its secret'), 400: problemResponse('Invalid endpoint'), 404: missing },
});
const get = createRoute({
  ...route('get', '', "Show a tenant's webhook endpoint for a provider"),
  request: { params: Params },
  responses: { 200: jsonResponse(WebhookEndpointSchema, 'The endpoint, its secret masked'), 404: missing },
});
const remove = createRoute({
  ...route('delete', '', "Remove a tenant's webhook endpoint for a provider"),
  description: 'Events still queued wait as no_endpoint; redeliver one once an endpoint is set.',
  request: { params: Params },
  responses: { 204: { description: 'Removed' }, 404: missing },
});
const rotate = createRoute({
  ...route('post', '/rotate', 'Rotate the signing secret'),
  description: `A new secret signs from now on; the old one signs too (two v1= signatures) for overlapSeconds (default ${defaultOverlapSeconds}, tenant clock).`,
  request: { params: Params, body: { required: false, content: { 'application/json': { schema: RotateBody } } } },
  responses: { 200: jsonResponse(WithSecret, 'The endpoint and its new secret'), 400: problemResponse('Invalid rotation'), 404: missing },
});
const pause = createRoute({
  ...route('post', '/pause', 'Pause deliveries to the endpoint'),
  description: 'Events are kept and queued; none is sent (retries included) until resumed.',
  request: { params: Params },
  responses: { 200: jsonResponse(WebhookEndpointSchema, 'The endpoint'), 404: missing },
});
const resume = createRoute({
  ...route('post', '/resume', 'Resume deliveries to the endpoint'),
  description: 'What fell due while paused is sent at once.',
  request: { params: Params },
  responses: { 200: jsonResponse(WebhookEndpointSchema, 'The endpoint'), 404: missing },
});
const test = createRoute({
  ...route('post', '/test', 'Send a test event (mahak.test) to the endpoint'),
  request: { params: Params },
  responses: { 202: jsonResponse(WebhookEventSchema, 'The event, queued'), 404: missing },
});

/** The tenant, its clock's now and the provider named, each checked in that order. */
function target(c: AppContext) {
  const deps = c.get('deps');
  const { id, provider } = c.req.param() as { id: string; provider: string };
  const row = requireTenant(deps, id);
  requireProvider(deps, provider);
  return { deps, tenantId: id, provider, nowMs: clockOf(row, deps.wall).now() };
}

function requireEndpoint(c: AppContext) {
  const t = target(c);
  const endpoint = endpointOf(t.deps.db, t.tenantId, t.provider);
  if (!endpoint) throw new SandboxError(404, 'not_found', `tenant ${t.tenantId} has no webhook endpoint for ${t.provider}; set one with PUT /_sandbox/tenants/${t.tenantId}/webhooks/${t.provider}`);
  return { ...t, endpoint };
}

export function registerWebhookEndpoint(app: OpenAPIHono<AppEnv>) {
  app.openapi(put, (c) => {
    const body = c.req.valid('json');
    const { deps, tenantId, provider, nowMs } = target(c);
    const { row, secret } = setEndpoint(deps.db, { tenantId, provider, url: body.url, ordered: body.ordered }, nowMs);
    deps.webhooks.kick();
    return c.json(endpointView(row, nowMs, secret), 200);
  });
  app.openapi(get, (c) => {
    const { endpoint, nowMs } = requireEndpoint(c);
    return c.json(endpointView(endpoint, nowMs), 200);
  });
  app.openapi(remove, (c) => {
    const { deps, endpoint } = requireEndpoint(c);
    removeEndpoint(deps.db, endpoint);
    return c.body(null, 204);
  });
  app.openapi(rotate, (c) => {
    const body = c.req.valid('json') ?? {};
    const { deps, endpoint, nowMs } = requireEndpoint(c);
    const { row, secret } = rotateSecret(deps.db, endpoint, body.overlapSeconds ?? defaultOverlapSeconds, nowMs);
    return c.json(endpointView(row, nowMs, secret), 200);
  });
  for (const [definition, paused] of [[pause, true], [resume, false]] as const) {
    app.openapi(definition, (c) => {
      const { deps, endpoint, nowMs } = requireEndpoint(c);
      const row = setPaused(deps.db, endpoint, paused, nowMs);
      if (!paused) deps.webhooks.kick();
      return c.json(endpointView(row, nowMs), 200);
    });
  }
  app.openapi(test, (c) => {
    const { deps, tenantId, provider, nowMs } = requireEndpoint(c);
    const payload = { message: 'A test event sent from the control API' };
    const id = emit(deps, { tenantId, provider, type: 'mahak.test', payload, occurredAtMs: nowMs });
    return c.json(eventView(eventOf(deps.db, tenantId, id)!, []), 202);
  });
}
