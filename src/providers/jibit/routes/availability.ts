// GET /v1/services/availability?cardToIBAN=true: card-to-IBAN availability per bank (§2.7),
// an object keyed by bank identifier (the document's single row read as a map, §5.4.25).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { mustBeTrue } from '../params.js';
import { jibitRoute, registerJibitRoute } from './route.js';
import { answer } from '../serve.js';

const route = jibitRoute({
  method: 'get',
  path: '/v1/services/availability',
  endpoints: ['card-to-iban-availability'],
  request: { query: z.object({ cardToIBAN: mustBeTrue('Must be true: selects the card-to-IBAN report') }) },
  response: z.object({
    availabilityReport: z.record(z.string(), z.enum(['AVAILABLE', 'NOT_AVAILABLE'])).openapi({ example: { MELLI: 'AVAILABLE' } }),
  }),
});

export function registerAvailability(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, (c) => answer(c, { availabilityReport: c.get('deps').world.cardToIbanAvailability() }));
}
