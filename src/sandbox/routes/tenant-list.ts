// GET /_sandbox/tenants: the tenants, oldest first, a page at a time. The admin token (or an open
// sandbox) lists every tenant; a tenant control token lists its own tenant only.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { and, asc, eq, gt, or, type SQL } from 'drizzle-orm';
import { bearerCredential, type AppEnv } from '../../core/http.js';
import { tenants } from '../../db/schema/index.js';
import { getTenant } from '../../core/tenants.js';
import { SandboxError, jsonResponse, problemResponse } from '../errors.js';
import { tenantOfControlToken } from '../control-tokens.js';
import { clockView, isoTime } from '../tenant-view.js';

const wholeLimit = { error: 'must be a whole number from 1 to 500' };

const ListQuery = z
  .object({
    after: z.string().min(1, { error: 'must not be empty' }).optional().openapi({ description: 'The `next` of the previous page: the last tenant id it showed' }),
    limit: z.coerce.number(wholeLimit).int(wholeLimit).min(1, wholeLimit).max(500, wholeLimit).default(100),
  })
  .strict();

const TenantSummary = z
  .object({
    id: z.string(),
    name: z.string(),
    createdAt: z.string(),
    scenario: z.string().nullable(),
    clock: z.object({ now: z.string(), frozen: z.boolean(), tehranDay: z.string() }),
  })
  .openapi('TenantSummary');

const route = createRoute({
  method: 'get',
  path: '/tenants',
  tags: ['Sandbox'],
  summary: 'List the tenants, oldest first (a tenant control token sees its own tenant only)',
  request: { query: ListQuery },
  responses: {
    200: jsonResponse(
      z.object({ tenants: z.array(TenantSummary), next: z.string().nullable().openapi({ description: 'Pass as `after` for the next page; null on the last' }) }),
      'A page of tenants',
    ),
    400: problemResponse('A bad limit, an unknown filter, or an `after` that names no tenant'),
  },
});

export function registerTenantList(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const deps = c.get('deps');
    const { after, limit } = c.req.valid('query');
    // The control auth let any token of the sandbox through; a tenant's token narrows the list to its tenant.
    const holder = tenantOfControlToken(deps.db, bearerCredential(c).token);
    let where: SQL | undefined = holder === undefined ? undefined : eq(tenants.id, holder);
    if (after !== undefined) {
      const from = getTenant(deps.db, after);
      if (!from) throw new SandboxError(400, 'invalid_request', `after: tenant ${after} does not exist; pass the \`next\` of the previous page`);
      // Oldest first, ties by id: the same order on every page, however many tenants come and go.
      where = and(where, or(gt(tenants.createdAtMs, from.createdAtMs), and(eq(tenants.createdAtMs, from.createdAtMs), gt(tenants.id, from.id))));
    }
    const rows = deps.db.select().from(tenants).where(where).orderBy(asc(tenants.createdAtMs), asc(tenants.id)).limit(limit + 1).all();
    const page = rows.slice(0, limit);
    const list = page.map((row) => ({ id: row.id, name: row.name, createdAt: isoTime(row.createdAtMs), scenario: row.scenario, clock: clockView(row, deps) }));
    return c.json({ tenants: list, next: rows.length > limit ? page[page.length - 1]!.id : null }, 200);
  });
}
