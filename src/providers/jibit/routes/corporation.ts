// GET /v1/services/corporation/identity?code=: a guild licence holder by guild id (§2.20).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { jibitError } from '../errors.js';
import { corporationCode } from '../params.js';
import { CorporationIdentityInfo } from '../schemas.js';
import { serve } from '../serve.js';
import { asciiDigits } from '../validation.js';
import { jibitRoute, registerJibitRoute } from './route.js';

const route = jibitRoute({
  method: 'get',
  path: '/v1/services/corporation/identity',
  endpoints: ['corporation-identity'],
  request: { query: z.object({ code: corporationCode }) },
  response: z.object({ code: z.string(), corporationIdentityInfo: CorporationIdentityInfo }),
});

export function registerCorporation(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, (c) => {
    const code = asciiDigits(c.req.valid('query').code.trim());
    return serve(c, () => {
      const corporation = c.get('deps').world.corporation(code);
      if (!corporation) throw jibitError('corporation_code.not_valid');
      if (corporation.state === 'NOT_FOUND') throw jibitError('corporation_identity_info.not_found');
      return { code, corporationIdentityInfo: corporation.info };
    });
  });
}
