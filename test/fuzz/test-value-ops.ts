// The sandbox's documented test values (GET /_sandbox/test-values) as routes to fuzz: each is a
// request known to reach a documented outcome (one of the seven matching services, a paid page),
// so bending one field of it reaches code that random fields seldom do.
import type { Field, Model, Operation } from './model.js';

const basePath = { jibit: '/jibit/ide', freepay: '/freepay', ice: '/ice' } as const;

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
const sure = ([name, value]: [string, unknown]): Field => ({ name, required: true, valid: [text(value)], sure: true });

const cache = new WeakMap<Model, Operation[]>();

export function testValueOperations(model: Model): Operation[] {
  const known = cache.get(model);
  if (known) return known;
  const byShape = new Map<string, Operation>();
  for (const tv of model.testValues) {
    const { method, path, query, body, headers } = tv.request;
    if (typeof body === 'string') continue;
    const key = JSON.stringify([tv.provider, method, path, Object.keys(query ?? {}).sort(), Object.keys(body ?? {}).sort()]);
    const same = byShape.get(key);
    if (same) {
      // Another documented outcome of the same shape: its values join the fields' well-formed ones.
      for (const f of [...same.query, ...(same.body?.fields ?? [])]) {
        const value = (f.name in (query ?? {}) ? query : (body as Record<string, unknown>))?.[f.name];
        if (value !== undefined && !f.valid.includes(text(value))) f.valid.push(text(value));
      }
      continue;
    }
    const contentType = Object.entries(headers ?? {}).find(([n]) => n.toLowerCase() === 'content-type')?.[1] ?? 'application/json';
    // A test value may be a control-API call (acting as the person, deciding a review): its path is whole.
    const control = path.startsWith('/_sandbox/');
    byShape.set(key, {
      area: control ? 'control' : tv.provider,
      method,
      path: control ? path : `${basePath[tv.provider]}${path}`,
      query: Object.entries(query ?? {}).map(sure),
      pathParams: [],
      body: body && typeof body === 'object' ? { contentType, fields: Object.entries(body).map(sure) } : undefined,
    });
  }
  const ops = [...byShape.values()];
  cache.set(model, ops);
  return ops;
}
