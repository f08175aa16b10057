// POST /v1/tokens/generate: apiKey + secretKey → access token (24 h) and refresh token (48 h).
import { timingSafeEqual } from 'node:crypto';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { callerAllowed, type AppEnv } from '../../../core/http.js';
import { clockOf } from '../../../core/tenants.js';
import { jibitError } from '../errors.js';
import { TokenPair } from '../schemas.js';
import { jibitSettings } from '../settings.js';
import { defaultJibitKeys } from '../tenancy.js';
import { jibitRoute, registerJibitRoute } from './route.js';
import { answer } from '../serve.js';

/** The document names apiKey/secretKey.length_exceeded without a limit; the sandbox uses 128. */
export const keyMaxLength = 128;

const key = (name: 'apiKey' | 'secretKey') =>
  z
    .string({ error: (issue) => (issue.input == null ? `${name}.is_required` : 'invalid.request_body') })
    .refine((v) => v.trim() !== '', { message: `${name}.is_required`, abort: true })
    .refine((v) => v.length <= keyMaxLength, `${name}.length_exceeded`);

const route = jibitRoute({
  method: 'post',
  path: '/v1/tokens/generate',
  endpoints: ['token-generate'],
  authenticated: false,
  request: {
    body: {
      required: true,
      content: {
        'application/json': {
          // The default tenant's fixed pair: "Try it out" in /docs works on a fresh sandbox.
          schema: z.object({ apiKey: key('apiKey').openapi({ example: defaultJibitKeys.apiKey }), secretKey: key('secretKey').openapi({ example: defaultJibitKeys.secretKey }) }),
        },
      },
    },
  },
  response: TokenPair,
});

const sameSecret = (a: string, b: string) => {
  const [x, y] = [Buffer.from(a), Buffer.from(b)];
  return x.length === y.length && timingSafeEqual(x, y);
};

export function registerTokenGenerate(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, async (c) => {
    const { secretKey } = c.req.valid('json');
    const deps = c.get('deps');
    // The pipeline named the tenant by the apiKey sent (so its journal shows even a refused attempt).
    const tenant = c.get('tenant');
    if (!tenant || !sameSecret(tenant.jibitSecretKey, secretKey)) throw jibitError('invalid.credentials');
    if (!callerAllowed(c, jibitSettings(tenant).allowedIps)) throw jibitError('forbidden');
    const pair = await deps.tokens.issuePair(tenant.id, clockOf(tenant, deps.wall).now());
    return answer(c, pair);
  });
}
