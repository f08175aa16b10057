// GET /_sandbox/tenants/{id}/journal: the tenant's provider calls, newest first, filtered;
// DELETE clears it. Secrets and tokens appear masked.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { SandboxErrorBody } from '../errors.js';
import { requireTenant } from '../tenant-view.js';
import { TenantParams } from './tenant-get.js';

export const JournalEntrySchema = z
  .object({
    id: z.number().int(),
    at: z.string(),
    provider: z.string(),
    endpoint: z.string().nullable(),
    method: z.string(),
    path: z.string(),
    query: z.record(z.string(), z.union([z.string(), z.array(z.string())])),
    requestBody: z.unknown(),
    headers: z.record(z.string(), z.string()),
    status: z.number().int(),
    responseBody: z.unknown(),
    errorCode: z.string().nullable(),
    chargedRial: z.number().int(),
    rule: z.string().nullable(),
    latencyMs: z.number().int(),
  })
  .openapi('JournalEntry');

const JournalQuery = z.object({
  provider: z.string().optional(),
  endpoint: z.string().optional().openapi({ description: 'Catalog endpoint id' }),
  status: z.coerce.number().int().min(100).max(599).optional(),
  code: z.string().optional().openapi({ description: 'Error code answered' }),
  since: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Tenant-clock time, ISO-8601 with zone' }),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const listRoute = createRoute({
  method: 'get',
  path: '/tenants/{id}/journal',
  tags: ['Sandbox'],
  summary: "A tenant's provider calls, newest first",
  request: { params: TenantParams, query: JournalQuery },
  responses: {
    200: { description: 'Journal entries', content: { 'application/json': { schema: z.object({ entries: z.array(JournalEntrySchema) }) } } },
    400: { description: 'Bad filter', content: { 'application/json': { schema: SandboxErrorBody } } },
    404: { description: 'No such tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
  },
});

const clearRoute = createRoute({
  method: 'delete',
  path: '/tenants/{id}/journal',
  tags: ['Sandbox'],
  summary: "Clear a tenant's journal",
  request: { params: TenantParams },
  responses: {
    204: { description: 'Cleared' },
    404: { description: 'No such tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
  },
});

export function registerTenantJournal(app: OpenAPIHono<AppEnv>) {
  app.openapi(listRoute, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const q = c.req.valid('query');
    requireTenant(deps, id);
    const entries = deps.journal.list(id, {
      provider: q.provider,
      endpoint: q.endpoint,
      status: q.status,
      code: q.code,
      sinceMs: q.since === undefined ? undefined : Date.parse(q.since),
      limit: q.limit,
    });
    return c.json({ entries }, 200);
  });
  app.openapi(clearRoute, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    requireTenant(deps, id);
    deps.journal.clear(id);
    return c.body(null, 204);
  });
}
