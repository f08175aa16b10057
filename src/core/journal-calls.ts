// Records each provider call in its tenant's journal once the answer is made. Calls that name
// no tenant (an unknown API key, a token this sandbox did not issue) belong to no journal.
// A handler whose change must never stand without its record (a Freepay credit) writes the
// entry itself, inside its own transaction, with journalCallNow.
import type { MiddlewareHandler } from 'hono';
import { header, queryObject, type AppContext, type AppDeps, type AppEnv } from './http.js';
import type { JournalRecord } from './journal.js';
import { clockOf } from './tenants.js';

/** Request headers worth keeping; Authorization never is. */
const keptHeaders = ['x-track-id', 'x-sandbox-error', 'x-sandbox-scenario'];

interface Call {
  provider: string;
  basePath: string;
  startedMs: number;
  /** The status of an entry the handler wrote itself. */
  recordedStatus?: number;
}

/** The journalled calls in flight, by context: per request, gone with it. */
const calls = new WeakMap<AppContext, Call>();

export const journalCalls =
  (deps: AppDeps, provider: string, basePath: string): MiddlewareHandler<AppEnv> =>
  (c, next) => {
    const call: Call = { provider, basePath, startedMs: performance.now() };
    calls.set(c, call);
    return next().then(() => {
      const fault = c.get('fault');
      // A dropped connection or a hang answered nothing.
      const status = fault === 'reset' || fault === 'hang' ? 0 : c.res.status;
      // An entry written early stands only for the answer it described: when its transaction
      // rolled back, an error went out instead, and that is what is recorded.
      if (call.recordedStatus === status) return;
      const record = recordOf(c, deps, call, status);
      if (record) deps.journal.record(record);
    });
  };

/**
 * Writes this call's journal entry now, as answering `status` with the answer body set so far,
 * inside the caller's transaction: the change and its record commit together or not at all.
 * Call journal.flush() before opening that transaction, so earlier entries stay first.
 */
export function journalCallNow(c: AppContext, status: number): void {
  const call = calls.get(c);
  const deps = c.get('deps');
  if (!call) return;
  const record = recordOf(c, deps, call, status);
  if (!record) return;
  deps.journal.recordNow(record);
  call.recordedStatus = status;
}

function recordOf(c: AppContext, deps: AppDeps, call: Call, status: number): JournalRecord | undefined {
  const tenant = c.get('tenant');
  if (!tenant) return undefined;
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = header(c, name);
    if (value !== undefined) headers[name] = value;
  }
  return {
    tenantId: tenant.id,
    atMs: (c.get('clock') ?? clockOf(tenant, deps.wall)).now(),
    provider: call.provider,
    endpointId: c.get('endpointId') ?? null,
    method: c.req.method,
    path: c.req.path.slice(call.basePath.length),
    query: queryObject(c.get('query')),
    requestBody: c.get('jsonBody') ?? null,
    headers,
    status,
    responseBody: c.get('answerBody') ?? null,
    errorCode: c.get('answerCode') ?? null,
    chargedRial: c.get('chargedRial') ?? 0,
    rule: c.get('rule') ?? null,
    latencyMs: performance.now() - call.startedMs,
  };
}
