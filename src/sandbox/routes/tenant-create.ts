// POST /_sandbox/tenants: a new isolated workspace; answers its id, its Jibit credentials, its
// Freepay merchant API key and its control token. The only answer that shows the secrets in full.
import { z, createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { newId } from '../../core/ids.js';
import { createTenant, tenantByFreepayApiKey, tenantByJibitApiKey } from '../../core/tenants.js';
import { defaultMerchant, patchedMerchant } from '../../providers/freepay/merchant.js';
import { SandboxError, SandboxErrorBody } from '../errors.js';
import { buildTenantConfig, TenantCreateBody } from '../tenant-config.js';
import { tenantControlToken } from '../control-tokens.js';

const route = createRoute({
  method: 'post',
  path: '/tenants',
  tags: ['Sandbox'],
  summary: 'Create a tenant (optional body: overrides of the defaults)',
  request: { body: { required: false, content: { 'application/json': { schema: TenantCreateBody } } } },
  responses: {
    201: {
      description: 'Created',
      content: {
        'application/json': {
          schema: z.object({
            id: z.string(),
            jibit: z.object({ apiKey: z.string(), secretKey: z.string() }),
            freepay: z.object({ apiKey: z.string() }),
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

export function registerTenantCreate(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const deps = c.get('deps');
    const input = c.req.valid('json') ?? {};
    const merchant = patchedMerchant(defaultMerchant, input.freepay ?? {});
    if (typeof merchant === 'string') throw new SandboxError(400, 'invalid_request', `freepay: ${merchant}`);
    const config = buildTenantConfig(input);
    if (tenantByJibitApiKey(deps.db, config.jibit.apiKey)) {
      throw new SandboxError(409, 'conflict', 'jibit.apiKey is already used by another tenant');
    }
    if (tenantByFreepayApiKey(deps.db, config.freepay.apiKey)) {
      throw new SandboxError(409, 'conflict', 'freepay.apiKey is already used by another tenant');
    }
    const row = createTenant(deps.db, newId('tenant'), config, deps.wall.now());
    return c.json(
      {
        id: row.id,
        jibit: { apiKey: row.jibitApiKey, secretKey: row.jibitSecretKey },
        freepay: { apiKey: row.freepayApiKey! },
        controlToken: tenantControlToken(deps.db, row.id),
      },
      201,
    );
  });
}
