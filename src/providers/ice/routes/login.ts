// POST /api/v1/auth/login: a business signs in with its username (any case) or mobile and its
// password, and gets the panel's access token.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { toAsciiDigits } from '../../../core/world/numbers.js';
import { issueAccessToken } from '../auth.js';
import { businessByLogin } from '../business.js';
import { IceError } from '../errors.js';
import { passwordMatches } from '../passwords.js';
import { iceRoute, reply } from '../route.js';

const LoginBody = z
  .object({
    login: z.string().min(1).max(64).openapi({ description: 'Username or mobile', example: 'mahak' }),
    password: z.string().min(1).max(128).openapi({ example: 'Mahak1234' }),
  })
  .strict()
  .openapi('IceLogin');

export const IceSession = z
  .object({ businessId: z.string(), accessToken: z.string(), expiresInSeconds: z.number().int() })
  .openapi('IceSession');

export function registerLogin(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/auth/login',
      endpointId: 'login',
      access: 'public',
      summary: 'Sign in by username or mobile and password',
      description: 'Name the tenant with `X-Sandbox-Tenant` (default: the default tenant).',
      body: LoginBody,
      answer: { status: 200, schema: IceSession, description: 'Signed in' },
    },
    async (c, { body, nowMs }) => {
      const deps = c.get('deps');
      const business = businessByLogin(deps.db, c.get('tenant')!.id, toAsciiDigits(body.login.trim()));
      // The same refusal whether the login or the password is wrong: it does not tell which logins exist.
      if (!business || !passwordMatches(body.password, business.passwordHash)) throw new IceError('loginFailed');
      const session = await issueAccessToken(deps, business, nowMs);
      return reply(c, { businessId: business.id, ...session });
    },
  );
}
