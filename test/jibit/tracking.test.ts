// X-TRACK-ID: any request may carry one (at most 50 characters) and the response echoes the
// very same value, on success and on every kind of failure (spec/jibit.md §1, §5.1.10).
import { describe, expect, test } from 'vitest';
import world from '../../fixtures/world.json' with { type: 'json' };
import catalog from '../../src/providers/jibit/catalog.json' with { type: 'json' };
import { control, jibit, json, newTenant, sandbox, signedIn, type CallOptions } from '../helpers.js';

const instance = sandbox();

const message = (endpoint: string, code: string) =>
  catalog.endpoints.find((e) => e.id === endpoint)!.errors.find((e) => e.code === code)!.messageFa;
const error = (endpoint: string, code: string) => ({ code, message: message(endpoint, code) });

/** Spaces, quotes and punctuation inside the value: all of it must come back as sent. */
const trackId = 'order 42 / retry #2: "ok", <x>; a=b & c? (v1.0)';
const lostCard = world.cards.find((c) => 'state' in c && c.state === 'LOST')!.number;
const unknownPostal = world.postalCodes.find((p) => p.state === 'NOT_FOUND')!.code;
const postal = world.postalCodes.find((p) => p.state === 'FOUND')!;
const postalAnswer = {
  code: postal.code,
  addressInfo: { postalCode: postal.code, address: postal.address, Province: postal.province, district: postal.district, street: postal.street, no: postal.no, floor: postal.floor },
};

async function usage(tenantId: string) {
  const view = (await json(await control(instance, 'GET', `/tenants/${tenantId}`))) as { jibit: { balances: unknown; usedToday: unknown } };
  return { balances: view.jibit.balances, usedToday: view.jibit.usedToday };
}

describe('X-TRACK-ID is echoed verbatim', () => {
  test('on GET /v1/balances answering 200', async () => {
    const s = await signedIn(instance);
    const res = await jibit(instance, '/v1/balances', { token: s.token, headers: { 'X-TRACK-ID': trackId } });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-TRACK-ID')).toBe(trackId);
  });

  test('on POST /v1/tokens/generate answering 200', async () => {
    const creds = await newTenant(instance);
    const res = await jibit(instance, '/v1/tokens/generate', {
      method: 'POST',
      body: { apiKey: creds.apiKey, secretKey: creds.secretKey },
      headers: { 'X-TRACK-ID': trackId },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-TRACK-ID')).toBe(trackId);
  });

  const failures: [string, string, number, string, (token: string) => [string, CallOptions]][] = [
    ['a documented card state', 'card-inquiry', 422, 'card.registered_as_lost', (t) => ['/v1/cards', { token: t, query: { number: lostCard } }]],
    ['a documented not-found', 'postal-code-address', 404, 'postalCode.not_found', (t) => ['/v1/services/postal', { token: t, query: { code: unknownPostal } }]],
    ['an invalid parameter', 'card-inquiry', 400, 'card.not_valid', (t) => ['/v1/cards', { token: t, query: { number: '12ab' } }]],
    ['a missing parameter', 'card-inquiry', 400, 'card.is_required', (t) => ['/v1/cards', { token: t }]],
    ['a body that is not JSON', 'token-generate', 400, 'invalid.request_body', () => ['/v1/tokens/generate', { method: 'POST', body: '{"apiKey":' }]],
    ['wrong credentials', 'token-generate', 401, 'invalid.credentials', () => ['/v1/tokens/generate', { method: 'POST', body: { apiKey: 'x', secretKey: 'y' } }]],
    ['a bad token', 'balances', 403, 'forbidden', () => ['/v1/balances', { token: 'a.b.c' }]],
    ['a forced error', 'balances', 500, 'server.error', (t) => ['/v1/balances', { token: t, headers: { 'X-Sandbox-Error': 'server.error' } }]],
  ];
  test.each(failures)('on %s (%s answering %i %s)', async (_case, endpoint, status, code, request) => {
    const s = await signedIn(instance);
    const [path, options] = request(s.token);
    const res = await jibit(instance, path, { ...options, headers: { ...options.headers, 'X-TRACK-ID': trackId } });
    expect(res.status).toBe(status);
    expect(res.headers.get('X-TRACK-ID')).toBe(trackId);
    expect(await json(res)).toEqual(error(endpoint, code));
  });

  test('on an unknown path answering 404 handler.not_found', async () => {
    const s = await signedIn(instance);
    const res = await jibit(instance, '/v1/no-such-service', { token: s.token, headers: { 'X-TRACK-ID': trackId } });
    expect(res.status).toBe(404);
    expect(res.headers.get('X-TRACK-ID')).toBe(trackId);
    // The document's own example of the error body (spec/jibit.md §1).
    expect(await json(res)).toEqual({ code: 'handler.not_found', message: 'سازوکاری یافت نشد' });
  });

  test('on GET /health, which needs no token', async () => {
    const res = await jibit(instance, '/health', { headers: { 'X-TRACK-ID': trackId } });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-TRACK-ID')).toBe(trackId);
    expect(await json(res)).toEqual({ status: 'UP' });
  });

  test('each of twenty concurrent calls gets its own value back', async () => {
    const s = await signedIn(instance);
    const ids = Array.from({ length: 20 }, (_, i) => `call-${i}`);
    const responses = await Promise.all(ids.map((id) => jibit(instance, '/v1/balances', { token: s.token, headers: { 'X-TRACK-ID': id } })));
    expect(responses.map((r) => r.headers.get('X-TRACK-ID'))).toEqual(ids);
  });
});

describe('length limit', () => {
  test('50 characters are accepted: GET /v1/services/postal answers 200 and echoes them', async () => {
    const s = await signedIn(instance);
    const id = `${'x'.repeat(45)} 1234`;
    expect(id).toHaveLength(50);
    const res = await jibit(instance, '/v1/services/postal', { token: s.token, query: { code: postal.code }, headers: { 'X-TRACK-ID': id } });
    expect(res.status).toBe(200);
    expect(res.headers.get('X-TRACK-ID')).toBe(id);
    expect(await json(res)).toEqual(postalAnswer);
  });

  test('51 characters on GET /v1/services/postal answer 400 invalid.request_body, echoed, and cost nothing', async () => {
    const s = await signedIn(instance);
    const id = 'y'.repeat(51);
    const before = await usage(s.id);
    const res = await jibit(instance, '/v1/services/postal', { token: s.token, query: { code: postal.code }, headers: { 'X-TRACK-ID': id } });
    expect(res.status).toBe(400);
    expect(res.headers.get('X-TRACK-ID')).toBe(id);
    expect(await json(res)).toEqual(error('postal-code-address', 'invalid.request_body'));
    expect(await usage(s.id)).toEqual(before);
  });

  test('51 characters on POST /v1/tokens/generate answer 400 invalid.request_body, echoed', async () => {
    const creds = await newTenant(instance);
    const id = 'z'.repeat(51);
    const res = await jibit(instance, '/v1/tokens/generate', {
      method: 'POST',
      body: { apiKey: creds.apiKey, secretKey: creds.secretKey },
      headers: { 'X-TRACK-ID': id },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('X-TRACK-ID')).toBe(id);
    expect(await json(res)).toEqual(error('token-generate', 'invalid.request_body'));
  });
});

describe('without X-TRACK-ID the response has none', () => {
  test('on GET /v1/balances answering 200', async () => {
    const s = await signedIn(instance);
    const res = await jibit(instance, '/v1/balances', { token: s.token });
    expect(res.status).toBe(200);
    expect(res.headers.has('X-TRACK-ID')).toBe(false);
  });

  test('on GET /v1/cards answering 400 card.not_valid', async () => {
    const s = await signedIn(instance);
    const res = await jibit(instance, '/v1/cards', { token: s.token, query: { number: '12ab' } });
    expect(res.status).toBe(400);
    expect(res.headers.has('X-TRACK-ID')).toBe(false);
    expect(await json(res)).toEqual(error('card-inquiry', 'card.not_valid'));
  });
});
