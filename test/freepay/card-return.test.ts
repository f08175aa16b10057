// Money taken by a failed payment goes back to the card "usually in the first minutes, at most 72
// working hours" (seed 002 lines 136, 183, 193): one test card returns it within minutes, the
// other at the latest, counted in working hours (Fridays and official holidays skipped).
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { afterWorkingHours } from '../../src/providers/freepay/card-return.js';

const app = sandbox();
afterAll(() => app.close());

type Merchant = { id: string; api: string };
const early = '6280230000200205';
const latest = '5022290000090092';
const setClock = async (m: Merchant, at: string) => {
  await control(app, 'POST', `/tenants/${m.id}/clock`, { freeze: true });
  await control(app, 'POST', `/tenants/${m.id}/clock`, { set: at });
};
const advance = (m: Merchant, seconds: number) => control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: seconds });

async function failedPayment(m: Merchant, card: string, extra: Record<string, string> = {}) {
  const { authority } = (await json(await freepayForm(app, '/payment/request', { api: m.api, amount: '90000', callback: 'http://localhost/back', ...extra }))) as { authority: string };
  const paid = await control(app, 'POST', `/tenants/${m.id}/freepay/payments/${authority}/pay`, { card });
  expect(paid.status).toBe(200);
  return authority;
}
const balances = async (m: Merchant) => ((await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: { balances: Record<string, number> } }).freepay.balances;
const detail = async (m: Merchant, authority: string) => {
  const res = await app.app.request(`/freepay/panel/transactions/${authority}`, { headers: { Authorization: `Bearer ${m.api}` } });
  expect(res.status).toBe(200);
  return ((await json(res)) as { transaction: { status: string; reversal_due_at: unknown; reversed_at: unknown; history: unknown[] } }).transaction;
};
const verify = async (m: Merchant, authority: string) => {
  const res = await freepayForm(app, '/payment/verify', { api: m.api, authority, amount: '90000' });
  return { status: res.status, body: await json(res) };
};
const outbox = async (m: Merchant) => ((await json(await control(app, 'GET', `/tenants/${m.id}/outbox?channel=sms`))) as { entries: unknown[] }).entries;

describe('money taken by a failed payment, returned at the latest after 72 working hours', () => {
  it('skips a Friday and two holidays: failed Tuesday 1405/04/02 20:00, returned Monday 1405/04/08 20:00, not 72 clock hours later', async () => {
    const m = await merchant(app);
    // Tasua and Ashura (1405/04/03, 04/04) fall on Wednesday and Thursday, then Friday.
    await setClock(m, '2026-06-23T20:00:00+03:30');
    const authority = await failedPayment(m, latest, { mobile: '09121112233' });
    const due = { iso: '2026-06-29T16:30:00.000Z', jalali: '1405/04/08 20:00:00' };
    expect(await balances(m)).toEqual({ FREEPAY: 0, FREEPAY_HELD: 90000 });
    expect(await detail(m, authority)).toMatchObject({ status: 'failed', reversal_due_at: due, reversed_at: { iso: null, jalali: null } });

    // 72 clock hours on: Friday 20:00. Only 4 working hours have passed.
    await advance(m, 72 * 3600);
    expect(await balances(m)).toEqual({ FREEPAY: 0, FREEPAY_HELD: 90000 });
    expect(await outbox(m)).toEqual([]);
    // A second before the 72nd working hour.
    await advance(m, 72 * 3600 - 1);
    expect(await balances(m)).toEqual({ FREEPAY: 0, FREEPAY_HELD: 90000 });
    expect((await detail(m, authority)).status).toBe('failed');
    await advance(m, 1);
    expect(await balances(m)).toEqual({ FREEPAY: 0, FREEPAY_HELD: 0 });
    const after = await detail(m, authority);
    expect(after.status).toBe('reversed');
    expect(after.reversed_at).toEqual(due);
    expect(after.history.at(-1)).toEqual({ status: 'reversed', at: due });
    expect(await verify(m, authority)).toEqual({
      status: 409,
      body: { status: -11, message: 'پرداخت ناموفق بوده است', authority, failure: 'deducted_then_failed', reason_message: 'تراکنش ناموفق بود؛ مبلغ کسرشده حداکثر تا ۷۲ ساعت کاری به کارت بازمی‌گردد', failure_class: 'acceptor', failure_class_message: 'خطای پذیرندگی' },
    });
    expect(await outbox(m)).toEqual([
      {
        id: expect.any(Number),
        at: due.iso,
        provider: 'freepay',
        channel: 'sms',
        recipient: '09121112233',
        message: { text: `فری‌پی: مبلغ ۹۰٬۰۰۰ ریال تراکنش ناموفق ${authority} به کارت 502229******0092 بازگشت داده شد.` },
      },
    ]);
  });
});

describe('money taken by a failed payment, returned within minutes', () => {
  it('the early card returns it 10 minutes later on the tenant clock, on a Friday too', async () => {
    const m = await merchant(app);
    // 1405/04/05 is a Friday: minutes are minutes, whatever the day.
    await setClock(m, '2026-06-26T11:00:00+03:30');
    const authority = await failedPayment(m, early, { mobile: '09121112233' });
    const due = { iso: '2026-06-26T07:40:00.000Z', jalali: '1405/04/05 11:10:00' };
    expect(await balances(m)).toEqual({ FREEPAY: 0, FREEPAY_HELD: 90000 });
    expect(await detail(m, authority)).toMatchObject({ status: 'failed', reversal_due_at: due });
    const failed = {
      status: 409,
      body: { status: -11, message: 'پرداخت ناموفق بوده است', authority, failure: 'deducted_returned_soon', reason_message: 'تراکنش ناموفق بود؛ مبلغ کسرشده طی چند دقیقه به کارت بازمی‌گردد', failure_class: 'acceptor', failure_class_message: 'خطای پذیرندگی' },
    };
    expect(await verify(m, authority)).toEqual(failed);
    await advance(m, 10 * 60 - 1);
    expect(await balances(m)).toEqual({ FREEPAY: 0, FREEPAY_HELD: 90000 });
    await advance(m, 1);
    expect(await balances(m)).toEqual({ FREEPAY: 0, FREEPAY_HELD: 0 });
    expect(await detail(m, authority)).toMatchObject({ status: 'reversed', reversed_at: due });
    expect(await verify(m, authority)).toEqual(failed);
    expect(await outbox(m)).toEqual([
      {
        id: expect.any(Number),
        at: due.iso,
        provider: 'freepay',
        channel: 'sms',
        recipient: '09121112233',
        message: { text: `فری‌پی: مبلغ ۹۰٬۰۰۰ ریال تراکنش ناموفق ${authority} به کارت 628023******0205 بازگشت داده شد.` },
      },
    ]);
  });
});

describe('afterWorkingHours', () => {
  const at = (iso: string) => Date.parse(iso);
  it.each([
    // A plain week: Saturday 10:00 + 72 h = Tuesday 10:00.
    ['2026-06-13T10:00:00+03:30', 72, '2026-06-16T10:00:00+03:30'],
    // Thursday 20:00: 4 h on Thursday, Friday skipped, 24 h Saturday and Sunday, 20 h Monday.
    ['2026-06-11T20:00:00+03:30', 72, '2026-06-15T20:00:00+03:30'],
    // Failed on a Friday: the count starts at Saturday's midnight.
    ['2026-06-12T15:00:00+03:30', 72, '2026-06-16T00:00:00+03:30'],
    // Nowruz (1405/01/01–04, from Saturday 2026-03-21) and the Friday before it: nothing counts until Wednesday.
    ['2026-03-19T23:00:00+03:30', 2, '2026-03-25T01:00:00+03:30'],
    // Ending exactly at a business day's midnight stays on that instant.
    ['2026-06-13T00:00:00+03:30', 24, '2026-06-14T00:00:00+03:30'],
  ])('%s + %i working hours = %s', (start, hours, end) => {
    expect(new Date(afterWorkingHours(at(start), hours)).toISOString()).toBe(new Date(at(end)).toISOString());
  });
});
