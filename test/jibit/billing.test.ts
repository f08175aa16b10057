// Charges: a Jibit call costs its service price only when it succeeds, every error is free,
// and GET /v1/balances and GET /v1/reports/daily show exactly what was charged and counted.
import { describe, expect, test } from 'vitest';
import world from '../../fixtures/world.json' with { type: 'json' };
import { catalogEndpoints } from '../../src/providers/jibit/catalog.js';
import { control, jibit, json, newTenant, sandbox, tokens, type CallOptions } from '../helpers.js';

const instance = sandbox();

interface FixtureCard { number: string; bank: string; state?: string; type?: string; depositNumber: string; ownerNationalCode: string }
interface FixturePerson { nationalCode: string; firstName: string; lastName: string; birthDate: string; registry?: string; blackListed?: boolean }
const cards = world.cards as FixtureCard[];
const persons = world.persons as FixturePerson[];
const demoCard = cards.find((c) => !c.state && !c.type && c.bank === 'MELLI')!;
const owner = persons.find((p) => p.nationalCode === demoCard.ownerNationalCode)!;
const stranger = persons.find((p) => !p.registry && !p.blackListed && p.nationalCode !== owner.nationalCode)!;
const unregistered = persons.find((p) => p.registry === 'NOT_FOUND')!;
const lostCard = cards.find((c) => c.state === 'LOST')!;
const postal = world.postalCodes.find((p) => p.state === 'FOUND')!;
const unknownPostal = world.postalCodes.find((p) => p.state === 'NOT_FOUND')!;
/** Same digits, check digit changed: well formed, never valid. */
const badCard = demoCard.number.slice(0, -1) + String((Number(demoCard.number.at(-1)) + 1) % 10);

const endpoint = (id: string) => catalogEndpoints.find((e) => e.id === id)!;
const documented = (id: string, code: string) => ({ code, message: endpoint(id).errors.find((e) => e.code === code)!.messageFa });
const notEnough = { code: 'balance.not_enough', message: 'موجودی کیف پول برای فراخوانی این سرویس کافی نیست' };

const cardAnswer = {
  number: demoCard.number,
  cardInfo: { bank: demoCard.bank, type: 'DEBIT', ownerName: `${owner.firstName} ${owner.lastName}`, depositNumber: demoCard.depositNumber },
};
const wgsAnswer = { code: postal.code, wgsInfo: { postalCode: postal.code, latitude: postal.latitude, longitude: postal.longitude } };

const card = (token: string, number = demoCard.number, headers: Record<string, string> = {}) =>
  jibit(instance, '/v1/cards', { query: { number }, token, headers });
const wgs = (token: string, code = postal.code, headers: Record<string, string> = {}) =>
  jibit(instance, '/v1/services/postal/wgs', { query: { code }, token, headers });
const matchName = (token: string) =>
  jibit(instance, '/v1/services/matching', { query: { cardNumber: demoCard.number, name: `${owner.firstName} ${owner.lastName}` }, token });
const matchCard = (token: string, person: FixturePerson, headers: Record<string, string> = {}) =>
  jibit(instance, '/v1/services/matching', {
    query: { cardNumber: demoCard.number, nationalCode: person.nationalCode, birthDate: person.birthDate },
    token,
    headers,
  });

async function expectAnswer(res: Response, status: number, body: unknown) {
  expect({ status: res.status, type: res.headers.get('content-type'), body: await json(res) }).toEqual({ status, type: 'application/json', body });
}

const balancesBody = (PRF: number, POF: number) => ({
  balances: [
    { balanceType: 'PRF', currency: 'IRR', amount: PRF },
    { balanceType: 'POF', currency: 'IRR', amount: POF },
  ],
});
const expectBalances = async (token: string, PRF: number, POF: number) =>
  expectAnswer(await jibit(instance, '/v1/balances', { token }), 200, balancesBody(PRF, POF));

const service = (id: string, count: number) => ({ Service: id, persianName: endpoint(id).titleFa, count });
const expectReport = async (token: string, yearMonthDay: string, ...services: ReturnType<typeof service>[]) =>
  expectAnswer(await jibit(instance, '/v1/reports/daily', { query: { yearMonthDay }, token }), 200, { report: [{ services }] });

async function clock(id: string, command: Record<string, unknown>) {
  const res = await control(instance, 'POST', `/tenants/${id}/clock`, command);
  if (res.status !== 200) throw new Error(`clock ${JSON.stringify(command)}: ${res.status} ${await res.text()}`);
}

async function patch(id: string, body: Record<string, unknown>) {
  const res = await control(instance, 'PATCH', `/tenants/${id}/jibit`, body);
  if (res.status !== 200) throw new Error(`PATCH ${JSON.stringify(body)}: ${res.status} ${await res.text()}`);
}

const view = async (id: string) => (await json(await control(instance, 'GET', `/tenants/${id}`))) as {
  jibit: { balances: { PRF: number; POF: number }; prices: Record<string, number>; usedToday: Record<string, number> };
};

/** A tenant of its own whose clock stands at `at` (2026-03-25T08:00:00Z is Jalali 1405/01/05 in Tehran). */
async function session(jibitOverrides: Record<string, unknown> = {}, at = '2026-03-25T08:00:00Z') {
  const creds = await newTenant(instance, { jibit: jibitOverrides });
  await clock(creds.id, { freeze: true });
  await clock(creds.id, { set: at });
  const pair = await tokens(instance, creds);
  return { ...creds, ...pair, token: pair.accessToken };
}

describe('a successful call is charged its price', () => {
  test('GET /v1/cards answers the card twice and GET /v1/balances shows PRF down by two card-inquiry prices', async () => {
    const s = await session({ prices: { 'card-inquiry': 1_500 }, balances: { PRF: 10_000, POF: 0 } });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectBalances(s.token, 7_000, 0);
  });

  test('GET /v1/services/matching answering {matched: false} is a success: charged and counted', async () => {
    const s = await session({ prices: { 'match-card-nationalcode': 4_000 }, balances: { PRF: 10_000 } });
    await expectAnswer(await matchCard(s.token, stranger), 200, { matched: false });
    await expectBalances(s.token, 6_000, 0);
    await expectReport(s.token, '050105', service('match-card-nationalcode', 1));
  });

  test('each call costs the price GET /_sandbox/tenants/{id} shows for its service', async () => {
    const s = await session();
    const before = await view(s.id);
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await wgs(s.token), 200, wgsAnswer);
    const { prices, balances } = before.jibit;
    await expectBalances(s.token, balances.PRF - prices['card-inquiry']! - prices['postal-code-wgs']!, balances.POF);
  });
});

describe('errors are free', () => {
  type Send = (token: string) => Promise<Response>;
  const rows: [string, Record<string, unknown>, Send, number, unknown][] = [
    ['card.is_required (no number)', {}, (t) => jibit(instance, '/v1/cards', { token: t }), 400, documented('card-inquiry', 'card.is_required')],
    ['card.not_valid (wrong check digit)', {}, (t) => card(t, badCard), 400, documented('card-inquiry', 'card.not_valid')],
    ['card.registered_as_lost', {}, (t) => card(t, lostCard.number), 422, documented('card-inquiry', 'card.registered_as_lost')],
    ['identity_info.not_found on matching', {}, (t) => matchCard(t, unregistered), 404, documented('match-card-nationalcode', 'identity_info.not_found')],
    ['postalCode.not_found', {}, (t) => wgs(t, unknownPostal.code), 404, documented('postal-code-wgs', 'postalCode.not_found')],
    ['X-Sandbox-Error: server.error', {}, (t) => card(t, demoCard.number, { 'X-Sandbox-Error': 'server.error' }), 500, documented('card-inquiry', 'server.error')],
    ['X-Sandbox-Error: daily_limit.reached', {}, (t) => wgs(t, postal.code, { 'X-Sandbox-Error': 'daily_limit.reached' }), 429, documented('postal-code-wgs', 'daily_limit.reached')],
    ['daily_limit.reached (limit 0)', { dailyLimits: { 'card-inquiry': 0 } }, (t) => card(t), 429, documented('card-inquiry', 'daily_limit.reached')],
    ['balance.not_enough (price above the balance)', { prices: { 'card-inquiry': 5_001 } }, (t) => card(t), 402, notEnough],
  ];

  test.each(rows)('a call answering %s leaves the balance, usedToday and the daily report untouched', async (_label, overrides, send, status, body) => {
    const s = await session({ prices: { 'card-inquiry': 1_000, 'match-card-nationalcode': 1_000, 'postal-code-wgs': 1_000 }, balances: { PRF: 5_000, POF: 0 }, ...overrides });
    await expectAnswer(await send(s.token), status, body);
    await expectBalances(s.token, 5_000, 0);
    await expectReport(s.token, '050105');
    expect((await view(s.id)).jibit.usedToday).toEqual({});
  });
});

describe('balances and the daily report after a mix of calls', () => {
  test('GET /v1/balances and GET /v1/reports/daily count exactly the successes, in catalog order', async () => {
    const s = await session({
      prices: { 'card-inquiry': 1_500, 'match-card-nationalcode': 4_000, 'match-card-name': 3_000, 'postal-code-wgs': 700 },
      balances: { PRF: 100_000, POF: 0 },
    });
    const lost = documented('card-inquiry', 'card.registered_as_lost');
    await expectAnswer(await wgs(s.token), 200, wgsAnswer);
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token, lostCard.number), 422, lost);
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await matchName(s.token), 200, { matched: true });
    await expectAnswer(await matchCard(s.token, stranger), 200, { matched: false });
    await expectAnswer(await matchCard(s.token, owner, { 'X-Sandbox-Error': 'server.error' }), 500, documented('match-card-nationalcode', 'server.error'));
    await expectAnswer(await wgs(s.token), 200, wgsAnswer);
    await expectAnswer(await card(s.token, badCard), 400, documented('card-inquiry', 'card.not_valid'));
    await expectAnswer(await wgs(s.token, unknownPostal.code), 404, documented('postal-code-wgs', 'postalCode.not_found'));
    await expectAnswer(await card(s.token), 200, cardAnswer);

    await expectBalances(s.token, 100_000 - 3 * 1_500 - 4_000 - 3_000 - 2 * 700, 0);
    // Catalog order, which is not alphabetical: match-card-nationalcode comes before match-card-name.
    const services = [service('card-inquiry', 3), service('match-card-nationalcode', 1), service('match-card-name', 1), service('postal-code-wgs', 2)];
    await expectReport(s.token, '050105', ...services);
    await expectReport(s.token, '050104');
    await expectReport(s.token, '050106');
    const shown = (await view(s.id)).jibit;
    expect({ balances: shown.balances, usedToday: shown.usedToday }).toEqual({
      balances: { PRF: 87_100, POF: 0 },
      usedToday: { 'card-inquiry': 3, 'match-card-nationalcode': 1, 'match-card-name': 1, 'postal-code-wgs': 2 },
    });
  });

  test('a call at 00:15 Tehran time (20:45Z the day before) is reported on the Tehran day, not the UTC day', async () => {
    const s = await session({}, '2026-03-24T20:45:00Z');
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectReport(s.token, '050105', service('card-inquiry', 1));
    await expectReport(s.token, '050104');
  });
});

describe('prepaid wallet', () => {
  test('with PRF set to 0 by PATCH, GET /v1/cards answers 402 balance.not_enough and nothing is charged or counted', async () => {
    const s = await session();
    await patch(s.id, { balances: { PRF: 0 } });
    await expectAnswer(await card(s.token), 402, notEnough);
    await expectBalances(s.token, 0, 0);
    await expectReport(s.token, '050105');
  });

  test('a price one Rial above PRF is refused; a price equal to PRF is served and empties the wallet', async () => {
    const s = await session({ prices: { 'card-inquiry': 3_000 }, balances: { PRF: 2_999 } });
    await expectAnswer(await card(s.token), 402, notEnough);
    await expectBalances(s.token, 2_999, 0);
    await patch(s.id, { balances: { PRF: 3_000 } });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 402, notEnough);
    await expectBalances(s.token, 0, 0);
    await expectReport(s.token, '050105', service('card-inquiry', 1));
  });

  test('a wallet too short for one service still pays for a cheaper one', async () => {
    const s = await session({ prices: { 'card-inquiry': 1_500, 'postal-code-wgs': 700 }, balances: { PRF: 1_000 } });
    await expectAnswer(await card(s.token), 402, notEnough);
    await expectAnswer(await wgs(s.token), 200, wgsAnswer);
    await expectBalances(s.token, 300, 0);
  });
});

describe('postpaid billing and free services', () => {
  test("PATCH billing 'postpaid' debits POF below zero, leaves PRF alone and never refuses", async () => {
    const s = await session({ prices: { 'card-inquiry': 1_500 }, balances: { PRF: 0, POF: 0 } });
    await patch(s.id, { billing: 'postpaid' });
    for (let i = 0; i < 5; i++) await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectBalances(s.token, 0, -7_500);
    await expectReport(s.token, '050105', service('card-inquiry', 5));
    await patch(s.id, { billing: 'prepaid' });
    await expectAnswer(await card(s.token), 402, notEnough);
  });

  test('a service priced 0 is served and counted with PRF at 0, and no balance moves', async () => {
    const s = await session({ prices: { 'card-inquiry': 0 }, balances: { PRF: 0, POF: 0 } });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectBalances(s.token, 0, 0);
    await expectReport(s.token, '050105', service('card-inquiry', 2));
  });

  test('tokens, balances, the daily report and availability answer 200 with PRF at 0 and are never charged or counted', async () => {
    const s = await session({ balances: { PRF: 0, POF: 0 } });
    const pair = { accessToken: expect.any(String), refreshToken: expect.any(String) };
    const unbilled: [string, CallOptions, unknown][] = [
      ['/v1/tokens/generate', { method: 'POST', body: { apiKey: s.apiKey, secretKey: s.secretKey } }, pair],
      ['/v1/tokens/refresh', { method: 'POST', body: { accessToken: s.accessToken, refreshToken: s.refreshToken } }, pair],
      ['/v1/balances', { token: s.token }, balancesBody(0, 0)],
      ['/v1/reports/daily', { query: { yearMonthDay: '050105' }, token: s.token }, { report: [{ services: [] }] }],
      ['/v1/services/availability', { query: { cardToIBAN: 'true' }, token: s.token }, { availabilityReport: expect.objectContaining({ MELLI: 'AVAILABLE', KHAVARMIANEH: 'NOT_AVAILABLE' }) }],
    ];
    for (const billing of ['prepaid', 'postpaid']) {
      await patch(s.id, { billing });
      for (const [path, options, body] of unbilled) await expectAnswer(await jibit(instance, path, options), 200, body);
    }
    const shown = (await view(s.id)).jibit;
    expect({ balances: shown.balances, usedToday: shown.usedToday }).toEqual({ balances: { PRF: 0, POF: 0 }, usedToday: {} });
  });
});
