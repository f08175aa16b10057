// POST /v1/tokens/generate and /v1/tokens/refresh: real JWTs timed by the tenant clock,
// 24 h access and 48 h refresh lifetimes (spec/jibit.md §2.1, §2.2, §5.2.11), and what real
// clients send (spec/jibit-clients.md).
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { describe, expect, test } from 'vitest';
import catalog from '../../src/providers/jibit/catalog.json' with { type: 'json' };
import { control, jibit, json, newTenant, sandbox, signedIn, tokens } from '../helpers.js';

const instance = sandbox();
const hour = 3600;
const jwtShape = /^[\w-]+\.[\w-]+\.[\w-]+$/;
const tokenPairBody = { accessToken: expect.stringMatching(jwtShape), refreshToken: expect.stringMatching(jwtShape) };

const message = (endpoint: string, code: string) =>
  catalog.endpoints.find((e) => e.id === endpoint)!.errors.find((e) => e.code === code)!.messageFa;
const error = (endpoint: string, code: string) => ({ code, message: message(endpoint, code) });

async function clock(tenantId: string, command: Record<string, unknown>) {
  const res = await control(instance, 'POST', `/tenants/${tenantId}/clock`, command);
  expect(res.status).toBe(200);
}

/** Stops the tenant clock at `iso`; returns that instant in epoch seconds. */
async function freezeAt(tenantId: string, iso: string): Promise<number> {
  await clock(tenantId, { freeze: true });
  await clock(tenantId, { set: iso });
  return Date.parse(iso) / 1000;
}

const advance = (tenantId: string, seconds: number) => clock(tenantId, { advanceSeconds: seconds });
const generate = (body: unknown, headers: Record<string, string> = {}) =>
  jibit(instance, '/v1/tokens/generate', { method: 'POST', body, headers });
const refresh = (body: unknown) => jibit(instance, '/v1/tokens/refresh', { method: 'POST', body });
const balances = (token: string) => jibit(instance, '/v1/balances', { token });

/** The wallets as the control API shows them, in the shape GET /v1/balances answers. */
async function expectedBalances(tenantId: string) {
  const view = (await json(await control(instance, 'GET', `/tenants/${tenantId}`))) as { jibit: { balances: { PRF: number; POF: number } } };
  const { PRF, POF } = view.jibit.balances;
  return { balances: [{ balanceType: 'PRF', currency: 'IRR', amount: PRF }, { balanceType: 'POF', currency: 'IRR', amount: POF }] };
}

async function expectWorks(tenantId: string, token: string) {
  const res = await balances(token);
  expect(res.status).toBe(200);
  expect(await json(res)).toEqual(await expectedBalances(tenantId));
}

describe('POST /v1/tokens/generate', () => {
  test('answers 200 (not 201) with exactly {accessToken, refreshToken}', async () => {
    const creds = await newTenant(instance);
    const res = await generate({ apiKey: creds.apiKey, secretKey: creds.secretKey });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json(res)).toEqual(tokenPairBody);
  });

  test('issues HS256 JWTs whose iat is the tenant clock and exp is iat + 24 h (access) / 48 h (refresh)', async () => {
    const creds = await newTenant(instance);
    const iat = await freezeAt(creds.id, '2025-03-21T08:30:00Z');
    const pair = await tokens(instance, creds);
    expect(decodeProtectedHeader(pair.accessToken)).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(decodeJwt(pair.accessToken)).toEqual(expect.objectContaining({ sub: creds.id, iat, exp: iat + 24 * hour }));
    expect(decodeJwt(pair.refreshToken)).toEqual(expect.objectContaining({ sub: creds.id, iat, exp: iat + 48 * hour }));
  });

  test('ignores the empty "Authorization: Bearer " header a TypeScript client sends on generate', async () => {
    const creds = await newTenant(instance);
    const res = await generate({ apiKey: creds.apiKey, secretKey: creds.secretKey }, { Authorization: 'Bearer ' });
    expect(res.status).toBe(200);
    const pair = (await json(res)) as { accessToken: string };
    expect(pair).toEqual(tokenPairBody);
    await expectWorks(creds.id, pair.accessToken);
  });

  test.each([
    ['the old apiSecret field name', (k: string, s: string) => ({ apiKey: k, apiSecret: s }), 400, 'secretKey.is_required'],
    ['a wrong secret', (k: string) => ({ apiKey: k, secretKey: 'not-the-secret' }), 401, 'invalid.credentials'],
    ['an unknown apiKey', (_k: string, s: string) => ({ apiKey: 'jak_nobody', secretKey: s }), 401, 'invalid.credentials'],
    ['the secret with a trailing space', (k: string, s: string) => ({ apiKey: k, secretKey: `${s} ` }), 401, 'invalid.credentials'],
  ])('with %s answers %i %s', async (_case, body, status, code) => {
    const creds = await newTenant(instance);
    const res = await generate(body(creds.apiKey, creds.secretKey));
    expect(res.status).toBe(status);
    expect(await json(res)).toEqual(error('token-generate', code));
  });

  test("another tenant's secret does not open this tenant", async () => {
    const [a, b] = [await newTenant(instance), await newTenant(instance)];
    const res = await generate({ apiKey: a.apiKey, secretKey: b.secretKey });
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual(error('token-generate', 'invalid.credentials'));
  });

  test('with the credentials of a deleted tenant answers 401 invalid.credentials', async () => {
    const creds = await newTenant(instance);
    expect((await control(instance, 'DELETE', `/tenants/${creds.id}`)).status).toBe(204);
    const res = await generate({ apiKey: creds.apiKey, secretKey: creds.secretKey });
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual(error('token-generate', 'invalid.credentials'));
  });
});

describe('POST /v1/tokens/refresh', () => {
  test('with both tokens answers 200 and a new pair timed by the tenant clock', async () => {
    // Signed in on the clock as set: a refresh token from before the clock moved back is refused.
    const creds = await newTenant(instance);
    const start = await freezeAt(creds.id, '2025-03-21T08:30:00Z');
    const s = { ...creds, ...(await tokens(instance, creds)) };
    await advance(s.id, 2 * hour);
    const res = await refresh({ accessToken: s.accessToken, refreshToken: s.refreshToken });
    expect(res.status).toBe(200);
    const pair = (await json(res)) as { accessToken: string; refreshToken: string };
    expect(pair).toEqual(tokenPairBody);
    expect(pair.accessToken).not.toBe(s.accessToken);
    const iat = start + 2 * hour;
    expect(decodeJwt(pair.accessToken)).toEqual(expect.objectContaining({ sub: s.id, iat, exp: iat + 24 * hour }));
    expect(decodeJwt(pair.refreshToken)).toEqual(expect.objectContaining({ sub: s.id, iat, exp: iat + 48 * hour }));
    await expectWorks(s.id, pair.accessToken);
  });

  test('with the refresh token alone (as some clients send it) answers a tenant reading inputs leniently 200 and a working pair', async () => {
    const s = await signedIn(instance, { jibit: { inputs: 'lenient' } });
    const res = await refresh({ refreshToken: s.refreshToken });
    expect(res.status).toBe(200);
    const pair = (await json(res)) as { accessToken: string };
    expect(pair).toEqual(tokenPairBody);
    await expectWorks(s.id, pair.accessToken);
  });

  test('with an expired access token (25 h) answers 200 and a working pair', async () => {
    const s = await signedIn(instance);
    await freezeAt(s.id, '2025-03-21T08:30:00Z');
    const pair = await tokens(instance, s);
    await advance(s.id, 25 * hour);
    const res = await refresh(pair);
    expect(res.status).toBe(200);
    const fresh = (await json(res)) as { accessToken: string };
    expect(fresh).toEqual(tokenPairBody);
    await expectWorks(s.id, fresh.accessToken);
  });

  test.each([
    [48 * hour - 1, 200],
    [48 * hour, 401],
    [72 * hour, 401],
  ])('%i s after issue answers %i (the refresh token lives 48 h)', async (seconds, status) => {
    const s = await signedIn(instance);
    await freezeAt(s.id, '2025-03-21T08:30:00Z');
    const pair = await tokens(instance, s);
    await advance(s.id, seconds);
    const res = await refresh(pair);
    expect(res.status).toBe(status);
    expect(await json(res)).toEqual(status === 200 ? tokenPairBody : error('token-refresh', 'refreshToken.not_valid'));
  });

  test('with tokens of two different pairs answers 401 invalid.tokens_pair', async () => {
    const s = await signedIn(instance);
    const second = await tokens(instance, s);
    const res = await refresh({ accessToken: s.accessToken, refreshToken: second.refreshToken });
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual(error('token-refresh', 'invalid.tokens_pair'));
  });

  test('with the access token in the refresh slot answers 401 refreshToken.not_valid', async () => {
    const s = await signedIn(instance);
    const res = await refresh({ accessToken: s.accessToken, refreshToken: s.accessToken });
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual(error('token-refresh', 'refreshToken.not_valid'));
  });

  test('for a deleted tenant answers 403 client.not_found', async () => {
    const s = await signedIn(instance);
    expect((await control(instance, 'DELETE', `/tenants/${s.id}`)).status).toBe(204);
    const res = await refresh({ accessToken: s.accessToken, refreshToken: s.refreshToken });
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual(error('token-refresh', 'client.not_found'));
  });
});

test('an access token works at 23h59m, is forbidden at 24h, and a refresh at 30 h gives a working one', async () => {
  const s = await newTenant(instance);
  const start = await freezeAt(s.id, '2025-03-21T08:30:00Z');
  const pair = await tokens(instance, s);

  await advance(s.id, 24 * hour - 60);
  await expectWorks(s.id, pair.accessToken);

  await advance(s.id, 60);
  const expired = await balances(pair.accessToken);
  expect(expired.status).toBe(403);
  expect(await json(expired)).toEqual(error('balances', 'forbidden'));

  await advance(s.id, 6 * hour);
  const res = await refresh(pair);
  expect(res.status).toBe(200);
  const fresh = (await json(res)) as { accessToken: string };
  expect(decodeJwt(fresh.accessToken)).toEqual(expect.objectContaining({ iat: start + 30 * hour, exp: start + 54 * hour }));
  await expectWorks(s.id, fresh.accessToken);
});
