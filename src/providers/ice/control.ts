// ICE under the control API: PATCH /_sandbox/tenants/{id}/ice changes the tenant's settings.
// The account, legal-review and person routes register themselves from their own modules.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { getTenant } from '../../core/tenants.js';
import { SandboxError, jsonResponse, problemResponse } from '../../sandbox/errors.js';
import { requireTenant, tenantView } from '../../sandbox/tenant-view.js';
import { TenantParams } from '../../sandbox/routes/tenant-get.js';
import { applyIceSettings } from './settings-apply.js';
import { IceSettingsPatch } from './settings.js';
import { registerIceAccountControl } from './control-account.js';
import { registerIceChargeControl } from './control-charges.js';
import { registerIcePersonControl } from './control-person.js';

const patch = createRoute({
  method: 'patch',
  path: '/tenants/{id}/ice',
  tags: ['Sandbox'],
  summary: "Change a tenant's ICE settings: prices, consent and viewing lifetimes, the legal review, SMS codes, charge limits",
  request: { params: TenantParams, body: { required: true, content: { 'application/json': { schema: IceSettingsPatch } } } },
  responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), 'The tenant after the change'), 400: problemResponse('Invalid settings'), 404: problemResponse('No such tenant') },
});

export function registerIceControl(app: OpenAPIHono<AppEnv>) {
  app.openapi(patch, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    requireTenant(deps, id);
    const refusal = applyIceSettings(deps.db, id, c.req.valid('json'));
    if (refusal) throw new SandboxError(400, 'invalid_request', refusal);
    return c.json(tenantView(getTenant(deps.db, id)!, deps), 200);
  });
  registerIceAccountControl(app);
  registerIceChargeControl(app);
  registerIcePersonControl(app);
}
