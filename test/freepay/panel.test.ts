// The merchant panel API and daily settlement on business days (not Fridays, not holidays),
// run by the tenant clock.
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { freepayCodes } from '../../src/providers/freepay/catalog.js';
import { holidayName, isBusinessDay } from '../../src/providers/freepay/business-days.js';

const app = sandbox();
afterAll(() => app.close());

type Merchant = { id: string; api: string };
const panel = (m: Merchant, path: string) => app.app.request(`/freepay/panel${path}`, { headers: { Authorization: `Bearer ${m.api}` } });
/** The tenant's clock, frozen at `at`. */
const setClock = async (m: Merchant, at: string) => {
  await control(app, 'POST', `/tenants/${m.id}/clock`, { freeze: true });
  return control(app, 'POST', `/tenants/${m.id}/clock`, { set: at });
};

async function payment(m: Merchant, amount: number, card: string | null, extra: Record<string, string> = {}) {
  const { authority } = (await json(await freepayForm(app, '/payment/request', { api: m.api, amount: String(amount), callback: 'http://localhost/back', ...extra }))) as { authority: string };
  if (card) await control(app, 'POST', `/tenants/${m.id}/freepay/payments/${authority}/pay`, { card });
  return authority;
}
const verify = (m: Merchant, authority: string, amount: number) => freepayForm(app, '/payment/verify', { api: m.api, authority, amount: String(amount) });
const balance = async (m: Merchant) => ((await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: { balances: { FREEPAY: number } } }).freepay.balances.FREEPAY;
const settlements = async (m: Merchant) => ((await json(await panel(m, '/settlements'))) as { settlements: { id: string; day: string; amount: number; payments: number; at: { iso: string; jalali: string }; iban: string }[] }).settlements;

describe('GET /freepay/panel/transactions', () => {
  it('lists the merchant’s transactions newest first, filtered and paged, with Jalali and ISO times', async () => {
    const m = await merchant(app);
    await setClock(m, '2026-11-23T10:00:00+03:30');
    const paid = await payment(m, 150_000, '6037990000010013', { order_id: 'A-1' });
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 60 });
    const failed = await payment(m, 90_000, '6104330000020027', { order_id: 'A-2' });
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 60 });
    const pending = await payment(m, 20_000, null);
    const other = await merchant(app);
    await payment(other, 150_000, '6037990000010013');

    const all = (await json(await panel(m, '/transactions'))) as { status: number; total: number; page: number; per_page: number; transactions: { authority: string; status: string }[] };
    expect({ ...all, transactions: all.transactions.map((t) => [t.authority, t.status]) }).toEqual({
      status: 1,
      page: 1,
      per_page: 20,
      total: 3,
      transactions: [[pending, 'pending'], [failed, 'failed'], [paid, 'paid']],
    });
    const first = (await json(await panel(m, `/transactions?authority=${paid}`))) as { transactions: unknown[] };
    expect(first.transactions).toEqual([
      {
        authority: paid,
        status: 'paid',
        amount: 150000,
        order_id: 'A-1',
        card_pan: '603799******0013',
        ref_id: expect.stringMatching(/^\d{12}$/),
        created_at: { iso: '2026-11-23T06:30:00.000Z', jalali: '1405/09/02 10:00:00' },
        paid_at: { iso: '2026-11-23T06:30:00.000Z', jalali: '1405/09/02 10:00:00' },
      },
    ]);
    const pick = async (query: string) => ((await json(await panel(m, `/transactions?${query}`))) as { transactions: { authority: string }[] }).transactions.map((t) => t.authority);
    expect(await pick('status=failed')).toEqual([failed]);
    expect(await pick('card=0027')).toEqual([failed]);
    expect(await pick('amount=20000')).toEqual([pending]);
    expect(await pick('min_amount=50000&max_amount=100000')).toEqual([failed]);
    expect(await pick('order_id=A-1')).toEqual([paid]);
    expect(await pick('from=1405/09/02&to=1405/09/02')).toEqual([pending, failed, paid]);
    expect(await pick('from=۱۴۰۵/۰۹/۰۳')).toEqual([]);
    expect(await pick('to=2026-11-22')).toEqual([]);
    expect(await pick('from=2026-11-23T06:31:00Z')).toEqual([pending, failed]);
    expect(await pick('per_page=2&page=2')).toEqual([paid]);
  });

  it.each([
    ['status=lost', 'status'],
    ['from=1405/13/01', 'from'],
    ['to=yesterday', 'to'],
    ['card=12', 'card'],
    ['per_page=101', 'per_page'],
    ['page=0', 'page'],
  ])('answers -1 for %s', async (query, field) => {
    const m = await merchant(app);
    const res = await panel(m, `/transactions?${query}`);
    expect({ status: res.status, body: await json(res) }).toEqual({ status: 400, body: { status: -1, message: `${freepayCodes.invalidInput.message} (${field})` } });
  });

  it('answers -2 without the merchant’s key', async () => {
    const res = await app.app.request('/freepay/panel/transactions');
    expect({ status: res.status, body: await json(res) }).toEqual({ status: 401, body: { status: -2, message: freepayCodes.invalidApiKey.message } });
  });
});

describe('GET /freepay/panel/transactions/{authority}', () => {
  it('shows one transaction with its status history; another merchant’s is unknown', async () => {
    const m = await merchant(app);
    await setClock(m, '2026-11-23T10:00:00+03:30');
    const authority = await payment(m, 150_000, '6037990000010013');
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 30 });
    await verify(m, authority, 150_000);
    const res = await panel(m, `/transactions/${authority}`);
    const body = (await json(res)) as { transaction: Record<string, unknown> };
    expect(res.status).toBe(200);
    expect(body.transaction).toMatchObject({
      authority,
      status: 'verified',
      amount: 150000,
      card_pan: '603799******0013',
      failure: null,
      expires_at: { iso: '2026-11-23T06:45:00.000Z', jalali: '1405/09/02 10:15:00' },
      verified_at: { iso: '2026-11-23T06:30:30.000Z', jalali: '1405/09/02 10:00:30' },
      settlement_id: null,
      history: [
        { status: 'pending', at: { iso: '2026-11-23T06:30:00.000Z', jalali: '1405/09/02 10:00:00' } },
        { status: 'paid', at: { iso: '2026-11-23T06:30:00.000Z', jalali: '1405/09/02 10:00:00' } },
        { status: 'verified', at: { iso: '2026-11-23T06:30:30.000Z', jalali: '1405/09/02 10:00:30' } },
      ],
    });
    const other = await merchant(app);
    const refused = await panel(other, `/transactions/${authority}`);
    expect({ status: refused.status, body: await json(refused) }).toEqual({ status: 404, body: { status: -7, message: freepayCodes.unknownAuthority.message } });
  });
});

describe('settlement', () => {
  it('holiday data: Fridays and official holidays are not business days', () => {
    expect(isBusinessDay('14050906')).toBe(false); // a Friday
    expect(holidayName('14050101')).toContain('نوروز');
    expect(isBusinessDay('14051001')).toBe(false);
    expect(isBusinessDay('14050907')).toBe(true);
  });

  it('skips a Friday: a payment verified on Thursday is settled at 10:00 on Saturday, once', async () => {
    const m = await merchant(app);
    await setClock(m, '2026-11-26T12:00:00+03:30'); // Thursday 1405/09/05
    const a = await payment(m, 150_000, '6037990000010013');
    await verify(m, a, 150_000);
    const b = await payment(m, 50_000, '6037990000010013');
    await verify(m, b, 50_000);
    expect(await balance(m)).toBe(200_000);
    await setClock(m, '2026-11-27T12:00:00+03:30'); // Friday
    expect(await settlements(m)).toEqual([]);
    await setClock(m, '2026-11-28T09:59:59+03:30'); // Saturday, before 10:00
    expect(await settlements(m)).toEqual([]);
    await setClock(m, '2026-11-28T10:00:00+03:30');
    expect(await settlements(m)).toEqual([
      { id: expect.stringMatching(/^stl_/), day: '1405/09/07', at: { iso: '2026-11-28T06:30:00.000Z', jalali: '1405/09/07 10:00:00' }, amount: 200000, payments: 2, iban: 'IR120170000001234567890123' },
    ]);
    expect(await balance(m)).toBe(0);
    // Settled once: more catching up changes nothing, and the payment shows its settlement.
    await setClock(m, '2026-12-05T12:00:00+03:30');
    expect(await settlements(m)).toHaveLength(1);
    const detail = (await json(await panel(m, `/transactions/${a}`))) as { transaction: { settlement_id: string } };
    expect(detail.transaction.settlement_id).toBe((await settlements(m))[0]!.id);
  });

  it('skips a holiday, and a payment verified after 10:00 waits for the next business day', async () => {
    const m = await merchant(app);
    await setClock(m, '2026-12-21T11:00:00+03:30'); // Monday 1405/09/30, after the day's settlement
    const a = await payment(m, 70_000, '6037990000010013');
    await verify(m, a, 70_000);
    await setClock(m, '2026-12-22T12:00:00+03:30'); // Tuesday 1405/10/01, a holiday
    expect(await settlements(m)).toEqual([]);
    await setClock(m, '2026-12-23T10:00:00+03:30'); // Wednesday 1405/10/02
    expect((await settlements(m)).map((s) => [s.day, s.amount, s.payments])).toEqual([['1405/10/02', 70000, 1]]);
  });

  it('settles day by day when the clock jumps over several business days', async () => {
    const m = await merchant(app);
    await setClock(m, '2026-11-23T09:00:00+03:30'); // Monday, before 10:00
    const a = await payment(m, 10_000, '6037990000010013');
    await verify(m, a, 10_000);
    await setClock(m, '2026-11-23T11:00:00+03:30');
    const b = await payment(m, 20_000, '6037990000010013');
    await verify(m, b, 20_000);
    await setClock(m, '2026-11-30T12:00:00+03:30');
    expect((await settlements(m)).map((s) => [s.day, s.amount])).toEqual([['1405/09/03', 20000], ['1405/09/02', 10000]]);
  });
});

describe('the holiday data', async () => {
  const { default: holidays } = await import('../../src/providers/freepay/holidays.json', { with: { type: 'json' } });
  it('names real Jalali days of 1404 to 1406, with the fixed solar holidays each year', () => {
    const days = Object.keys(holidays.days);
    expect(days.every((d) => /^140[4-6](0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/.test(d))).toBe(true);
    for (const year of ['1404', '1405', '1406']) {
      for (const md of ['0101', '0102', '0103', '0104', '0112', '0113', '0314', '0315', '1122']) expect(days).toContain(`${year}${md}`);
      // About 26 official holidays a year, some falling on the same day.
      expect(days.filter((d) => d.startsWith(year)).length).toBeGreaterThanOrEqual(22);
    }
  });
});
