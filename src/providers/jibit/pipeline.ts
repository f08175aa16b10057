// The request pipeline every Jibit call goes through, in order:
// track id → body size → route to a catalog endpoint → authenticate (token, tenant, IP allowlist) →
// forced error (X-Sandbox-Error) → readable request → the endpoint's validation and handler.
import type { MiddlewareHandler, Next } from 'hono';
import { declaredTooLarge, readBody } from '../../core/body-limit.js';
import { bearerCredential, callerAllowed, header, identify, rawQuery, type AppDeps, type AppEnv, type AppContext } from '../../core/http.js';
import { getTenant, tenantByJibitApiKey } from '../../core/tenants.js';
import { act } from '../../core/scenarios/act.js';
import { forcedError } from '../../core/forced-error.js';
import { scenarioRule } from '../../core/scenarios/rules.js';
import { outsideLifetime, type Verified } from '../../core/tokens.js';
import { catalogEndpoint, documentedSpelling } from './catalog.js';
import { jibitError } from './errors.js';
import { routeJibit, type Routed } from './dispatch.js';
import { jibitSettings } from './settings.js';

export const trackIdMaxLength = 50;
/**
 * The largest body a Jibit call may send. The JSON bodies the API takes (token generate and
 * refresh, the POST forms of matching and similarity) are a few short fields, under 2 KiB with
 * 128-character keys and a pair of tokens; 64 KiB leaves room for any client's padding and
 * still refuses what no client of this API sends (README "Limits").
 */
export const jibitBodyBytes = 64 * 1024;
const jibitBase = '/jibit/ide';

export const jibitPipeline =
  (deps: AppDeps): MiddlewareHandler<AppEnv> =>
  (c, next) => {
    c.set('deps', deps);
    const trackId = header(c, 'x-track-id');
    if (trackId !== undefined) c.header('X-TRACK-ID', trackId);
    // Too large is answered before anything else, as a gateway in front of the API would.
    if (declaredTooLarge(c, jibitBodyBytes)) throw jibitError('invalid.request_body');

    const full = c.req.path;
    const path = (full.endsWith('/') ? full.replace(/\/+$/, '') : full).slice(jibitBase.length) || '/';
    if (path === '/health') return next();

    // HEAD is answered as GET; a POST is read from its JSON body, a GET from its query.
    const method = c.req.method === 'HEAD' ? 'GET' : c.req.method;
    const request: Incoming = { deps, next, method, path, trackId };
    if (method === 'POST') return readJsonObject(c).then((body) => route(c, { ...request, body }));
    return route(c, request);
  };

interface Incoming {
  deps: AppDeps;
  next: Next;
  method: string;
  path: string;
  trackId: string | undefined;
  body?: { ok: boolean; value?: Record<string, unknown> };
}

/**
 * Synchronous unless the token is new to this process: most calls make no promise here. The
 * steps are functions of their own rather than closures, so a call allocates none of them.
 */
function route(c: AppContext, request: Incoming): Promise<Response | void> {
  const { body } = request;
  const search = rawQuery(c);
  const query = new URLSearchParams(search);
  const routed = routeJibit(request.method, request.path, query, body);
  if (!routed) throw jibitError('handler.not_found');
  c.set('endpointId', routed.endpointId);
  c.set('query', query);
  if (body?.value) c.set('jsonBody', body.value);

  if (routed.endpointId === 'token-generate') {
    identifyByApiKey(c, body?.value?.apiKey);
    return finish(c, request, routed, search);
  }
  if (routed.endpointId === 'token-refresh') {
    return identifyByRefreshToken(c, body?.value?.refreshToken).then(() => finish(c, request, routed, search));
  }
  const token = bearerToken(c, routed.endpointId);
  const known = request.deps.tokens.verifiedBefore(token);
  if (known) {
    authenticate(c, known);
    return finish(c, request, routed, search);
  }
  return request.deps.tokens.verify(token).then((verified) => {
    authenticate(c, verified);
    return finish(c, request, routed, search);
  });
}

/** Rules of the scenario (named by the header, else the tenant's active one) come first. */
function finish(c: AppContext, request: Incoming, routed: Routed, search: string): Promise<Response | void> {
  const fired = firedRule(c, routed.endpointId, request.body?.value);
  if (!fired) return normal(c, request, routed, search);
  return Promise.resolve(act(c, fired, { holds: request.deps.holds, fail: failWith, normal: () => normal(c, request, routed, search) }));
}

/** The call as sent, once no rule answered it: forced error, readable request, then the endpoint. */
function normal(c: AppContext, request: Incoming, routed: Routed, search: string): Promise<Response | void> {
  applyForcedError(c, routed.endpointId);
  const unreadable = (request.body && !request.body.ok) || !queryIsReadable(search);
  const trackIdTooLong = request.trackId !== undefined && request.trackId.length > trackIdMaxLength;
  if (unreadable || trackIdTooLong) throw jibitError('invalid.request_body');
  if (routed.error) throw jibitError(routed.error);
  return request.next();
}

function bearerToken(c: AppContext, endpointId: string): string {
  const { token, repeated } = bearerCredential(c);
  // Two credentials are no credential: neither is taken.
  if (repeated) throw jibitError('forbidden');
  if (!token) throw jibitError(documentedSpelling(endpointId, 'token.is_required') ?? 'forbidden');
  return token;
}

function authenticate(c: AppContext, verified: Verified): void {
  const deps = c.get('deps');
  if (!verified.ok || verified.claims.typ !== 'access') throw jibitError('forbidden');
  const tenant = getTenant(deps.db, verified.claims.sub);
  if (!tenant) throw jibitError('forbidden');
  const clock = identify(c, tenant)!;
  if (outsideLifetime(verified.claims, clock.now())) throw jibitError('forbidden');
  const settings = jibitSettings(tenant);
  if (!callerAllowed(c, settings.allowedIps)) throw jibitError('forbidden');
  // "forbidden: ...or your account is inactive" (every inquiry's table). Tokens are still
  // issued: the token routes document no such code (docs/decisions/006-jibit-divergences.md).
  if (!settings.accountActive) throw jibitError('forbidden');
}

const failWith = (code: string, message: string | undefined): never => {
  throw jibitError(code, message);
};

/** The rule of the scenario in X-Sandbox-Scenario (else the tenant's active one) that answers this call. */
const firedRule = (c: AppContext, endpointId: string, body: Record<string, unknown> | undefined) =>
  scenarioRule(c, 'jibit', endpointId, body, (named, known) =>
    jibitError(
      'sandbox.scenario_unknown',
      `X-Sandbox-Scenario "${named}" is not a loaded scenario; known scenarios: ${known.length > 0 ? known.join(', ') : '(none)'}`,
    ),
  );

/** Token calls name their tenant by the apiKey sent, so the tenant's rules and journal apply to them. */
function identifyByApiKey(c: AppContext, apiKey: unknown): void {
  if (typeof apiKey !== 'string' || apiKey === '') return;
  identify(c, tenantByJibitApiKey(c.get('deps').db, apiKey));
}

async function identifyByRefreshToken(c: AppContext, token: unknown): Promise<void> {
  if (typeof token !== 'string' || token === '') return;
  const deps = c.get('deps');
  const verified = deps.tokens.verifiedBefore(token) ?? (await deps.tokens.verify(token));
  if (!verified.ok || verified.claims.typ !== 'refresh') return;
  identify(c, getTenant(deps.db, verified.claims.sub));
}

/** X-Sandbox-Error: <code> makes the endpoint answer that documented code. */
function applyForcedError(c: AppContext, endpointId: string): void {
  forcedError(c, { documentedCode: documentedSpelling }, endpointId, {
    documented: (code) => jibitError(code),
    undocumented: (wanted) =>
      jibitError(
        'sandbox.error_not_documented',
        `X-Sandbox-Error "${wanted}" is not a documented error of ${endpointId}; documented codes: ${catalogEndpoint(endpointId).errors.map((e) => e.code).join(', ')}`,
      ),
  });
}

/**
 * Reads a POST body once: ok=false unless it is a JSON object sent as application/json. A body
 * over the limit, or one that broke off, is invalid.request_body before anything else.
 */
async function readJsonObject(c: AppContext): Promise<{ ok: boolean; value?: Record<string, unknown> }> {
  if (!/^application\/json\b/i.test(header(c, 'content-type') ?? '')) return { ok: false };
  const text = await readBody(c, jibitBodyBytes).catch(() => {
    throw jibitError('invalid.request_body');
  });
  try {
    const value: unknown = JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false };
    return { ok: true, value: value as Record<string, unknown> };
  } catch {
    return { ok: false };
  }
}

/** A query string with broken percent-encoding cannot be read. */
function queryIsReadable(search: string): boolean {
  if (!search.includes('%')) return true;
  try {
    decodeURIComponent(search.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}
