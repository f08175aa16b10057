// Malformed input across the Jibit API: every request below gets the endpoint's documented
// {code, message} with its status, never a 500 or a stack trace, and leaves the tenant's
// wallet and usage as they were (PRODUCT.md, "Qualities"). Persian and Arabic-Indic digits
// read as ASCII digits (spec/jibit.md §5.3.18).
import { describe, expect, test } from 'vitest';
import catalog from '../../src/providers/jibit/catalog.json' with { type: 'json' };
import { control, json, sandbox, signedIn, tokens } from '../helpers.js';

const instance = sandbox();
type Session = Awaited<ReturnType<typeof signedIn>>;

const message = (endpoint: string, code: string) =>
  catalog.endpoints.find((e) => e.id === endpoint)!.errors.find((e) => e.code === code)!.messageFa;
/** The document's own example error body, for requests no endpoint takes (spec/jibit.md §1). */
const noHandler = { code: 'handler.not_found', message: 'سازوکاری یافت نشد' };

// The demo records of fixtures/world.json (the Jibit document's example person).
const card = '6037991234567893';
const person = { nationalCode: '0123456789', birthDate: '13600331' };
const mobileNumber = '09123456789';
const account = { bank: 'MELLI', number: '1234567890123' };
const iban = 'IR120170000001234567890123';
const oneMb = (c: string) => c.repeat(1 << 20);
/** Long fields in a body that still fits Jibit's 64 KiB body limit (README "Limits"). */
const sixtyKb = (c: string) => c.repeat(60 * 1024);

interface Req {
  method?: string;
  url: string;
  body?: string;
  contentType?: string;
}
const get = (path: string, query: Record<string, string | string[]> = {}): Req => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) search.append(k, one);
  return { url: search.size ? `${path}?${search}` : path };
};
const post = (path: string, body: string, contentType = 'application/json'): Req => ({ method: 'POST', url: path, body, contentType });
const to = (method: string, url: string): Req => ({ method, url });

function send(s: Session, req: Req) {
  const headers: Record<string, string> = { Authorization: `Bearer ${s.token}` };
  if (req.contentType) headers['Content-Type'] = req.contentType;
  return instance.app.request(`/jibit/ide${req.url}`, { method: req.method ?? 'GET', headers, body: req.body });
}

async function walletAndUsage(tenantId: string) {
  const view = (await json(await control(instance, 'GET', `/tenants/${tenantId}`))) as { jibit: { balances: unknown; usedToday: unknown } };
  return { balances: view.jibit.balances, usedToday: view.jibit.usedToday };
}

/** [what is sent, the request, endpoint whose catalog words the answer (null: none), status, code] */
type Case = [string, Req | ((s: Session) => Req), string | null, number, string];
const gen = '/v1/tokens/generate';
const ref = '/v1/tokens/refresh';
const sim = '/v1/services/identity/similarity';
const match = '/v1/services/matching';
const cases: Case[] = [
  ['generate: a form-encoded body', post(gen, 'apiKey=a&secretKey=b', 'application/x-www-form-urlencoded'), 'token-generate', 400, 'invalid.request_body'],
  ['generate: a JSON array', post(gen, '[]'), 'token-generate', 400, 'invalid.request_body'],
  ['generate: JSON null', post(gen, 'null'), 'token-generate', 400, 'invalid.request_body'],
  ['generate: a JSON string', post(gen, '"apiKey"'), 'token-generate', 400, 'invalid.request_body'],
  ['generate: numbers for the keys', post(gen, '{"apiKey":5,"secretKey":6}'), 'token-generate', 400, 'invalid.request_body'],
  ['generate: nested objects for the keys', post(gen, '{"apiKey":{"v":"k"},"secretKey":{"v":"s"}}'), 'token-generate', 400, 'invalid.request_body'],
  ['generate: arrays for the keys', post(gen, '{"apiKey":["k"],"secretKey":["s"]}'), 'token-generate', 400, 'invalid.request_body'],
  ['generate: 30 000 nested arrays', post(gen, '['.repeat(30_000) + ']'.repeat(30_000)), 'token-generate', 400, 'invalid.request_body'],
  ['generate: an empty object', post(gen, '{}'), 'token-generate', 400, 'apiKey.is_required'],
  ['generate: apiKey hidden under __proto__', (s) => post(gen, `{"__proto__":{"apiKey":"${s.apiKey}"},"secretKey":"${s.secretKey}"}`), 'token-generate', 400, 'apiKey.is_required'],
  ['generate: a 60 KiB apiKey', (s) => post(gen, JSON.stringify({ apiKey: sixtyKb('k'), secretKey: s.secretKey })), 'token-generate', 400, 'apiKey.length_exceeded'],
  ['generate: a 60 KiB secretKey', (s) => post(gen, JSON.stringify({ apiKey: s.apiKey, secretKey: sixtyKb('s') })), 'token-generate', 400, 'secretKey.length_exceeded'],
  ['generate: a 1 MB apiKey, past the body limit', (s) => post(gen, JSON.stringify({ apiKey: oneMb('k'), secretKey: s.secretKey })), 'token-generate', 400, 'invalid.request_body'],
  ['generate: a NUL byte after the secret', (s) => post(gen, JSON.stringify({ apiKey: s.apiKey, secretKey: `${s.secretKey}\u0000` })), 'token-generate', 401, 'invalid.credentials'],
  ['refresh: JSON null', post(ref, 'null'), 'token-refresh', 400, 'invalid.request_body'],
  ['refresh: an empty object', post(ref, '{}'), 'token-refresh', 400, 'refreshToken.is_required'],
  ['refresh: a number for refreshToken', post(ref, '{"refreshToken":42}'), 'token-refresh', 400, 'invalid.request_body'],
  ['refresh: an object for refreshToken', post(ref, '{"refreshToken":{"jwt":"x"}}'), 'token-refresh', 400, 'invalid.request_body'],
  ['refresh: a 60 KiB refreshToken', post(ref, JSON.stringify({ accessToken: 'x', refreshToken: sixtyKb('r') })), 'token-refresh', 401, 'refreshToken.not_valid'],
  ['refresh: a NUL byte after the refresh token', (s) => post(ref, JSON.stringify({ accessToken: s.accessToken, refreshToken: `${s.refreshToken}\u0000` })), 'token-refresh', 401, 'refreshToken.not_valid'],
  ['cards: a number with dashes', get('/v1/cards', { number: '6037-9912-3456-7893' }), 'card-inquiry', 400, 'card.not_valid'],
  ['cards: a number with spaces', get('/v1/cards', { number: '6037 9912 3456 7893' }), 'card-inquiry', 400, 'card.not_valid'],
  ['cards: a number with dashes, deposit=true', get('/v1/cards', { number: '6037-9912-3456-7893', deposit: 'true' }), 'card-to-deposit', 400, 'card.not_valid'],
  ['cards: a NUL byte after the number', get('/v1/cards', { number: `${card}\u0000` }), 'card-inquiry', 400, 'card.not_valid'],
  ['cards: 1 MB of digits', get('/v1/cards', { number: oneMb('1') }), 'card-inquiry', 400, 'card.not_valid'],
  ['cards: 15 digits', get('/v1/cards', { number: card.slice(1) }), 'card-inquiry', 400, 'card.not_valid'],
  ['cards: two different numbers', get('/v1/cards', { number: [card, '6219861234567898'] }), 'card-inquiry', 400, 'invalid.request_body'],
  ['cards: deposit=TRUE', get('/v1/cards', { number: card, deposit: 'TRUE' }), 'card-inquiry', 400, 'invalid.request_body'],
  ['cards: deposit=true twice', get('/v1/cards', { number: card, deposit: ['true', 'true'] }), 'card-to-deposit', 400, 'invalid.request_body'],
  ['cards: broken percent-encoding in a value', { url: '/v1/cards?number=%E0%A4%A' }, 'card-inquiry', 400, 'invalid.request_body'],
  ['cards: broken percent-encoding in a name', { url: `/v1/cards?num%E0ber=1&number=${card}` }, 'card-inquiry', 400, 'invalid.request_body'],
  ['cards: a lone percent sign', { url: '/v1/cards?number=%' }, 'card-inquiry', 400, 'invalid.request_body'],
  ['ibans: a NUL byte after the IBAN', get('/v1/ibans', { value: `${iban}\u0000` }), 'iban-inquiry', 400, 'iban.not_valid'],
  ['ibans: a 1 MB value', get('/v1/ibans', { value: `IR${oneMb('1')}` }), 'iban-inquiry', 400, 'iban.not_valid'],
  ['ibans: broken percent-encoding', { url: '/v1/ibans?value=IR%E0%A4%A' }, 'iban-inquiry', 400, 'invalid.request_body'],
  ['deposits: no bank', get('/v1/deposits', { number: account.number, iban: 'true' }), 'deposit-to-iban', 400, 'bank.not_valid'],
  ['deposits: no iban flag', get('/v1/deposits', { ...account }), 'deposit-to-iban', 400, 'invalid.request_body'],
  ['deposits: bank twice', get('/v1/deposits', { ...account, bank: ['MELLI', 'SAMAN'], iban: 'true' }), 'deposit-to-iban', 400, 'invalid.request_body'],
  ['deposits: a 1 MB account number', get('/v1/deposits', { bank: 'MELLI', number: oneMb('1'), iban: 'true' }), 'deposit-to-iban', 400, 'deposit.not_valid'],
  ['matching POST: a JSON array', post(match, '[]'), 'match-card-nationalcode', 400, 'invalid.request_body'],
  ['matching POST: JSON null', post(match, 'null'), 'match-card-nationalcode', 400, 'invalid.request_body'],
  ['matching POST: numbers for the fields', post(match, '{"nationalCode":123456789,"mobileNumber":9123456789}'), 'match-nationalcode-mobile', 400, 'invalid.request_body'],
  ['matching POST: a nested object', post(match, `{"nationalCode":{"v":"0123456789"},"mobileNumber":"${mobileNumber}"}`), 'match-nationalcode-mobile', 400, 'invalid.request_body'],
  ['matching: a NUL byte after the national code', get(match, { nationalCode: `${person.nationalCode}\u0000`, mobileNumber }), 'match-nationalcode-mobile', 400, 'nationalCode.not_valid'],
  ['matching: a 1 MB name', get(match, { cardNumber: card, name: oneMb('ن') }), 'match-card-name', 400, 'invalid.request_body'],
  ['matching: broken percent-encoding', { url: `${match}?nationalCode=%E0%A4%A&mobileNumber=${mobileNumber}` }, 'match-nationalcode-mobile', 400, 'invalid.request_body'],
  ['similarity POST: a JSON array', post(sim, '[]'), 'identity-similarity', 400, 'invalid.request_body'],
  ['similarity POST: JSON null', post(sim, 'null'), 'identity-similarity', 400, 'invalid.request_body'],
  ['similarity POST: a JSON number', post(sim, '42'), 'identity-similarity', 400, 'invalid.request_body'],
  ['similarity POST: numbers for the fields', post(sim, '{"nationalCode":123456789,"birthDate":13600331,"firstName":"علی"}'), 'identity-similarity', 400, 'invalid.request_body'],
  ['similarity POST: a nested name', post(sim, `{"nationalCode":"0123456789","birthDate":"13600331","firstName":{"fa":"علی"}}`), 'identity-similarity', 400, 'invalid.request_body'],
  ['similarity: a 1 MB first name', get(sim, { ...person, firstName: oneMb('ع') }), 'identity-similarity', 400, 'invalid.request_body'],
  ['similarity: nationalCode twice', get(sim, { ...person, nationalCode: ['0123456789', '0123456789'], firstName: 'علی' }), 'identity-similarity', 400, 'invalid.request_body'],
  ['postal: no code', get('/v1/services/postal'), 'postal-code-address', 400, 'postalCode.not_valid'],
  ['postal: a NUL byte after the code', get('/v1/services/postal', { code: '1234567890\u0000' }), 'postal-code-address', 400, 'postalCode.not_valid'],
  ['postal wgs: 1 MB of digits', get('/v1/services/postal/wgs', { code: oneMb('1') }), 'postal-code-wgs', 400, 'postalCode.not_valid'],
  ['availability: no cardToIBAN', get('/v1/services/availability'), 'card-to-iban-availability', 400, 'invalid.request_body'],
  ['availability: cardToIBAN twice', get('/v1/services/availability', { cardToIBAN: ['true', 'true'] }), 'card-to-iban-availability', 400, 'invalid.request_body'],
  ['daily report: no yearMonthDay', get('/v1/reports/daily'), 'daily-report', 400, 'invalid.request_body'],
  ['daily report: yearMonthDay twice', get('/v1/reports/daily', { yearMonthDay: ['000708', '000708'] }), 'daily-report', 400, 'invalid.request_body'],
  ['daily report: a month 13', get('/v1/reports/daily', { yearMonthDay: '001301' }), 'daily-report', 400, 'invalid.request_body'],
  ['msq: a NUL byte after the national code', get('/v1/services/social/msq', { nationalCode: `${person.nationalCode}\u0000` }), 'military-service-status', 400, 'nationalCode.not_valid'],
  ['sana: a 1 MB mobile number', get('/v1/services/social/sana', { nationalCode: person.nationalCode, mobileNumber: oneMb('9') }), 'sana-status', 400, 'mobileNumber.not_valid'],
  ['corporation: a 1 MB code', get('/v1/services/corporation/identity', { code: oneMb('1') }), 'corporation-identity', 400, 'corporation_code.not_valid'],
  ['foreigners: a FIDA with dashes', get('/v1/services/foreigners/identity', { fida: '0123-456-789' }), 'foreigner-identity', 400, 'fida.not_valid'],
  ...(
    [
      ['/v1/no-such-service'], ['/v2/cards'], [`/v1/cards/${card}`], ['/V1/CARDS'], ['/'], [''], ['/v1/ca%E0rds'],
    ] as const
  ).map(([url]): Case => [`unknown path "${url}"`, { url }, null, 404, 'handler.not_found']),
  ...(
    [
      ['POST', '/v1/cards'], ['POST', '/v1/ibans'], ['POST', '/v1/deposits'], ['POST', '/v1/balances'], ['POST', '/v1/reports/daily'],
      ['POST', '/v1/services/postal'], ['POST', '/v1/services/availability'], ['POST', '/v1/services/social/msq'],
      ['PUT', '/v1/cards'], ['DELETE', '/v1/balances'], ['PATCH', gen], ['GET', gen], ['GET', ref], ['OPTIONS', '/v1/cards'],
    ] as const
  ).map(([method, url]): Case => [`${method} ${url}`, to(method, url), null, 404, 'handler.not_found']),
];

describe('malformed requests', () => {
  test.each(cases)('%s answers the documented error, costs nothing', async (_name, request, endpoint, status, code) => {
    const s = await signedIn(instance);
    const before = await walletAndUsage(s.id);
    const res = await send(s, typeof request === 'function' ? request(s) : request);
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json(res)).toEqual(endpoint === null ? noHandler : { code, message: message(endpoint, code) });
    expect(await walletAndUsage(s.id)).toEqual(before);
  });
});

describe('Persian (۰-۹) and Arabic-Indic (٠-٩) digits answer as the ASCII digits do', () => {
  const persian = (v: string) => v.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
  const arabic = (v: string) => v.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));
  const rows: [string, string, Record<string, string>][] = [
    ['card-inquiry', '/v1/cards', { number: card }],
    ['card-to-deposit', '/v1/cards', { number: card, deposit: 'true' }],
    ['card-to-iban', '/v1/cards', { number: card, iban: 'true' }],
    ['iban-inquiry', '/v1/ibans', { value: iban }],
    ['deposit-to-iban', '/v1/deposits', { ...account, iban: 'true' }],
    ['match-card-nationalcode', match, { cardNumber: card, ...person }],
    ['match-deposit-nationalcode', match, { bank: account.bank, depositNumber: account.number, ...person }],
    ['match-iban-nationalcode', match, { iban, ...person }],
    ['match-card-name', match, { cardNumber: card, name: 'علی محمدی' }],
    ['match-deposit-name', match, { bank: account.bank, depositNumber: account.number, name: 'علی محمدی' }],
    ['match-iban-name', match, { iban, name: 'علی محمدی' }],
    ['match-nationalcode-mobile', match, { nationalCode: person.nationalCode, mobileNumber }],
    ['postal-code-address', '/v1/services/postal', { code: '1234567890' }],
    ['postal-code-wgs', '/v1/services/postal/wgs', { code: '1234567890' }],
    ['identity-similarity', sim, { nationalCode: person.nationalCode, birthDate: '13600331', firstName: 'علی' }],
    ['foreigner-identity', '/v1/services/foreigners/identity', { fida: '0123456789' }],
    ['corporation-identity', '/v1/services/corporation/identity', { code: '0123456789' }],
    ['military-service-status', '/v1/services/social/msq', { nationalCode: person.nationalCode }],
    ['sana-status', '/v1/services/social/sana', { nationalCode: person.nationalCode, mobileNumber }],
  ];

  test.each(rows)('%s %s', async (endpoint, path, query) => {
    const s = await signedIn(instance);
    const convert = (f: (v: string) => string) => Object.fromEntries(Object.entries(query).map(([k, v]) => [k, f(v)]));
    const ascii = await send(s, get(path, query));
    expect(ascii.status).toBe(200);
    const expected = await json(ascii);
    for (const digits of [persian, arabic]) {
      const res = await send(s, get(path, convert(digits)));
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual(expected);
    }
    const { usedToday } = await walletAndUsage(s.id);
    expect(usedToday).toEqual({ [endpoint]: 3 });
  });

  test('daily-report with yearMonthDay in Persian and Arabic-Indic digits reports the same day', async () => {
    const s = await signedIn(instance);
    await control(instance, 'POST', `/tenants/${s.id}/clock`, { freeze: true });
    await control(instance, 'POST', `/tenants/${s.id}/clock`, { set: '2025-03-21T08:30:00Z' }); // 1404/01/01 in Tehran
    // A token issued before the clock was moved back is from the tenant's future: a new one.
    s.token = (await tokens(instance, s)).accessToken;
    expect((await send(s, get('/v1/services/postal', { code: '1234567890' }))).status).toBe(200);
    const postal = catalog.endpoints.find((e) => e.id === 'postal-code-address')!;
    const report = { report: [{ services: [{ Service: 'postal-code-address', persianName: postal.titleFa, count: 1 }] }] };
    for (const day of ['040101', '۰۴۰۱۰۱', '٠٤٠١٠١']) {
      const res = await send(s, get('/v1/reports/daily', { yearMonthDay: day }));
      expect(res.status).toBe(200);
      expect(await json(res)).toEqual(report);
    }
  });
});
