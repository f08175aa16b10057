// The control API's lock. With an admin token set, every /_sandbox route needs
// `Authorization: Bearer <token>`: the admin token for everything, a tenant control token for its
// own /_sandbox/tenants/{id}/… routes and for reading scenarios. Unlisted routes are admin-only,
// so a new route is locked until someone decides otherwise. Without an admin token it stays open.
// The dashboard's pages (docs/dashboard.md) take the same tokens, from the sign-in cookie too.
import type { Context, MiddlewareHandler } from 'hono';
import { bearerCredential, type AppEnv } from '../core/http.js';
import { isDashboardPath, sameOrigin, sessionToken } from './dashboard-session.js';
import { adminTokenProblem, sameSecret, tenantExists, tenantOfControlToken } from './control-tokens.js';

/** Who may call a route: anyone, any token of this sandbox, one tenant's token, or the admin only. */
type Access = { kind: 'public' } | { kind: 'read' } | { kind: 'tenant'; tenantId: string } | { kind: 'admin' };

const tenantPath = /^\/_sandbox\/tenants\/([^/]+)(?:\/|$)/;
const dashboardTenantPath = /^\/_sandbox\/dashboard\/tenants\/([^/]+)(?:\/|$)/;

export function accessOf(method: string, path: string): Access {
  const reading = method === 'GET' || method === 'HEAD';
  // Documented inputs, the same for everyone: nothing of a tenant in them.
  if (reading && path === '/_sandbox/test-values') return { kind: 'public' };
  // Scenarios hold no tenant's data; a tenant's CI looks them up before switching one on.
  if (reading && /^\/_sandbox\/scenarios(?:\/[^/]+)?$/.test(path)) return { kind: 'read' };
  // A webhook inbox takes deliveries, which carry no token: its path is the credential (sandbox/inbox.ts).
  if (method === 'POST' && /^\/_sandbox\/inbox\/[^/]+$/.test(path)) return { kind: 'public' };
  // The dashboard's script and style, and its sign-in and sign-out, hold nothing of a tenant.
  if (reading && /^\/_sandbox\/dashboard\/assets\/[^/]+$/.test(path)) return { kind: 'public' };
  if (method === 'POST' && /^\/_sandbox\/dashboard\/sign-(?:in|out)$/.test(path)) return { kind: 'public' };
  // The tenant list, as JSON and as the dashboard's home: a tenant's token lists its own tenant only.
  if (reading && /^\/_sandbox(?:\/tenants|\/dashboard\/tenants)?$/.test(path)) return { kind: 'read' };
  const segment = (tenantPath.exec(path) ?? dashboardTenantPath.exec(path))?.[1];
  if (segment !== undefined) return { kind: 'tenant', tenantId: decoded(segment) };
  return { kind: 'admin' };
}

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

const challenge = 'Bearer realm="mahak-control"';

/** How the dashboard answers a refusal on its own paths: a page (its sign-in form), not JSON. */
export type PageRefusal = (c: Context, status: 401 | 403, message: string) => Response | Promise<Response>;

function refuse(pageRefusal: PageRefusal | undefined, c: Context<AppEnv>, status: 401 | 403, error: string, message: string) {
  if (pageRefusal && isDashboardPath(c.req.path)) return pageRefusal(c, status, message);
  if (status === 401) c.header('WWW-Authenticate', challenge);
  return c.json({ error, message }, status);
}

export function controlAuth(adminToken: string | undefined, pageRefusal?: PageRefusal): MiddlewareHandler<AppEnv> {
  if (adminToken === undefined) return (_c, next) => next();
  const problem = adminTokenProblem(adminToken);
  if (problem) throw new Error(`adminToken ${problem}`);
  return async (c, next) => {
    const access = accessOf(c.req.method, c.req.path);
    if (access.kind === 'public') return next();
    const { token: bearer, repeated } = bearerCredential(c);
    // Two credentials are no credential: neither is taken (Node alone would keep the first).
    if (repeated) return refuse(pageRefusal, c, 403, 'forbidden', 'Authorization was sent more than once; send one token');
    // The sign-in cookie counts on the dashboard's paths only, and for a change only from its own pages.
    const cookie = bearer === '' && isDashboardPath(c.req.path) ? sessionToken(c) : undefined;
    if (cookie !== undefined && c.req.method !== 'GET' && c.req.method !== 'HEAD' && !sameOrigin(c)) {
      return refuse(pageRefusal, c, 403, 'forbidden', 'a dashboard action must come from a page of this sandbox (Origin or Sec-Fetch-Site)');
    }
    const token = bearer || cookie;
    if (!token) {
      return refuse(
        pageRefusal,
        c,
        401,
        'unauthorized',
        'the control API needs a token: send Authorization: Bearer <token>, the admin token (MAHAK_ADMIN_TOKEN, or the one printed at start-up) or, for one tenant, its control token',
      );
    }
    if (sameSecret(token, adminToken)) return next();
    const db = c.get('deps').db;
    const holder = tenantOfControlToken(db, token);
    if (holder === undefined) return refuse(pageRefusal, c, 403, 'forbidden', 'this token is neither the admin token nor a control token of a tenant of this sandbox');
    if (access.kind === 'tenant') {
      if (access.tenantId === holder) return next();
      return refuse(pageRefusal, c, 403, 'forbidden', `a tenant control token controls only its own tenant (${holder}); ${access.tenantId} needs its own token or the admin token`);
    }
    if (access.kind === 'read') {
      if (tenantExists(db, holder)) return next();
      return refuse(pageRefusal, c, 403, 'forbidden', `tenant ${holder} of this control token no longer exists`);
    }
    return refuse(pageRefusal, c, 403, 'forbidden', `${c.req.method} ${c.req.path} needs the admin token; a tenant control token controls only its own tenant (${holder})`);
  };
}
