// GET /_sandbox/tenants/{id}/outbox: the SMS, emails and webhooks sent for a tenant, the most recently
// sent first, filtered by channel, provider, recipient and time; DELETE empties it.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { SandboxError, SandboxErrorBody } from '../errors.js';
import { catchUp } from '../../core/catch-up.js';
import { requireTenant } from '../tenant-view.js';
import { TenantParams } from './tenant-get.js';

const wholeLimit = { error: 'must be a whole number from 1 to 1000' };

/** An unencoded '+' in a query string reads as a space: `since=…T20:30:00+03:30` still means +03:30. */
const plusFromSpace = (value: unknown) => (typeof value === 'string' ? value.replace(/ (\d{2}:\d{2})$/, '+$1') : value);

const OutboxQuery = z.object({
  channel: z.enum(['sms', 'webhook', 'email'], { error: 'must be sms, webhook or email' }).optional(),
  provider: z.string().min(1, { error: 'must not be empty' }).optional().openapi({ example: 'ice' }),
  recipient: z
    .string()
    .min(1, { error: 'must not be empty' })
    .optional()
    .openapi({ description: 'The mobile number, email address or URL exactly as sent', example: '09121234567' }),
  since: z
    .preprocess(plusFromSpace, z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with a zone (Z or ±hh:mm)' }))
    .optional()
    .openapi({ description: 'Sent at or after this time of the tenant clock', example: '2026-03-20T20:30:00+03:30' }),
  limit: z.coerce.number(wholeLimit).int(wholeLimit).min(1, wholeLimit).max(1000, wholeLimit).default(100),
});
const filters = Object.keys(OutboxQuery.shape);

const Listed = { id: z.number().int(), at: z.string(), provider: z.string(), recipient: z.string() };
const OutboxEntrySchema = z
  .discriminatedUnion('channel', [
    z.object({ ...Listed, channel: z.literal('sms'), message: z.object({ text: z.string() }) }),
    z.object({ ...Listed, channel: z.literal('email'), message: z.object({ subject: z.string(), text: z.string() }) }),
    z.object({
      ...Listed,
      channel: z.literal('webhook'),
      message: z.object({ method: z.enum(['GET', 'POST']), headers: z.record(z.string(), z.string()), body: z.unknown() }),
    }),
  ])
  .openapi('OutboxEntry');

const list = createRoute({
  method: 'get',
  path: '/tenants/{id}/outbox',
  tags: ['Sandbox'],
  summary: 'SMS, emails and webhooks sent for a tenant, the most recently sent first',
  request: { params: TenantParams, query: OutboxQuery },
  responses: {
    200: { description: 'The messages', content: { 'application/json': { schema: z.object({ entries: z.array(OutboxEntrySchema) }) } } },
    400: { description: 'Invalid filter', content: { 'application/json': { schema: SandboxErrorBody } } },
    404: { description: 'No such tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
  },
});

const clear = createRoute({
  method: 'delete',
  path: '/tenants/{id}/outbox',
  tags: ['Sandbox'],
  summary: "Empty a tenant's outbox",
  request: { params: TenantParams },
  responses: {
    204: { description: 'Emptied' },
    404: { description: 'No such tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
  },
});

export function registerTenantOutbox(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    // A misspelt filter would otherwise list everything and let an assertion pass by accident.
    const unknown = Object.keys(c.req.query()).find((name) => !filters.includes(name));
    if (unknown !== undefined) {
      throw new SandboxError(400, 'invalid_request', `${unknown}: not a filter; use ${filters.join(', ')}`);
    }
    const { since, ...filter } = c.req.valid('query');
    const row = requireTenant(deps, id);
    // Notices that fell due on the tenant's clock are sent before the listing.
    catchUp(deps, row);
    const entries = deps.outbox.list(id, { ...filter, ...(since === undefined ? {} : { sinceMs: Date.parse(since) }) });
    return c.json({ entries }, 200);
  });

  app.openapi(clear, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    requireTenant(deps, id);
    deps.outbox.clear(id);
    return c.body(null, 204);
  });
}
