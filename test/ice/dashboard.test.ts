// GET /ice/api/v1/dashboard: counts by state and tab, the balance and its warning, the chart of the
// last 7 hours by state and the chart of reports viewed on each of the last 7 Tehran days.
import { afterAll, describe, expect, it } from 'vitest';
import { at, call, clockTo, clockedInstance, hours, minutes, natural, panel, requested, startMs } from './report-helpers.js';
import { ice } from './helpers.js';

const instance = clockedInstance();
afterAll(() => instance.close());

const hour = (i: number, nowMs: number, counts: { pending?: number; viewable?: number; rejected?: number } = {}) => ({
  from: at(nowMs - hours(7 - i)),
  to: at(nowMs - hours(6 - i)),
  pending: 0,
  viewable: 0,
  rejected: 0,
  ...counts,
});

describe('GET /ice/api/v1/dashboard', () => {
  it('answers a new business’s empty dashboard', async () => {
    const p = await panel(instance);
    const res = await call(instance, p, '/api/v1/dashboard');
    expect(res).toEqual({
      status: 200,
      body: {
        counts: { pending: 0, viewable: 0, rejected: 0, expired: 0, archived: 0 },
        tabs: { pending: 0, viewable: 0, rejected: 0, archived: 0 },
        balanceRial: 10_000_000,
        lowBalance: false,
        reportPriceRial: 100_000,
        lastHours: Array.from({ length: 7 }, (_, i) => hour(i, startMs)),
        viewedThisWeek: [
          { date: '1405/09/03', weekday: 'سه‌شنبه', viewed: 0 },
          { date: '1405/09/04', weekday: 'چهارشنبه', viewed: 0 },
          { date: '1405/09/05', weekday: 'پنجشنبه', viewed: 0 },
          { date: '1405/09/06', weekday: 'جمعه', viewed: 0 },
          { date: '1405/09/07', weekday: 'شنبه', viewed: 0 },
          { date: '1405/09/08', weekday: 'یکشنبه', viewed: 0 },
          { date: '1405/09/09', weekday: 'دوشنبه', viewed: 0 },
        ],
        lastUpdate: { at: '2026-11-30T10:00:00+03:30', date: '1405/09/09', time: '10:00' },
      },
    });
  });

  it('counts requests by state, charts the last 7 hours by state now and the approvals of each day', async () => {
    const p = await panel(instance, { business: { balanceRial: 1_000_000 } });
    // Day 1 (1405/09/09) 10:00: an approval (archived at day 2's 10:00), a rejection, a consent that lapses at day 2's 10:00.
    await requested(instance, p, natural('09120000001'));
    await requested(instance, p, natural('09120000002'));
    await requested(instance, p, natural('09120000003'));
    // Day 2 (1405/09/10): requests from 06:00 on; the dashboard is read at 12:30.
    const nowMs = startMs + hours(26) + minutes(30);
    await clockTo(instance, p, startMs + hours(20));
    await requested(instance, p, natural('09120000001', 'person'));
    await clockTo(instance, p, startMs + hours(20) + minutes(30));
    await requested(instance, p, natural('09123456789', 'person'));
    await clockTo(instance, p, startMs + hours(21) + minutes(10));
    await requested(instance, p, natural('09120000201'));
    await clockTo(instance, p, startMs + hours(25));
    await requested(instance, p, natural('09120000001'));
    await requested(instance, p, natural('09120000003', 'person'));
    await requested(instance, p, natural('09123456780', 'person'));
    const deleted = await requested(instance, p, natural('09123456781', 'person'));
    await call(instance, p, `/api/v1/reports/${deleted.trackingCode}`, { method: 'DELETE' });
    await clockTo(instance, p, nowMs);

    const res = await call(instance, p, '/api/v1/dashboard');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      counts: { pending: 3, viewable: 2, rejected: 2, expired: 1, archived: 1 },
      tabs: { pending: 3, viewable: 2, rejected: 3, archived: 1 },
      // Five wallet-paid requests, three of them refunded: two rejections and the expiry.
      balanceRial: 800_000,
      lowBalance: false,
      reportPriceRial: 100_000,
      // From 05:30 to 12:30 of day 2: 06:00 approved; 06:30 pending and 07:10 rejected; 11:00 approved and two pending.
      lastHours: [
        hour(0, nowMs, { viewable: 1 }),
        hour(1, nowMs, { pending: 1, rejected: 1 }),
        hour(2, nowMs),
        hour(3, nowMs),
        hour(4, nowMs),
        hour(5, nowMs, { viewable: 1, pending: 2 }),
        hour(6, nowMs),
      ],
      viewedThisWeek: [
        { date: '1405/09/04', weekday: 'چهارشنبه', viewed: 0 },
        { date: '1405/09/05', weekday: 'پنجشنبه', viewed: 0 },
        { date: '1405/09/06', weekday: 'جمعه', viewed: 0 },
        { date: '1405/09/07', weekday: 'شنبه', viewed: 0 },
        { date: '1405/09/08', weekday: 'یکشنبه', viewed: 0 },
        { date: '1405/09/09', weekday: 'دوشنبه', viewed: 1 },
        { date: '1405/09/10', weekday: 'سه‌شنبه', viewed: 2 },
      ],
      lastUpdate: at(nowMs),
    });
  });

  it('warns when the balance does not pay for one report', async () => {
    const p = await panel(instance, { business: { balanceRial: 150_000 } });
    await requested(instance, p, natural('09123456789'));
    expect((await call(instance, p, '/api/v1/dashboard')).body).toMatchObject({ balanceRial: 50_000, lowBalance: true });
  });

  it('refuses a call without a token', async () => {
    const res = await ice(instance, '/api/v1/dashboard');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'unauthorized', message: 'ابتدا وارد حساب کاربری شوید' });
  });
});
