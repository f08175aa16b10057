// GET/DELETE /_sandbox/tenants/{id}/journal and POST …/journal/verify: every Jibit call of a
// tenant, secrets masked, bounded, filterable and verifiable.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { maskSecret, maskSecrets } from '../../src/core/journal.js';
import { createInstance } from '../../src/instance.js';
import { control, freepayForm, jibit, json, newTenant, sandbox, signedIn, tokens } from '../helpers.js';

const instance = sandbox();
const at = '2026-03-25T08:00:00.000Z';
const card = '6037991234567893';
const lostCard = '6104330000000052';

async function frozenTenant(on = instance) {
  const creds = await newTenant(on, { jibit: { prices: { 'card-inquiry': 1000 } } });
  for (const command of [{ freeze: true }, { set: at }]) await control(on, 'POST', `/tenants/${creds.id}/clock`, command);
  const pair = await tokens(on, creds);
  return { ...creds, ...pair, token: pair.accessToken };
}

async function journal(id: string, query = '', on = instance) {
  const res = await control(on, 'GET', `/tenants/${id}/journal${query}`);
  expect(res.status).toBe(200);
  return ((await json(res)) as { entries: Record<string, unknown>[] }).entries;
}

const noTiming = ({ id: _id, latencyMs, ...entry }: Record<string, unknown>) => {
  expect(Number.isInteger(latencyMs) && (latencyMs as number) >= 0).toBe(true);
  return entry;
};

describe('journal', () => {
  test('a card inquiry is recorded whole: request, answer, charge, tenant-clock time', async () => {
    const t = await frozenTenant();
    await jibit(instance, '/v1/cards', { token: t.token, query: { number: card }, headers: { 'X-TRACK-ID': 'trk-1' } });
    const [entry] = await journal(t.id);
    expect(noTiming(entry!)).toEqual({
      at,
      provider: 'jibit',
      endpoint: 'card-inquiry',
      method: 'GET',
      path: '/v1/cards',
      query: { number: card },
      requestBody: null,
      headers: { 'x-track-id': 'trk-1' },
      status: 200,
      responseBody: { number: card, cardInfo: { bank: 'MELLI', type: 'DEBIT', ownerName: 'علی محمدی', depositNumber: '1234567890123' } },
      errorCode: null,
      chargedRial: 1000,
      rule: null,
    });
  });

  test('token generation is recorded with the keys and tokens masked', async () => {
    const t = await frozenTenant();
    const [entry] = await journal(t.id);
    expect(noTiming(entry!)).toEqual({
      at,
      provider: 'jibit',
      endpoint: 'token-generate',
      method: 'POST',
      path: '/v1/tokens/generate',
      query: {},
      requestBody: { apiKey: maskSecret(t.apiKey), secretKey: maskSecret(t.secretKey) },
      headers: {},
      status: 200,
      responseBody: { accessToken: maskSecret(t.accessToken), refreshToken: maskSecret(t.refreshToken) },
      errorCode: null,
      chargedRial: 0,
      rule: null,
    });
    expect(JSON.stringify(await journal(t.id))).not.toContain(t.secretKey);
    expect(JSON.stringify(await journal(t.id))).not.toContain(t.accessToken);
  });

  test('errors are recorded free, with their code; an expired token still names its tenant', async () => {
    const t = await frozenTenant();
    await jibit(instance, '/v1/cards', { token: t.token, query: { number: lostCard } });
    await control(instance, 'POST', `/tenants/${t.id}/clock`, { advanceSeconds: 24 * 3600 });
    await jibit(instance, '/v1/balances', { token: t.token });
    const [expired, lost] = await journal(t.id);
    expect(expired).toMatchObject({ endpoint: 'balances', status: 403, errorCode: 'forbidden', chargedRial: 0, at: '2026-03-26T08:00:00.000Z' });
    expect(lost).toMatchObject({ endpoint: 'card-inquiry', status: 422, errorCode: 'card.registered_as_lost', chargedRial: 0 });
    expect((lost as { responseBody: { code: string } }).responseBody.code).toBe('card.registered_as_lost');
  });

  test('filters: endpoint, status, code, since and limit; newest first', async () => {
    const t = await frozenTenant();
    await jibit(instance, '/v1/cards', { token: t.token, query: { number: card } });
    await control(instance, 'POST', `/tenants/${t.id}/clock`, { advanceSeconds: 60 });
    await jibit(instance, '/v1/cards', { token: t.token, query: { number: lostCard } });
    await jibit(instance, '/v1/balances', { token: t.token });
    const ends = async (q: string) => (await journal(t.id, q)).map((e) => e.endpoint);
    expect(await ends('')).toEqual(['balances', 'card-inquiry', 'card-inquiry', 'token-generate']);
    expect(await ends('?endpoint=card-inquiry')).toEqual(['card-inquiry', 'card-inquiry']);
    expect(await ends('?status=422')).toEqual(['card-inquiry']);
    expect(await ends('?code=card.registered_as_lost')).toEqual(['card-inquiry']);
    expect(await ends('?since=2026-03-25T08:00:30Z')).toEqual(['balances', 'card-inquiry']);
    expect(await ends('?limit=1')).toEqual(['balances']);
    expect(await ends('?provider=freepay')).toEqual([]);
  });

  test('DELETE clears one tenant’s journal and no other’s', async () => {
    const [a, b] = [await frozenTenant(), await frozenTenant()];
    expect((await control(instance, 'DELETE', `/tenants/${a.id}/journal`)).status).toBe(204);
    expect(await journal(a.id)).toEqual([]);
    expect((await journal(b.id)).map((e) => e.endpoint)).toEqual(['token-generate']);
  });

  test('the journal keeps the newest entries up to its limit', async () => {
    const small = createInstance({ db: ':memory:', worldSeed: 'test-world', journalLimit: 3 });
    const t = await signedIn(small);
    for (let i = 0; i < 5; i++) await jibit(small, '/v1/balances', { token: t.token, headers: { 'X-TRACK-ID': `n${i}` } });
    expect((await journal(t.id, '', small)).map((e) => (e.headers as Record<string, string>)['x-track-id'])).toEqual(['n4', 'n3', 'n2']);
    small.close();
  });

  test('a Freepay verify, whose entry is written inside its own transaction, counts toward the limit like any call', async () => {
    const small = createInstance({ db: ':memory:', worldSeed: 'test-world', journalLimit: 3 });
    const created = (await json(await control(small, 'POST', '/tenants', {}))) as { id: string; freepay: { apiKey: string } };
    const api = created.freepay.apiKey;
    const request = async () =>
      ((await json(await freepayForm(small, '/payment/request', { api, amount: '150000', callback: 'http://localhost/back' }))) as { authority: string }).authority;
    const verify = (authority: string) => freepayForm(small, '/payment/verify', { api, authority, amount: '150000' });
    const a = await request();
    expect((await control(small, 'POST', `/tenants/${created.id}/freepay/payments/${a}/pay`, { card: '6037990000010013' })).status).toBe(200);
    expect((await verify(a)).status).toBe(200);
    expect((await verify(a)).status).toBe(200); // already verified: journaled the same way
    const b = await request();
    expect((await control(small, 'POST', `/tenants/${created.id}/freepay/payments/${b}/pay`, { card: '6037990000010013' })).status).toBe(200);
    expect((await verify(b)).status).toBe(200);
    const kept = await journal(created.id, '?limit=1000', small);
    expect(kept.map((e) => [e.endpoint, (e.requestBody as { authority?: string }).authority ?? null])).toEqual([
      ['payment-verify', b],
      ['payment-request', null],
      ['payment-verify', a],
    ]);
    small.close();
  });

  test('an entry written inside a transaction that rolls back is not counted: the journal still fills to its limit', async () => {
    const small = createInstance({ db: ':memory:', worldSeed: 'test-world', journalLimit: 3 });
    const t = await signedIn(small);
    const call = (i: number) => jibit(small, '/v1/balances', { token: t.token, headers: { 'X-TRACK-ID': `n${i}` } });
    await call(0);
    expect(await journal(t.id, '', small)).toHaveLength(2); // the token's call and n0
    const [last] = small.deps.journal.list(t.id, { limit: 1 });
    const { id: _id, at, endpoint, ...rest } = last!;
    const entry = { ...rest, tenantId: t.id, atMs: Date.parse(at), endpointId: endpoint };
    expect(() =>
      small.deps.db.$client.transaction(() => {
        small.deps.journal.recordNow(entry);
        throw new Error('the change this entry records failed');
      })(),
    ).toThrow('the change this entry records failed');
    for (let i = 1; i < 5; i++) await call(i);
    // Counted as committed, the rolled-back entry would have made the journal cut one entry too many.
    expect((await journal(t.id, '', small)).map((e) => (e.headers as Record<string, string>)['x-track-id'])).toEqual(['n4', 'n3', 'n2']);
    small.close();
  });

  test('a journal far over a lowered limit is cut a slice per write, newest kept, until it holds the limit', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'mahak-journal-')), 'cut.db');
    const keys = { apiKey: 'mahak-default-api-key', secretKey: 'mahak-default-secret-key' };
    const call = (on: ReturnType<typeof createInstance>, i: number) =>
      jibit(on, '/v1/tokens/generate', { method: 'POST', body: keys, headers: { 'X-TRACK-ID': `c${i}` } });
    const wide = createInstance({ db: file, worldSeed: 'test-world' });
    for (let i = 0; i < 13; i++) await call(wide, i);
    expect(await journal('ten_default', '?limit=1000', wide)).toHaveLength(13);
    wide.close();
    const narrow = createInstance({ db: file, worldSeed: 'test-world', journalLimit: 3, journalCutSlice: 4 });
    const sizes: number[] = [];
    for (let i = 13; i < 18; i++) {
      await call(narrow, i);
      sizes.push((await journal('ten_default', '?limit=1000', narrow)).length);
    }
    // 14 − 4, 11 − 4, 8 − 4, 5 − 2, then the limit holds.
    expect(sizes).toEqual([10, 7, 4, 3, 3]);
    const kept = await journal('ten_default', '?limit=1000', narrow);
    expect(kept.map((e) => (e.headers as Record<string, string>)['x-track-id'])).toEqual(['c17', 'c16', 'c15']);
    narrow.close();
  });

  test.each([['?status=abc'], ['?limit=0'], ['?since=yesterday']])('GET journal%s answers 400 with a reason', async (q) => {
    const t = await frozenTenant();
    const res = await control(instance, 'GET', `/tenants/${t.id}/journal${q}`);
    expect(res.status).toBe(400);
    expect(await json(res)).toMatchObject({ error: 'invalid_request' });
  });

  test('an unknown tenant answers 404', async () => {
    expect((await control(instance, 'GET', '/tenants/ten_nope/journal')).status).toBe(404);
    expect((await control(instance, 'POST', '/tenants/ten_nope/journal/verify', { request: {} })).status).toBe(404);
  });
});

describe('journal verify', () => {
  test('counts the calls that match, exactly or at least', async () => {
    const t = await frozenTenant();
    for (let i = 0; i < 2; i++) await jibit(instance, '/v1/cards', { token: t.token, query: { number: card } });
    const verify = async (body: unknown) => json(await control(instance, 'POST', `/tenants/${t.id}/journal/verify`, body));
    const request = { endpoint: 'card-inquiry', status: 200, query: { number: card } };
    expect(await verify({ request, count: 2 })).toEqual({ matched: true, count: 2, expected: { count: 2 }, nearest: [] });
    expect(await verify({ request })).toEqual({ matched: true, count: 2, expected: { atLeast: 1 }, nearest: [] });
    expect(await verify({ request: { method: 'post', path: '/v1/tokens/generate', body: { apiKey: maskSecret(t.apiKey) } }, count: 1 })).toMatchObject({ matched: true, count: 1 });
  });

  test('when nothing matches it answers the nearest entries and how they differ', async () => {
    const t = await frozenTenant();
    await jibit(instance, '/v1/cards', { token: t.token, query: { number: lostCard } });
    const res = await control(instance, 'POST', `/tenants/${t.id}/journal/verify`, { request: { endpoint: 'card-inquiry', status: 200 }, atLeast: 1 });
    const body = (await json(res)) as { matched: boolean; count: number; nearest: { entry: { endpoint: string }; differences: string[] }[] };
    expect(body.matched).toBe(false);
    expect(body.count).toBe(0);
    expect(body.nearest.map((n) => [n.entry.endpoint, n.differences])).toEqual([
      ['card-inquiry', ['status: expected 200, was 422']],
      ['token-generate', ['endpoint: expected "card-inquiry", was "token-generate"']],
    ]);
  });

  test('count and atLeast together answer 400', async () => {
    const t = await frozenTenant();
    const res = await control(instance, 'POST', `/tenants/${t.id}/journal/verify`, { request: {}, count: 1, atLeast: 1 });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ error: 'invalid_request', message: 'give count (exact) or atLeast, not both' });
  });
});

test.each([
  [{ apiKey: 'mahak-default-api-key', other: 'x' }, { apiKey: 'maha…-key', other: 'x' }],
  [{ nested: [{ refreshToken: 'short' }] }, { nested: [{ refreshToken: '****' }] }],
  [{ SecretKey: 'abcdefghijklmnop' }, { SecretKey: 'abcd…mnop' }],
  ['plain', 'plain'],
])('maskSecrets(%j) → %j', (input, masked) => {
  expect(maskSecrets(input)).toEqual(masked);
});

test('deleting a tenant removes its journal, entries still waiting to be written included', async () => {
  const t = await frozenTenant();
  await jibit(instance, '/v1/balances', { token: t.token });
  expect((await control(instance, 'DELETE', `/tenants/${t.id}`)).status).toBe(204);
  instance.deps.journal.list('unrelated', { limit: 1 }); // flushes anything pending
  const left = instance.deps.db.$client.prepare('SELECT count(*) AS n FROM journal WHERE tenant_id = ?').get(t.id);
  expect(left).toEqual({ n: 0 });
});
