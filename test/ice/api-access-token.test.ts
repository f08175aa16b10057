// ICE API credentials and the API token over a real socket: the secret shown once and replaced
// by asking again, the token route and the report routes only from IP 1 or IP 2 (loopback here;
// X-Forwarded-For decides only on an instance that trusts its proxy), and the token only on the
// report routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstance, type Instance } from '../../src/instance.js';
import { iceCodes } from '../../src/providers/ice/catalog.js';
import { control, listening } from '../helpers.js';
import { advance, ice, signIn } from './helpers.js';
import { credentials, documents, frozenTenant, goLive } from './api-access-helpers.js';

const plain = createInstance({ db: ':memory:', worldSeed: 'test-world' });
const proxied = createInstance({ db: ':memory:', worldSeed: 'test-world', trustProxy: true });
let plainPort: number;
let proxiedPort: number;
const servers: { close(): Promise<void> }[] = [];
beforeAll(async () => {
  const [a, b] = await Promise.all([listening(plain), listening(proxied)]);
  [plainPort, proxiedPort] = [a.port, b.port];
  servers.push(a, b);
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  plain.close();
  proxied.close();
});

const refusal = (code: keyof typeof iceCodes, extra: Record<string, unknown> = {}) => ({ code, message: iceCodes[code].message, ...extra });
const portOf = (instance: Instance) => (instance === plain ? plainPort : proxiedPort);

async function call(instance: Instance, path: string, init: { method?: string; body?: unknown; token?: string; tenant?: string; from?: string } = {}) {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.tenant) headers['X-Sandbox-Tenant'] = init.tenant;
  if (init.from) headers['X-Forwarded-For'] = init.from;
  const res = await fetch(`http://127.0.0.1:${portOf(instance)}/ice${path}`, { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** A tenant's ready business taken live with `ips`, and its first credentials. */
async function liveBusiness(instance: Instance, ips: { ip1: string; ip2?: string }) {
  const { tenant } = await frozenTenant(instance);
  let token = await signIn(instance, tenant);
  await goLive(instance, tenant.id, token, { ...ips, webhookUrl: documents.webhookUrl });
  // The panel session outlives the two hours; a fresh one keeps the test independent of it.
  token = await signIn(instance, tenant);
  return { tenant, token, creds: await credentials(instance, token) };
}

const tokenFrom = (instance: Instance, tenant: string, creds: { clientId: string; clientSecret: string }, from?: string) =>
  call(instance, '/api/v1/api-token', { tenant, body: { clientId: creds.clientId, clientSecret: creds.clientSecret }, from });

describe('POST /ice/api/v1/api-access/credentials', () => {
  it('is refused before live, naming where the request is', async () => {
    const { tenant, token } = await frozenTenant(plain);
    expect(await call(plain, '/api/v1/api-access/credentials', { method: 'POST', token })).toEqual({ status: 409, body: refusal('apiNotLive', { status: 'none' }) });
    await goLive(plain, tenant.id, token, documents, false);
    expect(await call(plain, '/api/v1/api-access/credentials', { method: 'POST', token })).toEqual({ status: 409, body: refusal('apiNotLive', { status: 'going-live' }) });
  });

  it('shows the secret once: the status shows only the client id, and asking again replaces the secret', async () => {
    const { tenant, token, creds } = await liveBusiness(plain, { ip1: '127.0.0.1' });
    expect(creds).toEqual({
      clientId: expect.stringMatching(/^ice_ck_[\w-]{16}$/),
      clientSecret: expect.stringMatching(/^ice_sk_[\w-]{43}$/),
      issuedAt: { at: '2021-04-24T12:00:00+04:30', date: '1400/02/04', time: '12:00' },
      tokenUrl: 'http://localhost/ice/api/v1/api-token',
      webhook: { url: documents.webhookUrl, signingSecret: expect.stringMatching(/^whsec_/), previousSecretSignsUntil: expect.stringMatching(/^2021-04-25T07:30:00\.\d{3}Z$/) },
    });
    // The signing secret is the tenant's ICE endpoint's, as its masked view shows.
    const endpoint = await control(plain, 'GET', `/tenants/${tenant.id}/webhooks/ice`);
    expect(await endpoint.json()).toMatchObject({ url: documents.webhookUrl, secret: `whse…${creds.webhook!.signingSecret.slice(-4)}` });
    const shown = await call(plain, '/api/v1/api-access', { token });
    expect(shown.body.credentials).toEqual({ clientId: creds.clientId, issuedAt: creds.issuedAt });
    expect(JSON.stringify(shown.body)).not.toContain(creds.clientSecret);
    const first = await tokenFrom(plain, tenant.id, creds);
    expect(first.status).toBe(200);

    await advance(plain, tenant.id, 60);
    const again = await credentials(plain, token);
    expect(again.clientId).toBe(creds.clientId);
    expect(again.clientSecret).not.toBe(creds.clientSecret);
    expect(again.webhook!.signingSecret).not.toBe(creds.webhook!.signingSecret);
    expect(await tokenFrom(plain, tenant.id, creds)).toEqual({ status: 401, body: refusal('apiCredentialsWrong') });
    // A token issued under the old secret ends with it.
    expect(await call(plain, '/api/v1/reports', { token: first.body.accessToken as string })).toEqual({ status: 401, body: refusal('unauthorized') });
    expect((await tokenFrom(plain, tenant.id, again)).status).toBe(200);
  });

  it('never writes the secret or a token to the journal', async () => {
    const { tenant, creds } = await liveBusiness(plain, { ip1: '127.0.0.1' });
    const issued = await tokenFrom(plain, tenant.id, creds);
    const res = await control(plain, 'GET', `/tenants/${tenant.id}/journal?provider=ice&limit=1000`);
    expect(res.status).toBe(200);
    const journal = await res.text();
    const { entries } = JSON.parse(journal) as { entries: { endpoint: string; requestBody: unknown; responseBody: unknown }[] };
    expect(entries.filter((e) => e.endpoint === 'api-credentials').map((e) => e.responseBody)).toEqual([{ ...creds, clientSecret: '(left out)', webhook: { ...creds.webhook, signingSecret: '(left out)' } }]);
    expect(entries.filter((e) => e.endpoint === 'api-token').map((e) => [e.requestBody, e.responseBody])).toEqual([
      [{ clientId: creds.clientId, clientSecret: '(left out)' }, { accessToken: expect.stringMatching(/^eyJh…[\w-]{4}$/), tokenType: 'Bearer', expiresInSeconds: 3600 }],
    ]);
    expect(journal).not.toContain(creds.clientSecret);
    expect(journal).not.toContain(creds.webhook!.signingSecret);
    expect(journal).not.toContain(issued.body.accessToken as string);
  });
});

describe('POST /ice/api/v1/api-token', () => {
  it('issues a one-hour token from a listed IP, which the report routes take like the panel’s', async () => {
    const { tenant, token, creds } = await liveBusiness(plain, { ip1: '10.9.8.7', ip2: '127.0.0.0/8' });
    const issued = await tokenFrom(plain, tenant.id, creds);
    expect(issued).toEqual({ status: 200, body: { accessToken: expect.stringMatching(/^eyJ/), tokenType: 'Bearer', expiresInSeconds: 3600 } });
    const apiToken = issued.body.accessToken as string;
    const created = await call(plain, '/api/v1/reports', { token: apiToken, body: { personType: 'natural', nationalCode: '0020000014', mobile: '09120000001', payer: 'credit' } });
    expect(created.status).toBe(201);
    const trackingCode = created.body.trackingCode as string;
    const byApi = await call(plain, `/api/v1/reports/${trackingCode}`, { token: apiToken });
    expect(byApi).toEqual({ status: 200, body: (await call(plain, `/api/v1/reports/${trackingCode}`, { token })).body });
    expect((await call(plain, '/api/v1/reports', { token: apiToken })).body).toEqual((await call(plain, '/api/v1/reports', { token })).body);
    // Only the report routes: the panel's other routes refuse it.
    for (const path of ['/api/v1/account', '/api/v1/wallet', '/api/v1/api-access']) {
      expect(await call(plain, path, { token: apiToken }), path).toEqual({ status: 401, body: refusal('unauthorized') });
    }
    await advance(plain, tenant.id, 3600);
    expect(await call(plain, '/api/v1/reports', { token: apiToken })).toEqual({ status: 401, body: refusal('tokenExpired') });
  });

  it('refuses a caller whose address is not IP 1 or IP 2, saying which address it saw', async () => {
    const { tenant, creds } = await liveBusiness(plain, { ip1: '203.0.113.10', ip2: '2001:db8::1' });
    expect(await tokenFrom(plain, tenant.id, creds)).toEqual({ status: 403, body: refusal('ipNotAllowed', { address: '127.0.0.1' }) });
    // X-Forwarded-For is not believed without trustProxy.
    expect(await tokenFrom(plain, tenant.id, creds, '203.0.113.10')).toEqual({ status: 403, body: refusal('ipNotAllowed', { address: '127.0.0.1' }) });
  });

  it('behind a trusted proxy, judges X-Forwarded-For on the token route and on every report call', async () => {
    const { tenant, token, creds } = await liveBusiness(proxied, { ip1: '203.0.113.10', ip2: '198.51.100.0/24' });
    expect(await tokenFrom(proxied, tenant.id, creds, '192.0.2.1')).toEqual({ status: 403, body: refusal('ipNotAllowed', { address: '192.0.2.1' }) });
    const issued = await tokenFrom(proxied, tenant.id, creds, '198.51.100.77');
    expect(issued.status).toBe(200);
    const apiToken = issued.body.accessToken as string;
    expect((await call(proxied, '/api/v1/reports', { token: apiToken, from: '203.0.113.10' })).status).toBe(200);
    expect(await call(proxied, '/api/v1/reports', { token: apiToken, from: '192.0.2.1' })).toEqual({ status: 403, body: refusal('ipNotAllowed', { address: '192.0.2.1' }) });
    expect(await call(proxied, '/api/v1/reports/4815162342', { method: 'DELETE', token: apiToken, from: '192.0.2.1' })).toEqual({ status: 403, body: refusal('ipNotAllowed', { address: '192.0.2.1' }) });
    // The panel's token is not bound to the listed IPs.
    expect((await call(proxied, '/api/v1/reports', { token, from: '192.0.2.1' })).status).toBe(200);
  });

  it('refuses an unknown client id, a wrong secret and another tenant’s client', async () => {
    const { tenant, creds } = await liveBusiness(plain, { ip1: '127.0.0.1' });
    const other = await frozenTenant(plain);
    const wrong = { status: 401, body: refusal('apiCredentialsWrong') };
    expect(await tokenFrom(plain, tenant.id, { ...creds, clientSecret: `${creds.clientSecret}x` })).toEqual(wrong);
    expect(await tokenFrom(plain, tenant.id, { ...creds, clientId: 'ice_ck_nobody' })).toEqual(wrong);
    expect(await tokenFrom(plain, other.tenant.id, creds)).toEqual(wrong);
    expect(await call(plain, '/api/v1/api-token', { tenant: tenant.id, body: { clientId: creds.clientId } })).toEqual({
      status: 400,
      body: refusal('invalidInput', { errors: { clientSecret: 'این فیلد الزامی است' } }),
    });
  });

  it('in process, where no caller address is known, refuses the API token and still takes the panel’s', async () => {
    const { tenant, token, creds } = await liveBusiness(plain, { ip1: '127.0.0.1' });
    const apiToken = (await tokenFrom(plain, tenant.id, creds)).body.accessToken as string;
    const res = await ice(plain, '/api/v1/reports', { token: apiToken });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual(refusal('ipNotAllowed', { address: null }));
    expect((await ice(plain, '/api/v1/reports', { token })).status).toBe(200);
  });
});
