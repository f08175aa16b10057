// Sends a published test value the way its documentation says a client should.
import type { Instance } from '../../src/instance.js';
import type { TestValue } from '../../src/providers/jibit/test-values/index.js';
import { jibit, type Creds } from '../helpers.js';

export interface Session extends Creds {
  accessToken: string;
  refreshToken: string;
}

function fill(value: unknown, session: Session): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{(apiKey|secretKey|accessToken|refreshToken)\}\}/g, (_, name: keyof Session) => String(session[name]));
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, session));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fill(v, session)]));
  return value;
}

export function sendTestValue(instance: Instance, value: TestValue, session: Session, extraHeaders: Record<string, string> = {}) {
  const { request } = value;
  const headers = fill({ ...request.headers }, session) as Record<string, string>;
  const authenticated = !value.endpoint.startsWith('token-');
  if (authenticated && headers.Authorization === undefined) headers.Authorization = `Bearer ${session.accessToken}`;
  if (headers.Authorization === '') delete headers.Authorization;
  return jibit(instance, request.path, {
    method: request.method,
    query: request.query,
    body: request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : fill(request.body, session),
    headers: { ...headers, ...extraHeaders },
  });
}
