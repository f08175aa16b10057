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

/**
 * `query` is the request's query; `body` its JSON body, for a POST (the matching services take
 * their parameters from it instead). Called on every Jibit request: it allocates no more than
 * its answer.
 */
export function routeJibit(
  method: string,
  path: string,
  query: URLSearchParams,
  body: { value?: Record<string, unknown> } | undefined,
): Routed | undefined {
  if (path === '/v1/cards') return method === 'GET' ? routeCards(query) : undefined;
  if (path === '/v1/services/matching') {
    return method === 'GET' || method === 'POST' ? routeMatching(new Set(body ? Object.keys(body.value ?? {}) : query.keys())) : undefined;
  }
  const id = fixedRoutes.get(`${method} ${path}`);
  return id ? { endpointId: id } : undefined;
}

const isFlag = (value: string | null) => value === null || value === 'true' || value === 'false';

function routeCards(query: URLSearchParams): Routed {
  const deposit = query.get('deposit');
  const iban = query.get('iban');
  const nationalCode = query.get('nationalCode');
  const endpointId = deposit === 'true' ? 'card-to-deposit' : iban === 'true' ? 'card-to-iban' : 'card-inquiry';
  if (!isFlag(deposit) || !isFlag(iban) || !isFlag(nationalCode)) return { endpointId, error: 'invalid.request_body' };
  const on = Number(deposit === 'true') + Number(iban === 'true') + Number(nationalCode === 'true');
  // The hidden nationalCode mode that parameters.not_acceptable hints at is not offered (§5.3.16).
  if (on > 1 || nationalCode === 'true') return { endpointId, error: 'parameters.not_acceptable' };
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
