// The webhook inbox (sandbox/inbox.ts): POST /_sandbox/inbox/{key} receives deliveries (set the
// tenant's endpoint to its URL), GET /_sandbox/tenants/{id}/webhook-inbox shows what arrived and
// the URL to use, DELETE empties it.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { jsonResponse, problemResponse, SandboxError } from '../errors.js';
import { emptyInbox, inboxCapacity, inboxDeliveries, inboxPath, receive, tenantOfInboxKey } from '../inbox.js';
import { requireTenant } from '../tenant-view.js';
import { TenantParams } from './tenant-get.js';

const statusRule = { error: 'must be a whole number from 200 to 599' };
const InboxQuery = z.object({
  status: z.coerce
    .number(statusRule)
    .int(statusRule)
    .min(200, statusRule)
    .max(599, statusRule)
    .default(204)
    .openapi({ description: 'The status to answer a delivery whose signature verifies (default 204): a 5xx makes the inbox a failing receiver' }),
});

const InboxDeliverySchema = z
  .object({
    number: z.number().int(),
    receivedAt: z.string().openapi({ description: 'Wall clock' }),
    eventId: z.string().nullable(),
    type: z.string().nullable(),
    provider: z.string().nullable(),
    headers: z.record(z.string(), z.string()),
    body: z.unknown(),
    signature: z.object({ valid: z.boolean(), reason: z.string().nullable() }),
    duplicate: z.boolean().openapi({ description: 'An earlier delivery with a valid signature had the same event id' }),
    answered: z.number().int(),
  })
  .openapi('InboxDelivery');

const InboxSchema = z
  .object({
    url: z.string().openapi({ description: "The inbox's address as this request reached the sandbox: set it as an endpoint's url" }),
    path: z.string(),
    deliveries: z.array(InboxDeliverySchema),
  })
  .openapi('WebhookInbox');

const show = createRoute({
  method: 'get',
  path: '/tenants/{id}/webhook-inbox',
  tags: ['Sandbox'],
  summary: "The tenant's webhook inbox: its URL and the deliveries it received, in the order they arrived",
  description: `A receiver built into the sandbox: set an endpoint's url to the inbox's, and each delivery is kept (the last ${inboxCapacity}, in memory) with its signature checked against the endpoint's secrets; one that does not verify is answered 400, as a careful receiver would.`,
  request: { params: TenantParams },
  responses: { 200: jsonResponse(InboxSchema, 'The inbox'), 404: problemResponse('No such tenant') },
});

const empty = createRoute({
  method: 'delete',
  path: '/tenants/{id}/webhook-inbox',
  tags: ['Sandbox'],
  summary: "Empty the tenant's webhook inbox",
  request: { params: TenantParams },
  responses: { 204: { description: 'Emptied' }, 404: problemResponse('No such tenant') },
});

const take = createRoute({
  method: 'post',
  path: '/inbox/{key}',
  tags: ['Sandbox'],
  summary: "A tenant's webhook inbox: where its endpoint may point",
  description: 'Needs no token: the path is the credential (GET …/tenants/{id}/webhook-inbox answers it). Answers `status` (204 by default) to a delivery whose signature verifies, 400 with the reason to one that does not.',
  request: {
    params: z.object({ key: z.string().min(1).openapi({ param: { name: 'key', in: 'path' } }) }),
    query: InboxQuery,
  },
  responses: {
    200: { description: 'Taken (when `status` asks for 200)' },
    204: { description: 'Taken' },
    400: problemResponse('The signature does not verify, or a bad status'),
    404: problemResponse('No inbox has this key'),
  },
});

export function registerWebhookInbox(app: OpenAPIHono<AppEnv>) {
  app.openapi(show, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    requireTenant(deps, id);
    const path = inboxPath(deps.db, id);
    return c.json({ url: `${new URL(c.req.url).origin}${path}`, path, deliveries: [...inboxDeliveries(deps.db, id)] }, 200);
  });

  app.openapi(empty, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    requireTenant(deps, id);
    emptyInbox(deps.db, id);
    return c.body(null, 204);
  });

  app.openapi(take, async (c) => {
    const deps = c.get('deps');
    const tenantId = tenantOfInboxKey(deps.db, c.req.valid('param').key);
    if (tenantId === undefined) throw new SandboxError(404, 'not_found', 'no webhook inbox has this key; GET /_sandbox/tenants/{id}/webhook-inbox answers the URL');
    requireTenant(deps, tenantId);
    const delivery = receive(deps.db, deps.wall, tenantId, c.req.raw.headers, await c.req.text(), c.req.valid('query').status);
    if (!delivery.signature.valid) throw new SandboxError(400, 'bad_signature', `the delivery was kept, but its signature does not verify: ${delivery.signature.reason}`);
    return delivery.answered === 204 ? c.body(null, 204) : c.json({ received: delivery.number }, delivery.answered as 200);
  });
}
