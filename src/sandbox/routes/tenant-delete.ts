// DELETE /_sandbox/tenants/{id}: removes a tenant with its wallets, ledger and usage.
// Tokens it was issued stop working (refresh answers client.not_found).
import { emptyInbox } from '../inbox.js';
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { deleteTenant } from '../../core/tenants.js';
import { SandboxError, SandboxErrorBody } from '../errors.js';
import { defaultTenant } from '../tenant-config.js';
import { requireTenant } from '../tenant-view.js';
import { TenantParams } from './tenant-get.js';

const route = createRoute({
  method: 'delete',
  path: '/tenants/{id}',
  tags: ['Sandbox'],
  summary: 'Delete a tenant',
  request: { params: TenantParams },
  responses: {
    204: { description: 'Deleted' },
    404: { description: 'No such tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
    409: { description: 'The default tenant cannot be deleted', content: { 'application/json': { schema: SandboxErrorBody } } },
  },
});

export function registerTenantDelete(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const { id } = c.req.valid('param');
    requireTenant(c.get('deps'), id);
    if (id === defaultTenant.id) throw new SandboxError(409, 'conflict', 'the default tenant cannot be deleted');
    c.get('deps').meter.forget(id);
    c.get('deps').journal.forget(id);
    c.get('deps').rules.forgetTenant(id);
    deleteTenant(c.get('deps').db, c.get('deps').providers, id);
    emptyInbox(c.get('deps').db, id);
    return c.body(null, 204);
  });
}
