// GET /health: liveness probe used by real clients (spec/jibit-clients.md); no token needed.
import { z, createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Jibit'],
  summary: 'Liveness probe (no authentication)',
  responses: {
    200: { description: 'Up', content: { 'application/json': { schema: z.object({ status: z.literal('UP') }) } } },
  },
});

export function registerHealth(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => c.json({ status: 'UP' as const }, 200));
}
