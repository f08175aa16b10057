// GET /v1/services/social/sana?nationalCode=&mobileNumber=: whether a Sana (judiciary
// e-services) code was issued, for a person whose own mobile line is sent (§2.22).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { person } from '../answers.js';
import { jibitError } from '../errors.js';
import { mobileNumber, nationalCode } from '../params.js';
import { serve } from '../serve.js';
import { asciiDigits } from '../validation.js';
import { jibitRoute, registerJibitRoute } from './route.js';

const route = jibitRoute({
  method: 'get',
  path: '/v1/services/social/sana',
  endpoints: ['sana-status'],
  request: { query: z.object({ nationalCode, mobileNumber }) },
  response: z.object({ nationalCode: z.string(), mobileNumber: z.string(), registered: z.boolean(), matched: z.boolean() }),
});

export function registerSana(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, (c) => {
    const query = c.req.valid('query');
    const code = asciiDigits(query.nationalCode.trim());
    const mobile = asciiDigits(query.mobileNumber.trim());
    const { world } = c.get('deps');
    return serve(c, () => {
      const found = person(world, code);
      if (found.blackListed) throw jibitError('nationalCode.black_listed');
      const line = world.mobile(mobile);
      if (!line) throw jibitError('mobileNumber.not_valid');
      if (line.blackListed) throw jibitError('mobileNumber.black_listed');
      // "If the line's ownership by the national code is not established, the service fails"
      // (line 1169, no code named): the error an unknown line gets, so nothing is revealed.
      if (line.nationalCode !== code) throw jibitError('mobileNumber.not_valid');
      return { nationalCode: code, mobileNumber: mobile, registered: found.sanaRegistered, matched: true };
    });
  });
}
