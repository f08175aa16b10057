// Daily limits: each service allows its own number of successful calls per Tehran day;
// past it the call answers 429 daily_limit.reached. Failed calls do not count, and the day
// turns at midnight Asia/Tehran on the tenant's clock, not at midnight UTC.
import { describe, expect, test } from 'vitest';
import world from '../../fixtures/world.json' with { type: 'json' };
import { catalogEndpoints } from '../../src/providers/jibit/catalog.js';
import { control, jibit, json, newTenant, sandbox, tokens } from '../helpers.js';

const instance = sandbox();

interface FixtureCard { number: string; bank: string; state?: string; type?: string; depositNumber: string; ownerNationalCode: string }
interface FixturePerson { nationalCode: string; firstName: string; lastName: string; mobile: string }
const cards = world.cards as FixtureCard[];
const demoCard = cards.find((c) => !c.state && !c.type && c.bank === 'MELLI')!;
const owner = (world.persons as FixturePerson[]).find((p) => p.nationalCode === demoCard.ownerNationalCode)!;
const lostCard = cards.find((c) => c.state === 'LOST')!;
const postal = world.postalCodes.find((p) => p.state === 'FOUND')!;
const badCard = demoCard.number.slice(0, -1) + String((Number(demoCard.number.at(-1)) + 1) % 10);

const endpoint = (id: string) => catalogEndpoints.find((e) => e.id === id)!;
const documented = (id: string, code: string) => ({ code, message: endpoint(id).errors.find((e) => e.code === code)!.messageFa });
const limitReached = (id: string) => documented(id, 'daily_limit.reached');

const cardAnswer = {
  number: demoCard.number,
  cardInfo: { bank: demoCard.bank, type: 'DEBIT', ownerName: `${owner.firstName} ${owner.lastName}`, depositNumber: demoCard.depositNumber },
};
const depositAnswer = { number: demoCard.number, type: 'DEBIT', depositInfo: { bank: demoCard.bank, depositNumber: demoCard.depositNumber } };
const wgsAnswer = { code: postal.code, wgsInfo: { postalCode: postal.code, latitude: postal.latitude, longitude: postal.longitude } };

const card = (token: string, number = demoCard.number, headers: Record<string, string> = {}) =>
  jibit(instance, '/v1/cards', { query: { number }, token, headers });
const cardToDeposit = (token: string) => jibit(instance, '/v1/cards', { query: { number: demoCard.number, deposit: 'true' }, token });
const wgs = (token: string) => jibit(instance, '/v1/services/postal/wgs', { query: { code: postal.code }, token });

async function expectAnswer(res: Response, status: number, body: unknown) {
  expect({ status: res.status, type: res.headers.get('content-type'), body: await json(res) }).toEqual({ status, type: 'application/json', body });
}

async function clock(id: string, command: Record<string, unknown>) {
  const res = await control(instance, 'POST', `/tenants/${id}/clock`, command);
  expect(res.status).toBe(200);
  return json(res);
}

async function patch(id: string, body: Record<string, unknown>) {
  expect((await control(instance, 'PATCH', `/tenants/${id}/jibit`, body)).status).toBe(200);
}

const shown = async (id: string) => {
  const view = (await json(await control(instance, 'GET', `/tenants/${id}`))) as {
    clock: { tehranDay: string };
    jibit: { balances: { PRF: number }; dailyLimits: Record<string, number>; usedToday: Record<string, number> };
  };
  return { tehranDay: view.clock.tehranDay, PRF: view.jibit.balances.PRF, usedToday: view.jibit.usedToday };
};

const expectReport = async (token: string, yearMonthDay: string, services: [string, number][]) =>
  expectAnswer(await jibit(instance, '/v1/reports/daily', { query: { yearMonthDay }, token }), 200, {
    report: [{ services: services.map(([id, count]) => ({ Service: id, persianName: endpoint(id).titleFa, count })) }],
  });

/** A tenant of its own with a frozen clock at `at` (default: 2026-03-25T08:00:00Z, Jalali 1405/01/05). */
async function session(jibitOverrides: Record<string, unknown> = {}, at = '2026-03-25T08:00:00Z') {
  const creds = await newTenant(instance, { jibit: jibitOverrides });
  await clock(creds.id, { freeze: true });
  await clock(creds.id, { set: at });
  const pair = await tokens(instance, creds);
  return { ...creds, token: pair.accessToken };
}

describe('a daily limit per service', () => {
  test("with dailyLimits {'card-inquiry': 2}, GET /v1/cards answers 200 twice, then 429 daily_limit.reached without charging", async () => {
    const s = await session({ dailyLimits: { 'card-inquiry': 2 }, prices: { 'card-inquiry': 1_000 }, balances: { PRF: 10_000 } });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
    expect(await shown(s.id)).toEqual({ tehranDay: '14050105', PRF: 8_000, usedToday: { 'card-inquiry': 2 } });
    await expectReport(s.token, '050105', [['card-inquiry', 2]]);
  });

  test('when card-inquiry is spent, card-to-deposit on the same path and postal-code-wgs still answer 200', async () => {
    const s = await session({ dailyLimits: { 'card-inquiry': 1 } });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
    await expectAnswer(await cardToDeposit(s.token), 200, depositAnswer);
    await expectAnswer(await wgs(s.token), 200, wgsAnswer);
    expect((await shown(s.id)).usedToday).toEqual({ 'card-inquiry': 1, 'card-to-deposit': 1, 'postal-code-wgs': 1 });
  });

  test('GET and POST /v1/services/matching share one limit for the same service', async () => {
    const s = await session({ dailyLimits: { 'match-nationalcode-mobile': 1 } });
    const fields = { nationalCode: owner.nationalCode, mobileNumber: owner.mobile };
    await expectAnswer(await jibit(instance, '/v1/services/matching', { query: fields, token: s.token }), 200, { matched: true });
    await expectAnswer(
      await jibit(instance, '/v1/services/matching', { method: 'POST', body: fields, token: s.token }),
      429,
      limitReached('match-nationalcode-mobile'),
    );
  });

  test('failed calls, including a forced daily_limit.reached, do not count towards the limit', async () => {
    const s = await session({ dailyLimits: { 'card-inquiry': 2 } });
    await expectAnswer(await card(s.token, lostCard.number), 422, documented('card-inquiry', 'card.registered_as_lost'));
    await expectAnswer(await card(s.token, badCard), 400, documented('card-inquiry', 'card.not_valid'));
    await expectAnswer(await card(s.token, demoCard.number, { 'X-Sandbox-Error': 'server.error' }), 500, documented('card-inquiry', 'server.error'));
    await expectAnswer(await card(s.token, demoCard.number, { 'X-Sandbox-Error': 'daily_limit.reached' }), 429, limitReached('card-inquiry'));
    expect((await shown(s.id)).usedToday).toEqual({});
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
  });

  test('a limit of 0 refuses the first call with 429, charging and counting nothing', async () => {
    const s = await session({ dailyLimits: { 'card-inquiry': 0 }, balances: { PRF: 50_000 } });
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
    expect(await shown(s.id)).toEqual({ tehranDay: '14050105', PRF: 50_000, usedToday: {} });
  });

  test('the limit wins over an empty wallet: a spent service answers 429, not 402', async () => {
    const s = await session({ dailyLimits: { 'card-inquiry': 0 }, balances: { PRF: 0 } });
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
  });

  test('PATCH raising the limit allows more calls the same day; lowering it below the day’s use refuses at once', async () => {
    const s = await session({ dailyLimits: { 'card-inquiry': 1 } });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
    await patch(s.id, { dailyLimits: { 'card-inquiry': 3 } });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await patch(s.id, { dailyLimits: { 'card-inquiry': 1 } });
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
    expect((await shown(s.id)).usedToday).toEqual({ 'card-inquiry': 2 });
  });
});

describe('the limit day is the Tehran day on the tenant clock', () => {
  test('spent at 23:59:59 Tehran (2026-03-24T20:29:59Z), GET /v1/cards answers 200 again one second later', async () => {
    const s = await session({ dailyLimits: { 'card-inquiry': 2 } }, '2026-03-24T20:29:59Z');
    expect((await shown(s.id)).tehranDay).toBe('14050104');
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));

    expect(await clock(s.id, { advanceSeconds: 1 })).toEqual({ now: '2026-03-24T20:30:00.000Z', frozen: true, tehranDay: '14050105' });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    expect((await shown(s.id)).usedToday).toEqual({ 'card-inquiry': 1 });
    await expectReport(s.token, '050104', [['card-inquiry', 2]]);
    await expectReport(s.token, '050105', [['card-inquiry', 1]]);
  });

  test('spent at 2026-03-24T21:00:00Z, still refused at 23:59 UTC; allowed again at 20:30:00Z the next UTC day', async () => {
    const s = await session({ dailyLimits: { 'card-inquiry': 1 }, prices: { 'card-inquiry': 1_000 }, balances: { PRF: 10_000 } }, '2026-03-24T21:00:00Z');
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));

    await clock(s.id, { set: '2026-03-24T23:59:00Z' });
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
    await clock(s.id, { set: '2026-03-25T00:00:01Z' });
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
    await clock(s.id, { set: '2026-03-25T20:29:59Z' });
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
    await clock(s.id, { set: '2026-03-25T20:30:00Z' });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    expect(await shown(s.id)).toEqual({ tehranDay: '14050106', PRF: 8_000, usedToday: { 'card-inquiry': 1 } });
  });

  test('moving the clock back to a spent day refuses again: usage is kept per Tehran day', async () => {
    const s = await session({ dailyLimits: { 'card-inquiry': 1 } });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    // 11:30 Tehran + 13 h = 00:30 the next Tehran day (and within the token's 24 h).
    await clock(s.id, { advanceSeconds: 13 * 3600 });
    await expectAnswer(await card(s.token), 200, cardAnswer);
    await clock(s.id, { advanceSeconds: -13 * 3600 });
    await expectAnswer(await card(s.token), 429, limitReached('card-inquiry'));
  });
});
