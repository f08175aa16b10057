// GET /health: Mahak's own state, for a probe or a person (README, "Journal and durability").
// Degraded while the database refuses the write-behind batches: answers are still made, but
// charges, usage and the journal wait in memory and a crash would lose them.
import { z, createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from './http.js';

const writer = z
  .object({
    pending: z.record(z.string(), z.number().int()).describe('entries waiting to be written, by component (meter: one per tenant owing money or usage; journal: one per call)'),
    dropped: z.record(z.string(), z.number().int()).describe('entries dropped since start because SQLite refused what they held (each logged)'),
    failingSince: z.string().nullable().describe('when the batches began to fail, while they do'),
    lastError: z.object({ message: z.string(), at: z.string() }).nullable().describe('the last error of a batch or an entry'),
  })
  .openapi('WriterHealth');

const route = createRoute({
  method: 'get',
  path: '/health',
  tags: ['Mahak'],
  summary: "Mahak's own health: the database writer behind charges, usage and the journal",
  responses: {
    200: { description: 'Everything owed is being written', content: { 'application/json': { schema: z.object({ status: z.literal('ok'), writer }) } } },
    503: { description: 'The database refuses writes; the reason is in writer.lastError', content: { 'application/json': { schema: z.object({ status: z.literal('degraded'), writer }) } } },
  },
});

export function registerHealth(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(route, (c) => {
    const { ok, ...state } = deps.journal.writer.health();
    return ok ? c.json({ status: 'ok' as const, writer: state }, 200) : c.json({ status: 'degraded' as const, writer: state }, 503);
  });
}
