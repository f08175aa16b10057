// GET /v1/services/foreigners/identity?fida=: a foreign national's identity by FIDA (§2.19).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { jibitError } from '../errors.js';
import { fida } from '../params.js';
import { ForeignerIdentityInfo } from '../schemas.js';
import { serve } from '../serve.js';
import { asciiDigits } from '../validation.js';
import { jibitRoute, registerJibitRoute } from './route.js';

const route = jibitRoute({
  method: 'get',
  path: '/v1/services/foreigners/identity',
  endpoints: ['foreigner-identity'],
  request: { query: z.object({ fida }) },
  response: z.object({ fida: z.string(), foreignerIdentityInfo: ForeignerIdentityInfo }),
});

export function registerForeigners(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, (c) => {
    const value = asciiDigits(c.req.valid('query').fida.trim());
    return serve(c, () => {
      const foreigner = c.get('deps').world.foreigner(value);
      if (!foreigner) throw jibitError('fida.not_valid');
      if (foreigner.blackListed) throw jibitError('fida.black_listed');
      return { fida: value, foreignerIdentityInfo: foreigner.info };
    });
  });
}
