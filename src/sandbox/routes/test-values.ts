// GET /_sandbox/test-values: documented inputs for every outcome of every provider endpoint,
// optionally filtered by provider, endpoint or outcome.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import type { TestValue } from '../../core/provider.js';

const TestValueSchema = z
  .object({
    provider: z.string(),
    endpoint: z.string(),
    outcome: z.string(),
    request: z.object({
      method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      path: z.string(),
      query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
      body: z.unknown().optional(),
      headers: z.record(z.string(), z.string()).optional(),
    }),
    note: z.string().optional(),
  })
  .openapi('TestValue');

const route = createRoute({
  method: 'get',
  path: '/test-values',
  tags: ['Sandbox'],
  summary: 'Inputs that produce each documented outcome',
  description:
    'Paths are relative to the provider base URL (/jibit/ide, /freepay). Freepay values are what the payment page is sent: {{authority}} is a payment of yours, {{captcha}} the answer its page shows (and sends in X-Sandbox-Captcha). Authenticated requests carry Authorization: Bearer {{accessToken}} unless headers.Authorization is given (empty: no header). {{apiKey}}, {{secretKey}}, {{accessToken}} and {{refreshToken}} stand for your tenant credentials and a fresh token pair. A query value given as a list is a repeated parameter; a string body is sent as is.',
  request: {
    query: z.object({
      provider: z.string().optional(),
      endpoint: z.string().optional(),
      outcome: z.string().optional(),
    }),
  },
  responses: { 200: { description: 'Test values', content: { 'application/json': { schema: z.array(TestValueSchema) } } } },
});

/** Built once per provider list: the values never change while the sandbox runs. */
const cache = new WeakMap<object, TestValue[]>();

export function registerTestValues(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const { provider, endpoint, outcome } = c.req.valid('query');
    const { providers } = c.get('deps');
    let all = cache.get(providers);
    if (!all) cache.set(providers, (all = providers.flatMap((p) => p.testValues())));
    const values = all.filter(
      (v) => (!provider || v.provider === provider) && (!endpoint || v.endpoint === endpoint) && (!outcome || v.outcome === outcome),
    );
    return c.json(values, 200);
  });
}
