// POST /_sandbox/tenants/{id}/reset: the tenant as it was created — settings, balances,
// usage, clock, journal, outbox and scenario (with its attempt counters) — with the same id
// and credentials.
import { emptyInbox } from '../inbox.js';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { getTenant, resetTenant } from '../../core/tenants.js';
import { SandboxErrorBody } from '../errors.js';
import { requireTenant, tenantView } from '../tenant-view.js';
import { TenantParams } from './tenant-get.js';

const route = createRoute({
  method: 'post',
  path: '/tenants/{id}/reset',
  tags: ['Sandbox'],
  summary: 'Return a tenant to its initial state',
  request: { params: TenantParams },
  responses: {
    200: { description: 'The tenant after the reset', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    404: { description: 'No such tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
  },
});

export function registerTenantReset(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    requireTenant(deps, id);
    // Whatever is still waiting to be written goes first, then memory lets go of the tenant.
    deps.meter.forget(id);
    deps.journal.forget(id);
    deps.rules.forgetTenant(id);
    resetTenant(deps.db, deps.providers, id, deps.wall.now());
    emptyInbox(deps.db, id);
    return c.json(tenantView(getTenant(deps.db, id)!, deps), 200);
  });
}
