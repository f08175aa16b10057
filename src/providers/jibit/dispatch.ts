// Which catalog endpoint a request is for. Most paths are one endpoint; GET /v1/cards is three
// (chosen by the deposit/iban flags) and /v1/services/matching is seven (chosen by the set of
// parameters present), as spec/jibit.md §1 "Shared paths" describes.
import { catalogEndpoints } from './catalog.js';

export interface Routed {
  endpointId: string;
  /** A code to answer once the caller is authenticated: the request cannot be served as sent. */
  error?: string;
}

const sharedPaths = new Set(['/v1/cards', '/v1/services/matching']);
const fixedRoutes = new Map<string, string>();
for (const e of catalogEndpoints) {
  if (sharedPaths.has(e.path)) continue;
  fixedRoutes.set(`GET ${e.path}`, e.id);
  if (e.method !== 'GET') fixedRoutes.set(`${e.method} ${e.path}`, e.id);
}
fixedRoutes.delete('GET /v1/tokens/generate');
fixedRoutes.delete('GET /v1/tokens/refresh');
// Identity similarity also takes its fields as a JSON body (spec/jibit-clients.md).
fixedRoutes.set('POST /v1/services/identity/similarity', 'identity-similarity');

const matchingServices = catalogEndpoints
  .filter((e) => e.path === '/v1/services/matching')
  .map((e) => ({ id: e.id, params: e.query.map((q) => q.name) }));
const matchingParams = new Set(matchingServices.flatMap((s) => s.params));

/** `present` lists the names of the parameters sent (query or JSON body); `values` reads a flag's value. */
export function routeJibit(
  method: string,
  path: string,
  present: () => ReadonlySet<string>,
  values: (name: string) => string | undefined,
): Routed | undefined {
  if (path === '/v1/cards') return method === 'GET' ? routeCards(values) : undefined;
  if (path === '/v1/services/matching') return method === 'GET' || method === 'POST' ? routeMatching(present()) : undefined;
  const id = fixedRoutes.get(`${method} ${path}`);
  return id ? { endpointId: id } : undefined;
}

function routeCards(values: (name: string) => string | undefined): Routed {
  const flags = ['deposit', 'iban', 'nationalCode'].map((name) => ({ name, value: values(name) }));
  const on = new Set(flags.filter((f) => f.value === 'true').map((f) => f.name));
  const endpointId = on.has('deposit') ? 'card-to-deposit' : on.has('iban') ? 'card-to-iban' : 'card-inquiry';
  if (flags.some((f) => f.value !== undefined && f.value !== 'true' && f.value !== 'false')) {
    return { endpointId, error: 'invalid.request_body' };
  }
  // The hidden nationalCode mode that parameters.not_acceptable hints at is not offered (§5.3.16).
  if (on.size > 1 || on.has('nationalCode')) return { endpointId, error: 'parameters.not_acceptable' };
  return { endpointId };
}

function routeMatching(present: ReadonlySet<string>): Routed {
  const sent = [...present].filter((p) => matchingParams.has(p));
  const exact = matchingServices.find((s) => s.params.length === sent.length && s.params.every((p) => present.has(p)));
  if (exact) return { endpointId: exact.id };
  // No service takes exactly this set: answer handler.not_found as the closest service would.
  let best = matchingServices[0]!;
  let bestOverlap = -1;
  for (const service of matchingServices) {
    const overlap = service.params.filter((p) => present.has(p)).length;
    if (overlap > bestOverlap) [best, bestOverlap] = [service, overlap];
  }
  return { endpointId: best.id, error: 'handler.not_found' };
}
