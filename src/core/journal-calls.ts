// Records each provider call in its tenant's journal once the answer is made. Calls that name
// no tenant (an unknown API key, a token this sandbox did not issue) belong to no journal.
import type { MiddlewareHandler } from 'hono';
import { header, queryObject, type AppDeps, type AppEnv } from './http.js';
import { clockOf } from './tenants.js';

/** Request headers worth keeping; Authorization never is. */
const keptHeaders = ['x-track-id', 'x-sandbox-error', 'x-sandbox-scenario'];

export const journalCalls =
  (deps: AppDeps, provider: string, basePath: string): MiddlewareHandler<AppEnv> =>
  (c, next) => {
    const startedMs = performance.now();
    return next().then(() => {
      const tenant = c.get('tenant');
      if (!tenant) return;
      const fault = c.get('fault');
      const headers: Record<string, string> = {};
      for (const name of keptHeaders) {
        const value = header(c, name);
        if (value !== undefined) headers[name] = value;
      }
      deps.journal.record({
        tenantId: tenant.id,
        atMs: (c.get('clock') ?? clockOf(tenant, deps.wall)).now(),
        provider,
        endpointId: c.get('endpointId') ?? null,
        method: c.req.method,
        path: c.req.path.slice(basePath.length),
        query: queryObject(c.get('query')),
        requestBody: c.get('jsonBody') ?? null,
        headers,
        // A dropped connection or a hang answered nothing.
        status: fault === 'reset' || fault === 'hang' ? 0 : c.res.status,
        responseBody: c.get('answerBody') ?? null,
        errorCode: c.get('answerCode') ?? null,
        chargedRial: c.get('chargedRial') ?? 0,
        rule: c.get('rule') ?? null,
        latencyMs: performance.now() - startedMs,
      });
    });
  };
