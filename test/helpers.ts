// Test helpers: a fresh in-memory sandbox per test file, tenants of its own per test, and
// small wrappers to call the Jibit API and the control API over HTTP (app.request).
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createInstance, type Instance } from '../src/instance.js';
import { jibitBasePath } from '../src/providers/jibit/index.js';

export function sandbox(): Instance {
  return createInstance({ db: ':memory:', worldSeed: 'test-world' });
}

export interface Creds {
  id: string;
  apiKey: string;
  secretKey: string;
}

export async function control(instance: Instance, method: string, path: string, body?: unknown): Promise<Response> {
  return instance.app.request(`/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export async function newTenant(instance: Instance, overrides: Record<string, unknown> = {}): Promise<Creds> {
  const res = await control(instance, 'POST', '/tenants', overrides);
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; jibit: { apiKey: string; secretKey: string } };
  return { id: body.id, ...body.jibit };
}

export interface CallOptions {
  method?: string;
  query?: Record<string, string | string[]>;
  body?: unknown;
  token?: string;
  headers?: Record<string, string>;
}

export async function jibit(instance: Instance, path: string, options: CallOptions = {}): Promise<Response> {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) search.append(key, v);
  }
  const qs = search.size > 0 ? `?${search}` : '';
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  return instance.app.request(`${jibitBasePath}${path}${qs}`, { method: options.method ?? 'GET', headers, body });
}

export async function tokens(instance: Instance, creds: Pick<Creds, 'apiKey' | 'secretKey'>) {
  const res = await jibit(instance, '/v1/tokens/generate', {
    method: 'POST',
    body: { apiKey: creds.apiKey, secretKey: creds.secretKey },
  });
  if (res.status !== 200) throw new Error(`token generation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as { accessToken: string; refreshToken: string };
}

/** A tenant of its own plus an access token: the start of most tests. */
export async function signedIn(instance: Instance, overrides: Record<string, unknown> = {}) {
  const creds = await newTenant(instance, overrides);
  const pair = await tokens(instance, creds);
  return { ...creds, ...pair, token: pair.accessToken };
}

export async function json(res: Response): Promise<unknown> {
  return JSON.parse(await res.text());
}

/** A Freepay call: fields sent as application/x-www-form-urlencoded, as the gateway takes them. */
export async function freepayForm(instance: Instance, path: string, fields: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
  return instance.app.request(`/freepay${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  });
}

/** A tenant of its own with its Freepay merchant key. */
export async function merchant(instance: Instance, overrides: Record<string, unknown> = {}) {
  const res = await control(instance, 'POST', '/tenants', overrides);
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; freepay: { apiKey: string } };
  return { id: body.id, api: body.freepay.apiKey };
}

/** Serves `instance` on a free loopback port, for tests that need a real socket. */
export function listening(instance: Instance): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: instance.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) =>
      resolve({ port: (info as AddressInfo).port, close: () => new Promise<void>((done) => server.close(() => done())) }),
    );
  });
}
