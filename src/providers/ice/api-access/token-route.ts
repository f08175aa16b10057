// POST /api/v1/api-token: a live business's client id and secret, sent from IP 1 or IP 2, give
// an API access token the report routes accept. The tenant is named as at login (X-Sandbox-Tenant).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { iceRoute, reply } from '../route.js';
import { tokenFor } from './credentials.js';
import { IceApiToken } from './schemas.js';

export function registerApiToken(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/api-token',
      endpointId: 'api-token',
      access: 'public',
      summary: 'An API access token (one hour) from the client id and secret, only from the listed IPs',
      description: 'Name the tenant with `X-Sandbox-Tenant` (default: the default tenant). The token is accepted by the report routes (/api/v1/reports…) only from IP 1 or IP 2 of the onboarding.',
      body: z
        .object({ clientId: z.string().min(1).max(200).openapi({ example: 'ice_ck_…' }), clientSecret: z.string().min(1).max(200).openapi({ example: 'ice_sk_…' }) })
        .strict()
        .openapi('IceApiTokenRequest'),
      answer: { status: 200, schema: IceApiToken, description: 'The token' },
    },
    // The journal masks the answer's accessToken itself; the secret sent is left out of it by the pipeline.
    async (c, { body, nowMs }) => reply(c, await tokenFor(c, c.get('tenant')!.id, body.clientId, body.clientSecret, nowMs)),
  );
}
