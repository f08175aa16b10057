// Bearer authentication of every Jibit endpoint: what a missing, malformed, forged, expired,
// misused or orphaned token gets (403 forbidden with the endpoint's own message, or 401
// token.is_required where the document lists it), checked before the input is looked at.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, decodeJwt } from 'jose';
import { describe, expect, test } from 'vitest';
import { createInstance, type Instance } from '../../src/instance.js';
import catalog from '../../src/providers/jibit/catalog.json' with { type: 'json' };
import { control, jibit, json, newTenant, sandbox, signedIn, tokens } from '../helpers.js';

const instance = sandbox();
const other = sandbox();

const message = (endpoint: string, code: string) =>
  catalog.endpoints.find((e) => e.id === endpoint)!.errors.find((e) => e.code === code)!.messageFa;
const error = (endpoint: string, code: string) => ({ code, message: message(endpoint, code) });

// The demo records of fixtures/world.json (the Jibit document's example person).
const card = '6037991234567893';
const person = { nationalCode: '0123456789', birthDate: '13600331' };
const mobileNumber = '09123456789';
const account = { bank: 'MELLI', depositNumber: '1234567890123' };
const iban = 'IR120170000001234567890123';

/** One request per authenticated endpoint, each one the endpoint serves with 200. */
const endpoints: [string, string, Record<string, string>][] = [
  ['card-inquiry', '/v1/cards', { number: card }],
  ['card-to-deposit', '/v1/cards', { number: card, deposit: 'true' }],
  ['card-to-iban', '/v1/cards', { number: card, iban: 'true' }],
  ['card-to-iban-availability', '/v1/services/availability', { cardToIBAN: 'true' }],
  ['iban-inquiry', '/v1/ibans', { value: iban }],
  ['deposit-to-iban', '/v1/deposits', { bank: account.bank, number: account.depositNumber, iban: 'true' }],
  ['match-card-nationalcode', '/v1/services/matching', { cardNumber: card, ...person }],
  ['match-deposit-nationalcode', '/v1/services/matching', { ...account, ...person }],
  ['match-iban-nationalcode', '/v1/services/matching', { iban, ...person }],
  ['match-card-name', '/v1/services/matching', { cardNumber: card, name: 'علی محمدی' }],
  ['match-deposit-name', '/v1/services/matching', { ...account, name: 'علی محمدی' }],
  ['match-iban-name', '/v1/services/matching', { iban, name: 'علی محمدی' }],
  ['match-nationalcode-mobile', '/v1/services/matching', { nationalCode: person.nationalCode, mobileNumber }],
  ['postal-code-address', '/v1/services/postal', { code: '1234567890' }],
  ['postal-code-wgs', '/v1/services/postal/wgs', { code: '1234567890' }],
  ['identity-similarity', '/v1/services/identity/similarity', { ...person, firstName: 'علی' }],
  ['foreigner-identity', '/v1/services/foreigners/identity', { fida: '0123456789' }],
  ['corporation-identity', '/v1/services/corporation/identity', { code: '0123456789' }],
  ['military-service-status', '/v1/services/social/msq', { nationalCode: person.nationalCode }],
  ['sana-status', '/v1/services/social/sana', { nationalCode: person.nationalCode, mobileNumber }],
  ['balances', '/v1/balances', {}],
  ['daily-report', '/v1/reports/daily', { yearMonthDay: '000708' }],
];
const documentsTokenRequired = new Set(['corporation-identity', 'military-service-status', 'sana-status']);

const call = (path: string, query: Record<string, string>, headers: Record<string, string>, on = instance) =>
  jibit(on, path, { query, headers });
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
type Session = Awaited<ReturnType<typeof signedIn>>;
type TenantView = { jibit: { prices: Record<string, number>; balances: { PRF: number; POF: number } } };
const view = async (id: string, on = instance) => (await json(await control(on, 'GET', `/tenants/${id}`))) as TenantView;
const wallets = (prf: number, pof: number) => ({
  balances: [{ balanceType: 'PRF', currency: 'IRR', amount: prf }, { balanceType: 'POF', currency: 'IRR', amount: pof }],
});

/** Replaces the character at `index` with another base64url character. */
function flip(text: string, index: number): string {
  return text.slice(0, index) + (text[index] === 'A' ? 'B' : 'A') + text.slice(index + 1);
}
const segments = (token: string) => token.split('.') as [string, string, string];
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** Ways to present a token that is not a valid access token of a live tenant. */
const badTokens: [string, (s: Session) => Promise<string> | string][] = [
  ['three dot-separated garbage segments', () => 'a.b.c'],
  ['a character of the signature flipped', (s) => {
    const [h, p, sig] = segments(s.accessToken);
    return `${h}.${p}.${flip(sig, 10)}`;
  }],
  ['a character of the payload flipped', (s) => {
    const [h, p, sig] = segments(s.accessToken);
    return `${h}.${flip(p, 12)}.${sig}`;
  }],
  ['the payload rewritten to expire a year later, unsigned', (s) => {
    const [h, , sig] = segments(s.accessToken);
    const claims = decodeJwt(s.accessToken);
    return `${h}.${b64({ ...claims, exp: claims.exp! + 365 * 86400 })}.${sig}`;
  }],
  ['alg none', (s) => `${b64({ alg: 'none', typ: 'JWT' })}.${segments(s.accessToken)[1]}.`],
  ['the same claims signed with another key', (s) =>
    new SignJWT(decodeJwt(s.accessToken)).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('x'.repeat(32)))],
  ['a token issued by another sandbox', async () => (await signedIn(other)).accessToken],
  ['the refresh token', (s) => s.refreshToken],
  ['an access token 24 h old', async (s) => {
    await control(instance, 'POST', `/tenants/${s.id}/clock`, { advanceSeconds: 24 * 3600 });
    return s.accessToken;
  }],
  ['a token of a deleted tenant', async (s) => {
    expect((await control(instance, 'DELETE', `/tenants/${s.id}`)).status).toBe(204);
    return s.accessToken;
  }],
];

test('the table covers every authenticated endpoint of the catalog', () => {
  const authenticated = catalog.endpoints.map((e) => e.id).filter((id) => !id.startsWith('token-'));
  expect(endpoints.map(([id]) => id).sort()).toEqual(authenticated.sort());
});

test.each(endpoints)('%s answers 200 with a valid token (the baseline of the cases below)', async (_id, path, query) => {
  const s = await signedIn(instance);
  const res = await call(path, query, bearer(s.token));
  expect(res.status, await res.clone().text()).toBe(200);
});

describe.each(badTokens)('a request with %s', (_kind, makeToken) => {
  test.each(endpoints)('to %s answers 403 forbidden', async (id, path, query) => {
    const token = await makeToken(await signedIn(instance));
    const res = await call(path, query, bearer(token));
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual(error(id, 'forbidden'));
  });
});

describe.each([
  ['no Authorization header', {}],
  ['"Authorization: Bearer " with no token', { Authorization: 'Bearer ' }],
  ['Basic credentials instead of a bearer token', { Authorization: 'Basic dXNlcjpwYXNz' }],
])('a request with %s', (_kind, headers) => {
  test.each(endpoints)('to %s answers token.is_required where documented, forbidden elsewhere', async (id, path, query) => {
    const res = await call(path, query, headers);
    const code = documentsTokenRequired.has(id) ? 'token.is_required' : 'forbidden';
    expect(res.status).toBe(code === 'forbidden' ? 403 : 401);
    expect(await json(res)).toEqual(error(id, code));
  });
});

test('the bearer scheme name is read case-insensitively (RFC 9110 §11.1)', async () => {
  const s = await signedIn(instance);
  const res = await call('/v1/balances', {}, { Authorization: `bearer ${s.token}` });
  expect(res.status).toBe(200);
});

describe('authentication comes before input validation', () => {
  const badToken = bearer('a.b.c');
  test.each([
    ['card-inquiry', '/v1/cards?number=abc', {}],
    ['card-inquiry', '/v1/cards?number=%E0%A4%A', {}],
    ['card-inquiry', `/v1/cards?number=${card}`, { 'X-Sandbox-Error': 'card.not_valid' }],
    ['balances', '/v1/balances', { 'X-TRACK-ID': 't'.repeat(51) }],
    ['match-card-nationalcode', `/v1/services/matching?cardNumber=${card}`, {}],
    ['daily-report', '/v1/reports/daily?yearMonthDay=13', {}],
  ])('%s %s with a bad token answers 403 forbidden', async (id, url, headers) => {
    const res = await instance.app.request(`/jibit/ide${url}`, { headers: { ...badToken, ...headers } });
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual(error(id, 'forbidden'));
  });

  test('a POST body that is not JSON, with a bad token, answers 403 forbidden', async () => {
    const res = await jibit(instance, '/v1/services/identity/similarity', { method: 'POST', body: '{"nationalCode": ', headers: badToken });
    expect(res.status).toBe(403);
    expect(await json(res)).toEqual(error('identity-similarity', 'forbidden'));
  });

  test('GET /v1/services/social/msq with no nationalCode and no token answers 401 token.is_required', async () => {
    const res = await call('/v1/services/social/msq', {}, {});
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual(error('military-service-status', 'token.is_required'));
  });
});

test("a token of tenant A sees A's balances and daily usage, B's token sees B's", async () => {
  const [a, b] = [await signedIn(instance), await signedIn(instance)];
  for (const s of [a, b]) {
    await control(instance, 'POST', `/tenants/${s.id}/clock`, { freeze: true });
    await control(instance, 'POST', `/tenants/${s.id}/clock`, { set: '2025-03-21T08:30:00Z' }); // 1404/01/01 in Tehran
    // A token issued before the clock was moved back is from the tenant's future: a new one.
    s.token = (await tokens(instance, s)).accessToken;
  }
  expect((await control(instance, 'PATCH', `/tenants/${b.id}/jibit`, { balances: { PRF: 5000, POF: 7 } })).status).toBe(200);
  const before = await view(a.id);
  expect((await call('/v1/services/postal', { code: '1234567890' }, bearer(a.token))).status).toBe(200);
  const price = before.jibit.prices['postal-code-address']!;

  const balancesOf = async (s: Session) => json(await call('/v1/balances', {}, bearer(s.token)));
  expect(await balancesOf(a)).toEqual(wallets(before.jibit.balances.PRF - price, before.jibit.balances.POF));
  expect(await balancesOf(b)).toEqual(wallets(5000, 7));

  const reportOf = async (s: Session) => json(await call('/v1/reports/daily', { yearMonthDay: '040101' }, bearer(s.token)));
  const postal = catalog.endpoints.find((e) => e.id === 'postal-code-address')!;
  expect(await reportOf(a)).toEqual({ report: [{ services: [{ Service: 'postal-code-address', persianName: postal.titleFa, count: 1 }] }] });
  expect(await reportOf(b)).toEqual({ report: [{ services: [] }] });
});

test('tokens survive a restart of the sandbox on the same database file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mahak-auth-'));
  const open = () => createInstance({ db: join(dir, 'sandbox.db'), worldSeed: 'test-world' });
  let running: Instance | undefined = open();
  try {
    const creds = await newTenant(running);
    const pair = await tokens(running, creds);
    running.close();
    running = open();
    const res = await jibit(running, '/v1/balances', { token: pair.accessToken });
    expect(res.status).toBe(200);
    const { PRF, POF } = (await view(creds.id, running)).jibit.balances;
    expect(await json(res)).toEqual(wallets(PRF, POF));
    const refreshed = await jibit(running, '/v1/tokens/refresh', { method: 'POST', body: pair });
    expect(refreshed.status).toBe(200);
  } finally {
    running?.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
