// Edges of the request pipeline: HEAD, how POST matching is routed, JSON null for a required field.
import { describe, expect, test } from 'vitest';
import catalog from '../../src/providers/jibit/catalog.json' with { type: 'json' };
import { jibit, json, sandbox, signedIn } from '../helpers.js';

const instance = sandbox();
const message = (endpoint: string, code: string) =>
  catalog.endpoints.find((e) => e.id === endpoint)!.errors.find((e) => e.code === code)!.messageFa;

describe('request pipeline', () => {
  test('HEAD /v1/balances is answered as GET: 200 with no body', async () => {
    const { token } = await signedIn(instance);
    const res = await jibit(instance, '/v1/balances', { method: 'HEAD', token });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await res.text()).toBe('');
  });

  test('POST /v1/services/matching is routed by its JSON body, not by its query string', async () => {
    const { token } = await signedIn(instance);
    const query = { nationalCode: '0123456789', mobileNumber: '09123456789' };
    const fromQuery = await jibit(instance, '/v1/services/matching', { method: 'POST', token, query, body: {} });
    expect(fromQuery.status).toBe(404);
    expect(await json(fromQuery)).toEqual({ code: 'handler.not_found', message: message('match-card-nationalcode', 'handler.not_found') });
    const fromBody = await jibit(instance, '/v1/services/matching', { method: 'POST', token, body: query });
    expect(fromBody.status).toBe(200);
    expect(await json(fromBody)).toEqual({ matched: true });
  });

  test.each([
    ['token-generate', '/v1/tokens/generate', { apiKey: null, secretKey: 'x' }, 'apiKey.is_required'],
    ['token-generate', '/v1/tokens/generate', { apiKey: 'x', secretKey: null }, 'secretKey.is_required'],
    ['token-refresh', '/v1/tokens/refresh', { refreshToken: null }, 'refreshToken.is_required'],
    ['token-refresh', '/v1/tokens/refresh', { accessToken: null, refreshToken: 'x' }, 'accessToken.is_required'],
  ])('%s with a JSON null field answers %s as a missing one', async (endpoint, path, body, code) => {
    const res = await jibit(instance, path, { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ code, message: message(endpoint, code) });
  });

  test('POST /v1/services/identity/similarity with nationalCode null answers nationalCode.is_required', async () => {
    const { token } = await signedIn(instance);
    const res = await jibit(instance, '/v1/services/identity/similarity', {
      method: 'POST',
      token,
      body: { nationalCode: null, birthDate: '13600331', firstName: 'علی' },
    });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual({ code: 'nationalCode.is_required', message: message('identity-similarity', 'nationalCode.is_required') });
  });
});
