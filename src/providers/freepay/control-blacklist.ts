// Shaparak's blacklist on the control API: GET, PUT and DELETE /_sandbox/freepay/blacklist[/{identity}].
// The list reaches every tenant's merchant of that identity, so only the admin token may change it.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { SandboxError, jsonResponse, problemResponse } from '../../sandbox/errors.js';
import { blacklist, identityOf, listIdentity, unlistIdentity, type BlacklistEntry } from './blacklist.js';

const Entry = z
  .object({
    identity: z.string().openapi({ example: '0123456789' }),
    kind: z.enum(['nationalCode', 'nationalId']),
    reason: z.string().nullable(),
    listedAt: z.string().openapi({ example: '2026-03-25T08:00:00.000Z' }),
  })
  .openapi('FreepayBlacklistEntry');

const IdentityParams = z.object({
  identity: z.string().min(1).max(32).openapi({ param: { name: 'identity', in: 'path' }, description: 'A national code (10 digits) or national ID (11 digits)', example: '0123456789' }),
});

const list = createRoute({
  method: 'get',
  path: '/freepay/blacklist',
  tags: ['Sandbox'],
  summary: "Shaparak's blacklist: the national codes and national IDs whose every Freepay merchant is stopped",
  responses: { 200: jsonResponse(z.object({ entries: z.array(Entry) }), 'The list, oldest first') },
});

const put = createRoute({
  method: 'put',
  path: '/freepay/blacklist/{identity}',
  tags: ['Sandbox'],
  summary: 'List a national code or national ID: every merchant of it, in every tenant, answers -4 to request and verify, and its payment pages refuse',
  request: {
    params: IdentityParams,
    body: { required: false, content: { 'application/json': { schema: z.object({ reason: z.string().trim().min(1).max(200).optional() }).strict() } } },
  },
  responses: {
    200: jsonResponse(Entry, 'Already listed: the entry (with the new reason, if given)'),
    201: jsonResponse(Entry, 'Listed'),
    400: problemResponse('Neither a valid national code nor a national ID'),
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/freepay/blacklist/{identity}',
  tags: ['Sandbox'],
  summary: 'Take an identity off the list: its merchants take payments again, earlier authorities included while they last',
  request: { params: IdentityParams },
  responses: { 204: { description: 'Off the list' }, 400: problemResponse('Neither a valid national code nor a national ID'), 404: problemResponse('Not on the list') },
});

const view = (e: BlacklistEntry) => ({ identity: e.identity, kind: e.kind, reason: e.reason, listedAt: new Date(e.listedAtMs).toISOString() });

function parsedIdentity(text: string) {
  const parsed = identityOf(text);
  if ('refusal' in parsed) throw new SandboxError(400, 'invalid_request', parsed.refusal);
  return parsed;
}

export function registerFreepayBlacklist(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, (c) => c.json({ entries: blacklist(c.get('deps').db).map(view) }, 200));

  app.openapi(put, async (c) => {
    const deps = c.get('deps');
    const { identity, kind } = parsedIdentity(c.req.valid('param').identity);
    // The body is optional: PUT with none lists without a reason.
    const body = c.req.header('content-type') ? c.req.valid('json') : {};
    const { entry, created } = listIdentity(deps.db, { identity, kind, reason: body.reason ?? null, listedAtMs: deps.wall.now() });
    return created ? c.json(view(entry), 201) : c.json(view(entry), 200);
  });

  app.openapi(remove, (c) => {
    const deps = c.get('deps');
    const { identity } = parsedIdentity(c.req.valid('param').identity);
    if (!unlistIdentity(deps.db, identity)) throw new SandboxError(404, 'not_found', `${identity} is not on the blacklist`);
    return c.body(null, 204);
  });
}
