// ICE test helpers: calls to /ice over HTTP (app.request) with the tenant header or a token, a
// tenant of one's own with its ready business, and signing that business in.
import type { Instance } from '../../src/instance.js';
import { control } from '../helpers.js';

export interface IceCallOptions {
  method?: string;
  body?: unknown;
  /** Bearer token of a signed-in business. */
  token?: string;
  /** X-Sandbox-Tenant, for calls before login. */
  tenant?: string;
  headers?: Record<string, string>;
}

export async function ice(instance: Instance, path: string, options: IceCallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.tenant !== undefined) headers['X-Sandbox-Tenant'] = options.tenant;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  return instance.app.request(`/ice${path}`, { method: options.method ?? (body === undefined ? 'GET' : 'POST'), headers, body });
}

export interface IceTenant {
  id: string;
  business: { username: string; password: string; mobile: string; officialName: string };
}

export async function iceTenant(instance: Instance, overrides: Record<string, unknown> = {}): Promise<IceTenant> {
  const res = await control(instance, 'POST', '/tenants', overrides);
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; ice: { business: IceTenant['business'] } };
  return { id: body.id, business: body.ice.business };
}

/** Signs the tenant's ready business in (or another login): its access token. */
export async function signIn(instance: Instance, tenant: IceTenant, login = tenant.business.username, password = tenant.business.password): Promise<string> {
  const res = await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body: { login, password } });
  if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { accessToken: string }).accessToken;
}

/** Moves the tenant's clock forward. */
export async function advance(instance: Instance, tenantId: string, seconds: number): Promise<void> {
  const res = await control(instance, 'POST', `/tenants/${tenantId}/clock`, { advanceSeconds: seconds });
  if (res.status !== 200) throw new Error(`clock advance failed: ${res.status} ${await res.text()}`);
}
