// PATCH /_sandbox/tenants/{id}/jibit: daily limits, prices, allowed IPs, balances, billing.
// Maps are merged key by key; balances are set to the given amounts with a ledger entry.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { clockOf, getTenant, updateTenant } from '../../core/tenants.js';
import { SandboxErrorBody } from '../errors.js';
import { JibitSettingsPatch } from '../tenant-config.js';
import { requireTenant, tenantView } from '../tenant-view.js';
import { TenantParams } from './tenant-get.js';

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

export function registerTenantJibit(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const row = requireTenant(deps, id);
    const nowMs = clockOf(row, deps.wall).now();
    updateTenant(deps.db, id, {
      ...(patch.allowedIps ? { allowedIps: JSON.stringify(patch.allowedIps) } : {}),
      ...(patch.dailyLimits ? { dailyLimits: JSON.stringify({ ...JSON.parse(row.dailyLimits), ...patch.dailyLimits }) } : {}),
      ...(patch.prices ? { prices: JSON.stringify({ ...JSON.parse(row.prices), ...patch.prices }) } : {}),
      ...(patch.billing ? { billing: patch.billing } : {}),
    });
    for (const [wallet, amount] of Object.entries(patch.balances ?? {})) {
      if (amount !== undefined) deps.meter.set(id, wallet as 'PRF' | 'POF', amount, 'set by control API', nowMs);
    }
    return c.json(tenantView(getTenant(deps.db, id)!, deps), 200);
  });
}
