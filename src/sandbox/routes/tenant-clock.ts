// POST /_sandbox/tenants/{id}/clock: advance, set or freeze the tenant's clock. Token expiry,
// daily limits and every other time rule of the tenant follow it.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { applyClockCommand, clockRange, tenantClock, type ClockCommand } from '../../core/clock.js';
import type { AppEnv } from '../../core/http.js';
import { clockStateOf, getTenant, saveClock } from '../../core/tenants.js';
import { SandboxError, SandboxErrorBody } from '../errors.js';
import { catchUp } from '../../core/catch-up.js';
import { clockView, requireTenant } from '../tenant-view.js';
import { TenantParams } from './tenant-get.js';

const ClockBody = z
  .union([
    z.object({ advanceSeconds: z.number().finite().min(-1e10).max(1e10) }).strict(),
    z.object({ set: z.iso.datetime({ offset: true, error: 'must be an ISO-8601 date-time with a zone (Z or ±hh:mm)' }).openapi({ example: '2026-03-20T20:29:59+03:30' }) }).strict(),
    z.object({ freeze: z.boolean() }).strict(),
  ], { error: 'send exactly one of advanceSeconds (a number), set (an ISO-8601 date-time with a zone) or freeze (a boolean)' })
  .openapi('ClockCommand', { description: 'Exactly one of advanceSeconds, set (ISO-8601 with zone) or freeze' });

const route = createRoute({
  method: 'post',
  path: '/tenants/{id}/clock',
  tags: ['Sandbox'],
  summary: "Move or freeze a tenant's clock",
  request: { params: TenantParams, body: { required: true, content: { 'application/json': { schema: ClockBody } } } },
  responses: {
    200: {
      description: 'The clock after the command',
      content: { 'application/json': { schema: z.object({ now: z.string(), frozen: z.boolean(), tehranDay: z.string() }) } },
    },
    400: { description: 'Invalid command', content: { 'application/json': { schema: SandboxErrorBody } } },
    404: { description: 'No such tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
  },
});

export function registerTenantClock(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    const row = requireTenant(deps, id);
    const command: ClockCommand = 'set' in body ? { set: Date.parse(body.set) } : body;
    const next = applyClockCommand(clockStateOf(row), command, deps.wall);
    const nowMs = tenantClock(next, deps.wall).now();
    if (nowMs < clockRange.fromMs || nowMs > clockRange.toMs) {
      throw new SandboxError(400, 'invalid_request', `the clock must stay between ${clockRange.from} and ${clockRange.to}`);
    }
    saveClock(deps.db, id, next);
    // What the new time brings due happens now: reversals and settlements on the way.
    catchUp(deps, row, nowMs);
    // Webhook retries due by the new time go now, not at the next poll.
    deps.webhooks.kick();
    return c.json(clockView(getTenant(deps.db, id)!, deps), 200);
  });
}
