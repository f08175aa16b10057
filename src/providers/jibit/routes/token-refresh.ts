// POST /v1/tokens/refresh: a valid refresh token with the access token issued beside it
// (expired or not) → a new token pair. Both are required (lines 148, 164); a tenant reading
// inputs leniently also serves clients that send only the refresh token.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { callerAllowed, type AppEnv } from '../../../core/http.js';
import { clockOf, getTenant } from '../../../core/tenants.js';
import { outsideLifetime } from '../../../core/tokens.js';
import { jibitError } from '../errors.js';
import { TokenPair } from '../schemas.js';
import { jibitSettings } from '../settings.js';
import { jibitRoute, registerJibitRoute } from './route.js';
import { answer } from '../serve.js';

const token = (name: string) =>
  z
    .string({ error: (issue) => (issue.input == null ? `${name}.is_required` : 'invalid.request_body') })
    .refine((v) => v.trim() !== '', `${name}.is_required`);

const route = jibitRoute({
  method: 'post',
  path: '/v1/tokens/refresh',
  endpoints: ['token-refresh'],
  authenticated: false,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          schema: z.object({ accessToken: token('accessToken').optional(), refreshToken: token('refreshToken') }),
        },
      },
    },
  },
  response: TokenPair,
});

export function registerTokenRefresh(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, async (c) => {
    const body = c.req.valid('json');
    const deps = c.get('deps');
    // The pipeline named the tenant if the refresh token is one of its own.
    const named = c.get('tenant');
    const lenient = named !== undefined && jibitSettings(named).inputs === 'lenient';
    if (body.accessToken === undefined && !lenient) throw jibitError('accessToken.is_required');
    const refresh = await deps.tokens.verify(body.refreshToken);
    if (!refresh.ok || refresh.claims.typ !== 'refresh') throw jibitError('refreshToken.not_valid');
    const tenant = getTenant(deps.db, refresh.claims.sub);
    if (!tenant) throw jibitError('client.not_found');
    c.set('tenant', tenant);
    const nowMs = clockOf(tenant, deps.wall).now();
    // A refresh token issued after the tenant's now (its clock moved back since) is no more valid than an expired one.
    if (outsideLifetime(refresh.claims, nowMs)) throw jibitError('refreshToken.not_valid');
    if (body.accessToken !== undefined) {
      const access = await deps.tokens.verify(body.accessToken);
      const paired = access.ok && access.claims.typ === 'access' && access.claims.pair === refresh.claims.pair;
      if (!paired) throw jibitError('invalid.tokens_pair');
    }
    if (!callerAllowed(c, jibitSettings(tenant).allowedIps)) throw jibitError('forbidden');
    return answer(c, await deps.tokens.issuePair(tenant.id, nowMs));
  });
}
