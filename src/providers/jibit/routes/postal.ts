// GET /v1/services/postal?code= and /v1/services/postal/wgs?code=: the address of a postal
// code, and its WGS-84 coordinates (§2.16, §2.17).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import type { World } from '../../../core/world/types.js';
import { jibitError } from '../errors.js';
import { postalCode } from '../params.js';
import { AddressInfo, WgsInfo } from '../schemas.js';
import { serve } from '../serve.js';
import { asciiDigits } from '../validation.js';
import { jibitRoute, registerJibitRoute } from './route.js';

const query = z.object({ code: postalCode });

const addressRoute = jibitRoute({
  method: 'get',
  path: '/v1/services/postal',
  endpoints: ['postal-code-address'],
  request: { query },
  response: z.object({ code: z.string(), addressInfo: AddressInfo }),
});

const wgsRoute = jibitRoute({
  method: 'get',
  path: '/v1/services/postal/wgs',
  endpoints: ['postal-code-wgs'],
  request: { query },
  response: z.object({ code: z.string(), wgsInfo: WgsInfo }),
});

function record(world: World, code: string) {
  const found = world.postal(code);
  if (!found) throw jibitError('postalCode.not_valid');
  if (found.state === 'NOT_FOUND') throw jibitError('postalCode.not_found');
  return found;
}

export function registerPostal(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, addressRoute, (c) => {
    const code = asciiDigits(c.req.valid('query').code.trim());
    return serve(c, () => {
      const r = record(c.get('deps').world, code);
      return {
        code,
        addressInfo: { postalCode: r.code, address: r.address, Province: r.province, district: r.district, street: r.street, no: r.no, floor: r.floor },
      };
    });
  });
  registerJibitRoute(app, wgsRoute, (c) => {
    const code = asciiDigits(c.req.valid('query').code.trim());
    return serve(c, () => {
      const r = record(c.get('deps').world, code);
      return { code, wgsInfo: { postalCode: r.code, latitude: r.latitude, longitude: r.longitude } };
    });
  });
}
