// POST /_sandbox/tenants: a new isolated workspace; answers its id, each provider's credentials
// (Jibit's key pair, Freepay's merchant key) and its control token. The only answer that shows the secrets in full.
import { z, createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { newId } from '../../core/ids.js';
import type { Provider } from '../../core/provider.js';
import { createTenant } from '../../core/tenants.js';
import { SandboxError, SandboxErrorBody } from '../errors.js';
import { buildTenantConfig, tenantCreateBody, type TenantCreate } from '../tenant-config.js';
import { tenantControlToken } from '../control-tokens.js';

const route = (providers: readonly Provider[]) =>
  createRoute({
    method: 'post',
    path: '/tenants',
    tags: ['Sandbox'],
    summary: 'Create a tenant (optional body: overrides of the defaults)',
    request: { body: { required: false, content: { 'application/json': { schema: tenantCreateBody(providers) } } } },
    responses: {
      201: {
        description: 'Created',
        content: {
          'application/json': {
            schema: z.object({
              id: z.string(),
              ...Object.fromEntries(providers.map((p) => [p.id, p.tenancy.answerSchema])),
              controlToken: z.string().openapi({
                description: "Bearer token for this tenant's /_sandbox/tenants/{id}/… routes only, when the control API is locked",
                example: 'mtc_ten_x3Yc0q8uTn2b5dKe_9Jq1…',
              }),
            }),
          },
        },
      },
      400: { description: 'Invalid overrides', content: { 'application/json': { schema: SandboxErrorBody } } },
      409: { description: 'An API key already used by another tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
    },
  });

export function registerTenantCreate(app: OpenAPIHono<AppEnv>, providers: readonly Provider[]) {
  app.openapi(route(providers), (c) => {
    const deps = c.get('deps');
    const input = (c.req.valid('json') ?? {}) as TenantCreate;
    for (const provider of providers) {
      const refusal = provider.tenancy.createRefusal?.(input[provider.id] ?? {});
      if (refusal) throw new SandboxError(400, 'invalid_request', `${provider.id}: ${refusal}`);
    }
    const config = buildTenantConfig(providers, input);
    for (const provider of providers) {
      const conflict = provider.tenancy.conflict(deps, config);
      if (conflict) throw new SandboxError(409, 'conflict', conflict);
    }
    const row = createTenant(deps.db, providers, newId('tenant'), config, deps.wall.now());
    return c.json(
      {
        id: row.id,
        ...Object.fromEntries(providers.map((p) => [p.id, p.tenancy.answer(row)])),
        controlToken: tenantControlToken(deps.db, row.id),
      },
      201,
    );
  });
}
