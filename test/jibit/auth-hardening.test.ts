// Credentials a real server would refuse: an Authorization header sent twice (over a socket
// Node keeps the first and drops the rest, in-process a Headers object joins them with ", ")
// and an access token issued after the tenant's now (its clock moved back since).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import catalog from '../../src/providers/jibit/catalog.json' with { type: 'json' };
import { freepayCodes } from '../../src/providers/freepay/catalog.js';
import { control, jibit, json, listening, merchant, newTenant, sandbox, signedIn, tokens } from '../helpers.js';

const instance = sandbox();
const message = (endpoint: string, code: string) =>
  catalog.endpoints.find((e) => e.id === endpoint)!.errors.find((e) => e.code === code)!.messageFa;
const forbidden = { code: 'forbidden', message: message('balances', 'forbidden') };
const invalidApiKey = { status: freepayCodes.invalidApiKey.status, message: freepayCodes.invalidApiKey.message };

let port = 0;
let server: Awaited<ReturnType<typeof listening>>;
beforeAll(async () => {
  server = await listening(instance);
  port = server.port;
});
afterAll(async () => {
  await server.close();
  instance.close();
});

/** A GET over a real socket; an array header value is sent as that many header lines. */
function overSocket(path: string, headers: Record<string, string | string[]>): Promise<{ status: number; type: string | undefined; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode!, type: res.headers['content-type'], body: JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('two Authorization headers', () => {
  test('GET /v1/balances over a socket with a valid token and then another answers 403 forbidden, not the first token’s tenant', async () => {
    const s = await signedIn(instance);
    const alone = await overSocket('/jibit/ide/v1/balances', { Authorization: `Bearer ${s.token}` });
    expect(alone.status).toBe(200);
    for (const second of ['Bearer not-a-token', `Bearer ${s.token}`]) {
      const res = await overSocket('/jibit/ide/v1/balances', { Authorization: [`Bearer ${s.token}`, second] });
      expect(res).toEqual({ status: 403, type: 'application/json', body: forbidden });
    }
  });

  test('GET /v1/services/social/msq over a socket with two headers answers forbidden, not token.is_required', async () => {
    const s = await signedIn(instance);
    const res = await overSocket('/jibit/ide/v1/services/social/msq?nationalCode=0123456789', { Authorization: [`Bearer ${s.token}`, `Bearer ${s.token}`] });
    expect(res).toEqual({ status: 403, type: 'application/json', body: { code: 'forbidden', message: message('military-service-status', 'forbidden') } });
  });

  test('GET /v1/balances in-process, the two values joined by the Headers object, answers 403 forbidden', async () => {
    const s = await signedIn(instance);
    const headers = new Headers([
      ['Authorization', `Bearer ${s.token}`],
      ['Authorization', `Bearer ${s.token}`],
    ]);
    const res = await instance.app.request('/jibit/ide/v1/balances', { headers });
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual(forbidden);
  });

  test('GET /freepay/panel/transactions over a socket with the merchant key twice answers -2 invalid API key', async () => {
    const m = await merchant(instance);
    const alone = await overSocket('/freepay/panel/transactions', { Authorization: `Bearer ${m.api}` });
    expect(alone.status).toBe(200);
    const res = await overSocket('/freepay/panel/transactions', { Authorization: [`Bearer ${m.api}`, 'Bearer someone-else'] });
    expect(res).toEqual({ status: 401, type: 'application/json', body: invalidApiKey });
  });

  test('GET /freepay/panel/settlements in-process with the key twice answers -2 invalid API key', async () => {
    const m = await merchant(instance);
    const headers = new Headers([
      ['Authorization', `Bearer ${m.api}`],
      ['Authorization', `Bearer ${m.api}`],
    ]);
    const res = await instance.app.request('/freepay/panel/settlements', { headers });
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual(invalidApiKey);
  });
});

describe('a token issued after the tenant’s now', () => {
  test('GET /v1/cards answers 403 forbidden once the clock is moved back an hour, and works again when it is moved forward', async () => {
    const s = await signedIn(instance);
    const inquiry = () => jibit(instance, '/v1/cards', { query: { number: '6037991234567893' }, token: s.token });
    expect((await inquiry()).status).toBe(200);

    expect((await control(instance, 'POST', `/tenants/${s.id}/clock`, { advanceSeconds: -3600 })).status).toBe(200);
    const refused = await inquiry();
    expect(refused.status).toBe(403);
    expect(await json(refused)).toEqual({ code: 'forbidden', message: message('card-inquiry', 'forbidden') });

    expect((await control(instance, 'POST', `/tenants/${s.id}/clock`, { advanceSeconds: 3600 })).status).toBe(200);
    const again = await inquiry();
    expect(again.status).toBe(200);
    expect(await json(again)).toEqual({
      number: '6037991234567893',
      cardInfo: { bank: 'MELLI', type: 'DEBIT', ownerName: 'علی محمدی', depositNumber: '1234567890123' },
    });
  });

  test('POST /v1/tokens/refresh with a refresh token issued after the tenant’s now answers refreshToken.not_valid, and a new pair once the clock is back', async () => {
    const s = await signedIn(instance);
    const refresh = () =>
      jibit(instance, '/v1/tokens/refresh', { method: 'POST', body: { accessToken: s.accessToken, refreshToken: s.refreshToken } });
    expect((await control(instance, 'POST', `/tenants/${s.id}/clock`, { advanceSeconds: -3600 })).status).toBe(200);
    const refused = await refresh();
    expect(refused.status).toBe(401);
    expect(await json(refused)).toEqual({ code: 'refreshToken.not_valid', message: message('token-refresh', 'refreshToken.not_valid') });

    expect((await control(instance, 'POST', `/tenants/${s.id}/clock`, { advanceSeconds: 3600 })).status).toBe(200);
    const again = await refresh();
    expect(again.status).toBe(200);
    expect(Object.keys((await json(again)) as object).sort()).toEqual(['accessToken', 'refreshToken']);
  });

  test('GET /v1/balances with a token issued at the frozen clock’s very second answers 200', async () => {
    const creds = await newTenant(instance);
    await control(instance, 'POST', `/tenants/${creds.id}/clock`, { freeze: true });
    await control(instance, 'POST', `/tenants/${creds.id}/clock`, { set: '2026-03-20T12:00:00.999Z' });
    const { accessToken } = await tokens(instance, creds);
    const res = await jibit(instance, '/v1/balances', { token: accessToken });
    expect(res.status).toBe(200);
  });
});
