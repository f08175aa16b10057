// Success answers about the account and the service itself: card-to-IBAN availability per
// bank, wallet balances and the daily usage report (spec/jibit.md §2.7, §2.23, §2.24).
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { control, jibit, json, newTenant, sandbox, tokens } from '../../helpers.js';
import { withLuhnDigit } from './numbers.js';

const catalog = JSON.parse(readFileSync(new URL('../../../src/providers/jibit/catalog.json', import.meta.url), 'utf8')) as {
  endpoints: { id: string; titleFa: string; errors: { code: string; messageFa: string }[] }[];
};
const fx = JSON.parse(readFileSync(new URL('../../../fixtures/world.json', import.meta.url), 'utf8')) as {
  cards: { number: string; bank: string; state?: string; type?: string }[];
};

/** The bank identifiers of the document (§4), UNKNOWN aside. */
const documentBanks = [
  'MARKAZI', 'SANAT_VA_MADAN', 'MELLAT', 'REFAH', 'MASKAN', 'SEPAH', 'KESHAVARZI', 'MELLI', 'TEJARAT', 'SADERAT',
  'TOSEAH_SADERAT', 'POST', 'TOSEAH_TAAVON', 'KARAFARIN', 'PARSIAN', 'EGHTESAD_NOVIN', 'SAMAN', 'PASARGAD', 'SARMAYEH',
  'SINA', 'MEHR_IRAN', 'SHAHR', 'AYANDEH', 'GARDESHGARI', 'DAY', 'IRANZAMIN', 'RESALAT', 'MELAL', 'KHAVARMIANEH', 'NOOR',
  'IRAN_VENEZUELA',
];
/** KHAVARMIANEH is the fixtures' bank without card to IBAN; the central bank issues no cards. */
const unavailable = new Set(['KHAVARMIANEH', 'MARKAZI']);
const titleFa = (id: string) => catalog.endpoints.find((e) => e.id === id)!.titleFa;
const demoCard = fx.cards.find((c) => (c.state ?? 'ACTIVE') === 'ACTIVE' && (c.type ?? 'DEBIT') === 'DEBIT')!.number;
/** The demo card with its check digit changed: well formed, never valid (card.not_valid, free). */
const brokenCard = demoCard.slice(0, -1) + String((Number(demoCard.at(-1)) + 1) % 10);


const instance = sandbox();

/** A tenant of its own, its clock set to `at` and frozen when given, and a token. */
async function tenantAt(at?: string, overrides: Record<string, unknown> = {}) {
  const creds = await newTenant(instance, overrides);
  if (at) {
    for (const command of [{ set: at }, { freeze: true }]) {
      expect((await control(instance, 'POST', `/tenants/${creds.id}/clock`, command)).status).toBe(200);
    }
  }
  return { ...creds, token: (await tokens(instance, creds)).accessToken };
}

async function call(token: string, path: string, query: Record<string, string> = {}) {
  const trackId = randomUUID();
  const res = await jibit(instance, path, { query, token, headers: { 'X-TRACK-ID': trackId } });
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(res.headers.get('x-track-id')).toBe(trackId);
  return { status: res.status, body: await json(res) };
}

describe('card-to-IBAN availability', () => {
  test('GET /v1/services/availability?cardToIBAN=true answers every document bank, keyed by identifier', async () => {
    const { token } = await tenantAt();
    const report = Object.fromEntries(documentBanks.map((b) => [b, unavailable.has(b) ? 'NOT_AVAILABLE' : 'AVAILABLE']));
    expect(await call(token, '/v1/services/availability', { cardToIBAN: 'true' })).toEqual({ status: 200, body: { availabilityReport: report } });
  });

  // What the report says is what card to IBAN does, for unstored cards at public issuer prefixes.
  test.each([
    ['610433', 'MELLAT'],
    ['589210', 'SEPAH'],
    ['627353', 'TEJARAT'],
    ['585947', 'KHAVARMIANEH'],
  ])('card to IBAN of a card at issuer prefix %s follows the report for %s', async (prefix, bank) => {
    const { token } = await tenantAt();
    const { body } = await call(token, '/v1/services/availability', { cardToIBAN: 'true' });
    const number = withLuhnDigit(`${prefix}111122223`);
    const answer = await call(token, '/v1/cards', { number, iban: 'true' });
    if ((body as { availabilityReport: Record<string, string> }).availabilityReport[bank] === 'AVAILABLE') {
      expect(answer).toEqual({ status: 200, body: { number, type: 'DEBIT', ibanInfo: expect.objectContaining({ bank }) } });
    } else {
      const message = catalog.endpoints.find((e) => e.id === 'card-to-iban')!.errors.find((e) => e.code === 'providers.not_available')!.messageFa;
      expect(answer).toEqual({ status: 503, body: { code: 'providers.not_available', message } });
    }
  });
});

describe('balances', () => {
  const wallets = (prf: number, pof: number) => ({
    balances: [
      { balanceType: 'PRF', currency: 'IRR', amount: prf },
      { balanceType: 'POF', currency: 'IRR', amount: pof },
    ],
  });

  test('GET /v1/balances answers the prepaid and postpaid wallets the tenant was given', async () => {
    const { token } = await tenantAt(undefined, { jibit: { balances: { PRF: 1_000_000, POF: 250_000 } } });
    expect(await call(token, '/v1/balances')).toEqual({ status: 200, body: wallets(1_000_000, 250_000) });
  });

  test('GET /v1/balances after one successful and one failed card inquiry shows one charge', async () => {
    const { token } = await tenantAt(undefined, { jibit: { balances: { PRF: 1_000_000 }, prices: { 'card-inquiry': 15_000 } } });
    expect((await call(token, '/v1/cards', { number: demoCard })).status).toBe(200);
    expect((await call(token, '/v1/cards', { number: brokenCard })).status).toBe(400);
    expect(await call(token, '/v1/balances')).toEqual({ status: 200, body: wallets(985_000, 0) });
  });
});

describe('daily report', () => {
  // 1400/07/08, the document's example day, is 2021-09-30; Tehran was at +03:30 then.
  const service = (id: string, count: number) => ({ Service: id, persianName: titleFa(id), count });

  test('GET /v1/reports/daily?yearMonthDay=000708 counts the successful billable calls of that Tehran day', async () => {
    const { token } = await tenantAt('2021-09-30T08:00:00Z');
    for (const query of [{ number: demoCard }, { number: demoCard }, { number: demoCard, deposit: 'true' }] as Record<string, string>[]) {
      expect((await call(token, '/v1/cards', query)).status).toBe(200);
    }
    expect((await call(token, '/v1/cards', { number: brokenCard })).status).toBe(400);
    expect((await call(token, '/v1/balances')).status).toBe(200);
    expect(await call(token, '/v1/reports/daily', { yearMonthDay: '000708' })).toEqual({
      status: 200,
      body: { report: [{ services: [service('card-inquiry', 2), service('card-to-deposit', 1)] }] },
    });
  });

  test('GET /v1/reports/daily for a day without calls answers one report with no services', async () => {
    const { token } = await tenantAt('2021-09-30T08:00:00Z');
    expect((await call(token, '/v1/cards', { number: demoCard })).status).toBe(200);
    expect(await call(token, '/v1/reports/daily', { yearMonthDay: '000707' })).toEqual({ status: 200, body: { report: [{ services: [] }] } });
  });

  test('calls on either side of Tehran midnight land on their own Jalali days', async () => {
    const { id, token } = await tenantAt('2021-09-30T20:29:59Z');
    expect((await call(token, '/v1/cards', { number: demoCard })).status).toBe(200);
    expect((await control(instance, 'POST', `/tenants/${id}/clock`, { advanceSeconds: 2 })).status).toBe(200);
    expect((await call(token, '/v1/cards', { number: demoCard, deposit: 'true' })).status).toBe(200);
    expect((await call(token, '/v1/reports/daily', { yearMonthDay: '000708' })).body).toEqual({ report: [{ services: [service('card-inquiry', 1)] }] });
    expect((await call(token, '/v1/reports/daily', { yearMonthDay: '000709' })).body).toEqual({ report: [{ services: [service('card-to-deposit', 1)] }] });
  });
});
