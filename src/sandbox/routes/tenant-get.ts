// GET /_sandbox/tenants/{id}: the tenant's settings, balances, usage today and clock.
import { z, createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { SandboxErrorBody } from '../errors.js';
import { requireTenant, tenantView } from '../tenant-view.js';

export const TenantParams = z.object({ id: z.string().min(1).openapi({ param: { name: 'id', in: 'path' }, example: 'ten_default' }) });

const route = createRoute({
  method: 'get',
  path: '/tenants/{id}',
  tags: ['Sandbox'],
  summary: 'Show a tenant',
  request: { params: TenantParams },
  responses: {
    200: { description: 'The tenant', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    404: { description: 'No such tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
  },
});

export function registerTenantGet(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => c.json(tenantView(requireTenant(c.get('deps'), c.req.valid('param').id), c.get('deps')), 200));
}
