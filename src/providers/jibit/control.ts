// PATCH /_sandbox/tenants/{id}/jibit: daily limits, prices, allowed IPs, balances, billing, input strictness, account state, exhausted wallet.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { getTenant } from '../../core/tenants.js';
import { JibitSettingsPatch, applyJibitSettings } from './settings-patch.js';
import { SandboxErrorBody } from '../../sandbox/errors.js';
import { requireTenant, tenantView } from '../../sandbox/tenant-view.js';
import { TenantParams } from '../../sandbox/routes/tenant-get.js';

const route = createRoute({
  method: 'patch',
  path: '/tenants/{id}/jibit',
  tags: ['Sandbox'],
  summary: "Change a tenant's Jibit settings",
  request: { params: TenantParams, body: { required: true, content: { 'application/json': { schema: JibitSettingsPatch } } } },
  responses: {
    200: { description: 'The tenant after the change', content: { 'application/json': { schema: z.record(z.string(), z.unknown()) } } },
    400: { description: 'Invalid settings', content: { 'application/json': { schema: SandboxErrorBody } } },
    404: { description: 'No such tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
  },
});

export function registerJibitControl(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    requireTenant(deps, id);
    applyJibitSettings(deps, id, patch, 'set by control API');
    return c.json(tenantView(getTenant(deps.db, id)!, deps), 200);
  });
}
