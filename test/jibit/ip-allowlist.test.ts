// The IP allowlist (spec/jibit.md §1, §5.1.8) over a real socket: an empty list allows any
// caller, otherwise only listed addresses and CIDR ranges may generate, refresh or call.
// X-Forwarded-For decides only when the instance trusts its proxy.
import { serve } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createInstance, type Instance } from '../../src/instance.js';
import catalog from '../../src/providers/jibit/catalog.json' with { type: 'json' };
import { control, jibit, json, newTenant, sandbox, signedIn, type Creds } from '../helpers.js';

const message = (endpoint: string, code: string) =>
  catalog.endpoints.find((e) => e.id === endpoint)!.errors.find((e) => e.code === code)!.messageFa;
// The token endpoints document no `forbidden`; every other endpoint words it the same way.
const forbidden = { code: 'forbidden', message: message('balances', 'forbidden') };

interface Listener {
  url(path: string): string;
  close(): Promise<void>;
}

/** Serves `instance` on a free port of `hostname`; rejects when the address cannot be bound. */
function listen(instance: Instance, hostname: string): Promise<Listener> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: instance.app.fetch, port: 0, hostname }, (info) => {
      const host = hostname.includes(':') ? `[${hostname}]` : hostname;
      resolve({
        url: (path) => `http://${host}:${(info as AddressInfo).port}/jibit/ide${path}`,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
    server.once('error', reject);
  });
}

const plain = sandbox();
const proxied = createInstance({ db: ':memory:', worldSeed: 'test-world', trustProxy: true });
let direct: Listener;
let behindProxy: Listener;
beforeAll(async () => {
  [direct, behindProxy] = await Promise.all([listen(plain, '127.0.0.1'), listen(proxied, '127.0.0.1')]);
});
afterAll(async () => {
  await Promise.all([direct.close(), behindProxy.close()]);
});

async function allow(instance: Instance, tenantId: string, allowedIps: string[]) {
  const res = await control(instance, 'PATCH', `/tenants/${tenantId}/jibit`, { allowedIps });
  expect(res.status).toBe(200);
  expect(((await json(res)) as { jibit: { allowedIps: string[] } }).jibit.allowedIps).toEqual(allowedIps);
}

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const generate = (on: Listener, creds: Creds, headers?: Record<string, string>) =>
  post(on.url('/v1/tokens/generate'), { apiKey: creds.apiKey, secretKey: creds.secretKey }, headers);
const balances = (on: Listener, token: string, headers: Record<string, string> = {}) =>
  fetch(on.url('/v1/balances'), { headers: { Authorization: `Bearer ${token}`, ...headers } });

async function view(instance: Instance, id: string) {
  return (await json(await control(instance, 'GET', `/tenants/${id}`))) as { jibit: { allowedIps: string[]; balances: { PRF: number; POF: number }; usedToday: object } };
}
async function expectServed(res: Response, instance: Instance, tenantId: string) {
  expect(res.status).toBe(200);
  const { PRF, POF } = (await view(instance, tenantId)).jibit.balances;
  expect(await res.json()).toEqual({ balances: [{ balanceType: 'PRF', currency: 'IRR', amount: PRF }, { balanceType: 'POF', currency: 'IRR', amount: POF }] });
}
async function expectForbidden(res: Response, body = forbidden) {
  expect(res.status).toBe(403);
  expect(await res.json()).toEqual(body);
}
const expectIssued = async (res: Response) => {
  expect(res.status).toBe(200);
  return (await res.json()) as { accessToken: string; refreshToken: string };
};

describe('a caller on 127.0.0.1', () => {
  test.each([[[]], [['127.0.0.1']], [['127.0.0.0/8']], [['10.1.2.3', '127.0.0.1/32']]])(
    'with allowedIps %j generates a token and calls GET /v1/balances',
    async (allowedIps) => {
      const creds = await newTenant(plain);
      await allow(plain, creds.id, allowedIps);
      const { accessToken } = await expectIssued(await generate(direct, creds));
      await expectServed(await balances(direct, accessToken), plain, creds.id);
    },
  );

  test.each([[['10.1.2.3']], [['10.0.0.0/8']], [['::1']]])('with allowedIps %j is refused on generate, refresh and calls, at no cost', async (allowedIps) => {
    const s = await signedIn(plain);
    await allow(plain, s.id, allowedIps);
    const before = (await view(plain, s.id)).jibit;
    await expectForbidden(await generate(direct, s));
    await expectForbidden(await post(direct.url('/v1/tokens/refresh'), { accessToken: s.accessToken, refreshToken: s.refreshToken }));
    await expectForbidden(await balances(direct, s.token));
    const postal = await fetch(direct.url('/v1/services/postal?code=1234567890'), { headers: { Authorization: `Bearer ${s.token}` } });
    await expectForbidden(postal, { code: 'forbidden', message: message('postal-code-address', 'forbidden') });
    expect((await view(plain, s.id)).jibit).toEqual(before);
  });

  test('without trustProxy, X-Forwarded-For is ignored both ways', async () => {
    const creds = await newTenant(plain);
    await allow(plain, creds.id, ['10.1.2.3']);
    await expectForbidden(await generate(direct, creds, { 'X-Forwarded-For': '10.1.2.3' }));
    await allow(plain, creds.id, ['127.0.0.1']);
    const { accessToken } = await expectIssued(await generate(direct, creds, { 'X-Forwarded-For': '10.9.9.9' }));
    await expectServed(await balances(direct, accessToken, { 'X-Forwarded-For': '10.9.9.9' }), plain, creds.id);
  });
});

test('a caller on ::1 is judged by its IPv6 address, where the machine can listen on ::1', async () => {
  const attempt = await listen(plain, '::1').then((l) => ({ listener: l }), (e: NodeJS.ErrnoException) => ({ error: e }));
  if ('error' in attempt) {
    // No IPv6 loopback here: the bind failure itself is the only thing to check.
    expect(['EADDRNOTAVAIL', 'EAFNOSUPPORT']).toContain(attempt.error.code);
    return;
  }
  const v6 = attempt.listener;
  try {
    const creds = await newTenant(plain);
    await allow(plain, creds.id, ['::1']);
    const { accessToken } = await expectIssued(await generate(v6, creds));
    await expectServed(await balances(v6, accessToken), plain, creds.id);
    await allow(plain, creds.id, ['::1/128', '10.1.2.3']);
    await expectServed(await balances(v6, accessToken), plain, creds.id);
    await allow(plain, creds.id, ['127.0.0.1']);
    await expectForbidden(await generate(v6, creds));
    await expectForbidden(await balances(v6, accessToken));
  } finally {
    await v6.close();
  }
});

describe('with trustProxy, the first X-Forwarded-For address is the caller', () => {
  test.each([
    ['10.1.2.3', 200],
    ['10.1.2.3, 127.0.0.1', 200],
    ['10.9.9.9', 403],
    ['127.0.0.1, 10.1.2.3', 403],
    ['not-an-address', 403],
  ])('X-Forwarded-For: %s with allowedIps ["10.1.2.3"] answers %i', async (forwarded, status) => {
    const s = await signedIn(proxied);
    await allow(proxied, s.id, ['10.1.2.3']);
    const headers = { 'X-Forwarded-For': forwarded };
    if (status === 200) {
      await expectIssued(await generate(behindProxy, s, headers));
      await expectServed(await balances(behindProxy, s.token, headers), proxied, s.id);
    } else {
      await expectForbidden(await generate(behindProxy, s, headers));
      await expectForbidden(await balances(behindProxy, s.token, headers));
    }
  });

  test('without the header, the socket address decides', async () => {
    const s = await signedIn(proxied);
    await allow(proxied, s.id, ['10.1.2.3']);
    await expectForbidden(await balances(behindProxy, s.token));
    await allow(proxied, s.id, ['127.0.0.1']);
    await expectServed(await balances(behindProxy, s.token), proxied, s.id);
  });

  test('an in-process request with X-Forwarded-For is judged by that address', async () => {
    const s = await signedIn(proxied);
    await allow(proxied, s.id, ['10.1.2.3']);
    await expectServed(await jibit(proxied, '/v1/balances', { token: s.token, headers: { 'X-Forwarded-For': '10.1.2.3' } }), proxied, s.id);
  });
});

test('in-process requests (no socket, so no address) are refused once the list is not empty', async () => {
  const s = await signedIn(plain);
  await allow(plain, s.id, ['127.0.0.1']);
  await expectForbidden(await jibit(plain, '/v1/tokens/generate', { method: 'POST', body: { apiKey: s.apiKey, secretKey: s.secretKey } }));
  await expectForbidden(await jibit(plain, '/v1/balances', { token: s.token }));
});

describe('PATCH /_sandbox/tenants/{id}/jibit with an invalid allowlist entry', () => {
  const reason = 'must be an IPv4/IPv6 address, optionally with a /prefix';
  test.each([['300.1.1.1'], ['1.2.3.4/33'], ['1.2.3'], ['localhost'], ['::1/129'], ['10.0.0.0/8/8'], ['10.0.0.0/'], ['']])(
    '%j answers 400 naming the entry and leaves the list unchanged',
    async (entry) => {
      const creds = await newTenant(plain);
      await allow(plain, creds.id, ['127.0.0.1']);
      const res = await control(plain, 'PATCH', `/tenants/${creds.id}/jibit`, { allowedIps: ['10.1.2.3', entry] });
      expect(res.status).toBe(400);
      expect(await json(res)).toEqual({
        error: 'invalid_request',
        message: `allowedIps.1: ${reason}`,
        details: [{ path: 'allowedIps.1', message: reason }],
      });
      expect((await view(plain, creds.id)).jibit.allowedIps).toEqual(['127.0.0.1']);
    },
  );

  test('POST /_sandbox/tenants with one answers 400 the same way', async () => {
    const res = await control(plain, 'POST', '/tenants', { jibit: { allowedIps: ['300.1.1.1'] } });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({
      error: 'invalid_request',
      message: `jibit.allowedIps.0: ${reason}`,
      details: [{ path: 'jibit.allowedIps.0', message: reason }],
    });
  });
});
