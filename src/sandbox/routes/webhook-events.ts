// GET /_sandbox/tenants/{id}/webhook-events: the tenant's webhook events, the most recent first,
// each with every attempt (time, status, latency, error, answer head); one event; redeliver one.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { clockOf } from '../../core/tenants.js';
import { endpointOf } from '../../core/webhooks/endpoints.js';
import { attemptsOf, eventOf, listEvents, requeue } from '../../core/webhooks/events.js';
import { jsonResponse, problemResponse, SandboxError } from '../errors.js';
import { requireTenant } from '../tenant-view.js';
import { eventView, WebhookEventSchema } from '../webhook-view.js';
import { TenantParams } from './tenant-get.js';

const wholeLimit = { error: 'must be a whole number from 1 to 1000' };
const EventsQuery = z.object({
  provider: z.string().min(1, { error: 'must not be empty' }).optional().openapi({ example: 'ice' }),
  type: z.string().min(1, { error: 'must not be empty' }).optional().openapi({ example: 'ice.report.viewable' }),
  state: z.enum(['pending', 'delivered', 'failed', 'no_endpoint'], { error: 'must be pending, delivered, failed or no_endpoint' }).optional(),
  limit: z.coerce.number(wholeLimit).int(wholeLimit).min(1, wholeLimit).max(1000, wholeLimit).default(100),
});
const filters = Object.keys(EventsQuery.shape);

const EventParams = TenantParams.extend({ eventId: z.string().min(1).openapi({ param: { name: 'eventId', in: 'path' }, example: 'whe_…' }) });

const list = createRoute({
  method: 'get',
  path: '/tenants/{id}/webhook-events',
  tags: ['Sandbox'],
  summary: "A tenant's webhook events with their attempts, the most recent first",
  request: { params: TenantParams, query: EventsQuery },
  responses: { 200: jsonResponse(z.object({ events: z.array(WebhookEventSchema) }), 'The events'), 400: problemResponse('Invalid filter'), 404: problemResponse('No such tenant') },
});
const one = createRoute({
  method: 'get',
  path: '/tenants/{id}/webhook-events/{eventId}',
  tags: ['Sandbox'],
  summary: 'One webhook event with its attempts',
  request: { params: EventParams },
  responses: { 200: jsonResponse(WebhookEventSchema, 'The event'), 404: problemResponse('No such tenant or event') },
});
const redeliver = createRoute({
  method: 'post',
  path: '/tenants/{id}/webhook-events/{eventId}/redeliver',
  tags: ['Sandbox'],
  summary: 'Send a webhook event again',
  description: 'Queues the event as if new (delivered, failed or waiting without an endpoint alike): due at once, with a fresh retry schedule. A delivered one arrives again: a duplicate, on purpose.',
  request: { params: EventParams },
  responses: {
    202: jsonResponse(WebhookEventSchema, 'The event, queued'),
    404: problemResponse('No such tenant or event'),
    409: problemResponse('An attempt is in flight, or no endpoint is set'),
  },
});

export function registerWebhookEvents(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    // A misspelt filter would otherwise list everything and let an assertion pass by accident.
    const unknown = Object.keys(c.req.query()).find((name) => !filters.includes(name));
    if (unknown !== undefined) throw new SandboxError(400, 'invalid_request', `${unknown}: not a filter; use ${filters.join(', ')}`);
    requireTenant(deps, id);
    const events = listEvents(deps.db, id, c.req.valid('query')).map(({ event, attempts }) => eventView(event, attempts));
    return c.json({ events }, 200);
  });

  app.openapi(one, (c) => {
    const deps = c.get('deps');
    const { id, eventId } = c.req.valid('param');
    requireTenant(deps, id);
    const event = eventOf(deps.db, id, eventId);
    if (!event) throw new SandboxError(404, 'not_found', `webhook event ${eventId} of tenant ${id} does not exist`);
    return c.json(eventView(event, attemptsOf(deps.db, event.id)), 200);
  });

  app.openapi(redeliver, (c) => {
    const deps = c.get('deps');
    const { id, eventId } = c.req.valid('param');
    const row = requireTenant(deps, id);
    const event = eventOf(deps.db, id, eventId);
    if (!event) throw new SandboxError(404, 'not_found', `webhook event ${eventId} of tenant ${id} does not exist`);
    if (deps.webhooks.sending(event.id)) throw new SandboxError(409, 'conflict', `an attempt of ${eventId} is in flight; redeliver it once it has ended`);
    if (!endpointOf(deps.db, id, event.provider)) throw new SandboxError(409, 'conflict', `tenant ${id} has no webhook endpoint for ${event.provider}; set one first`);
    const queued = requeue(deps.db, event, clockOf(row, deps.wall).now(), deps.wall.now());
    deps.webhooks.kick();
    return c.json(eventView(queued, attemptsOf(deps.db, event.id)), 202);
  });
}
