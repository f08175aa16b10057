// POST /_sandbox/tenants/{id}/journal/verify: was a call like this made (exactly n times, or
// at least n)? When not, the nearest entries and how each differs, the way mock servers
// report near misses.
import { isDeepStrictEqual } from 'node:util';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { JournalEntry } from '../../core/journal.js';
import type { AppEnv } from '../../core/http.js';
import { SandboxError, SandboxErrorBody } from '../errors.js';
import { requireTenant } from '../tenant-view.js';
import { TenantParams } from './tenant-get.js';
import { JournalEntrySchema } from './tenant-journal.js';

const Pattern = z
  .object({
    provider: z.string().optional(),
    endpoint: z.string().optional(),
    method: z.string().optional(),
    path: z.string().optional(),
    status: z.number().int().optional(),
    code: z.string().nullable().optional().openapi({ description: 'Error code answered; null for a success' }),
    query: z.record(z.string(), z.union([z.string(), z.array(z.string())])).optional(),
    body: z.record(z.string(), z.unknown()).optional().openapi({ description: 'Top-level request-body fields' }),
    headers: z.record(z.string(), z.string()).optional(),
  })
  .strict();

const VerifyBody = z
  .object({ request: Pattern, count: z.number().int().min(0).optional(), atLeast: z.number().int().min(0).optional() })
  .strict()
  .openapi('JournalVerify', { description: 'A request pattern and count (exact) or atLeast; neither means atLeast 1' });

const route = createRoute({
  method: 'post',
  path: '/tenants/{id}/journal/verify',
  tags: ['Sandbox'],
  summary: 'Check that matching calls were made',
  request: { params: TenantParams, body: { required: true, content: { 'application/json': { schema: VerifyBody } } } },
  responses: {
    200: {
      description: 'Whether the journal holds the calls expected',
      content: {
        'application/json': {
          schema: z.object({
            matched: z.boolean(),
            count: z.number().int(),
            expected: z.object({ count: z.number().int().optional(), atLeast: z.number().int().optional() }),
            nearest: z.array(z.object({ entry: JournalEntrySchema, differences: z.array(z.string()) })),
          }),
        },
      },
    },
    400: { description: 'Bad pattern', content: { 'application/json': { schema: SandboxErrorBody } } },
    404: { description: 'No such tenant', content: { 'application/json': { schema: SandboxErrorBody } } },
  },
});

type Pattern = z.infer<typeof Pattern>;

/** How an entry differs from the pattern, one line per field; empty when it matches. */
export function differences(pattern: Pattern, entry: JournalEntry): string[] {
  const out: string[] = [];
  const compare = (name: string, expected: unknown, actual: unknown) => {
    if (expected !== undefined && !isDeepStrictEqual(expected, actual)) {
      out.push(`${name}: expected ${JSON.stringify(expected)}, was ${JSON.stringify(actual ?? null)}`);
    }
  };
  compare('provider', pattern.provider, entry.provider);
  compare('endpoint', pattern.endpoint, entry.endpoint);
  compare('method', pattern.method?.toUpperCase(), entry.method);
  compare('path', pattern.path, entry.path);
  compare('status', pattern.status, entry.status);
  compare('code', pattern.code, entry.errorCode);
  for (const [key, value] of Object.entries(pattern.query ?? {})) compare(`query.${key}`, value, entry.query[key]);
  const body = (entry.requestBody ?? {}) as Record<string, unknown>;
  for (const [key, value] of Object.entries(pattern.body ?? {})) compare(`body.${key}`, value, body[key]);
  for (const [key, value] of Object.entries(pattern.headers ?? {})) compare(`headers.${key.toLowerCase()}`, value, entry.headers[key.toLowerCase()]);
  return out;
}

export function registerTenantJournalVerify(app: OpenAPIHono<AppEnv>) {
  app.openapi(route, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    const { request, count, atLeast } = c.req.valid('json');
    if (count !== undefined && atLeast !== undefined) {
      throw new SandboxError(400, 'invalid_request', 'give count (exact) or atLeast, not both');
    }
    requireTenant(deps, id);
    const entries = deps.journal.list(id, { limit: deps.journal.limitPerTenant });
    const compared = entries.map((entry) => ({ entry, differences: differences(request, entry) }));
    const found = compared.filter((e) => e.differences.length === 0).length;
    const expected = count !== undefined ? { count } : { atLeast: atLeast ?? 1 };
    const matched = 'count' in expected ? found === expected.count : found >= expected.atLeast;
    const nearest = matched
      ? []
      : compared
          .filter((e) => e.differences.length > 0)
          .sort((a, b) => a.differences.length - b.differences.length)
          .slice(0, 5);
    return c.json({ matched, count: found, expected, nearest }, 200);
  });
}
