// GET /ice/api/v1/wallet/transactions: the panel's ledger table — every column of a row, newest
// first, the Jalali date and time of the tenant clock, search (Persian digits too) and paging.
import { afterAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { manualClock } from '../../src/core/clock.js';
import { createInstance } from '../../src/instance.js';
import { moveMoney } from '../../src/providers/ice/wallet.js';
import { ledgerWindow } from '../../src/providers/ice/routes/wallet.js';
import { control } from '../helpers.js';
import { ice, iceTenant, signIn } from './helpers.js';
import { openCharge, payAs } from './bank-helpers.js';

// 2026-11-30 11:30 in Tehran: 1405/09/09.
const start = Date.parse('2026-11-30T08:00:00Z');
const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', wall: manualClock(start) });
afterAll(() => instance.close());

const opening = {
  row: 1,
  description: 'موجودی اولیه حساب آزمایشی',
  at: '2026-11-30T11:30:00+03:30',
  date: '1405/09/09',
  time: '11:30',
  amountRial: 10_000_000,
  direction: 'credit',
  directionSymbol: '▲',
  balanceAfterRial: 10_000_000,
  kind: 'opening',
};

async function ledger(token: string, query = '') {
  const res = await ice(instance, `/api/v1/wallet/transactions${query}`, { token });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function setClock(tenantId: string, iso: string) {
  const res = await control(instance, 'POST', `/tenants/${tenantId}/clock`, { set: iso });
  expect(res.status).toBe(200);
}

/** The seed's refused report: a debit, then its refund, the same minute. */
function refusedReport(tenantId: string, businessId: string, trackingCode: string, atMs: number) {
  moveMoney(instance.deps.db, { tenantId, businessId, amountRial: -100_000, description: `تسویه با آیس برای گزارش با کد رهگیری ${trackingCode}`, kind: 'report', trackingCode, atMs });
  moveMoney(instance.deps.db, { tenantId, businessId, amountRial: 100_000, description: 'بازگشت اعتبار گزارش شخص با شماره ۰۹۳۷۱۲۳۴۵۶۷', kind: 'refund', trackingCode, onceKey: `refund:${trackingCode}`, atMs });
}

describe('GET /ice/api/v1/wallet/transactions', () => {
  it('answers the opening row of a new tenant with every column', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    expect(await ledger(token)).toEqual({ status: 200, body: { page: 1, size: 10, total: 1, pages: 1, capped: false, transactions: [opening] } });
  });

  it('lists a paid charge, a report debit and its refund newest first, with the Jalali date and time of the tenant clock', async () => {
    const tenant = await iceTenant(instance);
    await setClock(tenant.id, '2027-03-20T23:59:00+03:30');
    const token = await signIn(instance, tenant);
    const businessId = decodeJwt(token).sub!;
    const { chargeId } = await openCharge(instance, token, { amountRial: 2_500_000, bank: 'mellat' });
    expect((await payAs(instance, tenant.id, chargeId, { card: '6037990000010013' })).status).toBe(200);
    await setClock(tenant.id, '2027-03-21T00:01:00+03:30');
    refusedReport(tenant.id, businessId, '1405123456', Date.parse('2027-03-21T00:01:00+03:30'));
    const after = { at: '2027-03-21T00:01:00+03:30', date: '1406/01/01', time: '00:01' };
    expect(await ledger(token)).toEqual({
      status: 200,
      body: {
        page: 1,
        size: 10,
        total: 4,
        pages: 1,
        capped: false,
        transactions: [
          { row: 1, description: 'بازگشت اعتبار گزارش شخص با شماره ۰۹۳۷۱۲۳۴۵۶۷', ...after, amountRial: 100_000, direction: 'credit', directionSymbol: '▲', balanceAfterRial: 12_500_000, kind: 'refund', trackingCode: '1405123456' },
          { row: 2, description: 'تسویه با آیس برای گزارش با کد رهگیری 1405123456', ...after, amountRial: 100_000, direction: 'debit', directionSymbol: '▼', balanceAfterRial: 12_400_000, kind: 'report', trackingCode: '1405123456' },
          { row: 3, description: 'افزایش اعتبار از طریق درگاه به‌پرداخت ملت', at: '2027-03-20T23:59:00+03:30', date: '1405/12/29', time: '23:59', amountRial: 2_500_000, direction: 'credit', directionSymbol: '▲', balanceAfterRial: 12_500_000, kind: 'charge', chargeId },
          { ...opening, row: 4 },
        ],
      },
    });
  });

  it('pages 10 rows by default, numbers rows across pages, and answers a page past the end with no rows', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const businessId = decodeJwt(token).sub!;
    for (let i = 1; i <= 24; i++) moveMoney(instance.deps.db, { tenantId: tenant.id, businessId, amountRial: -i, description: `ردیف ${i}`, kind: 'adjustment', atMs: start });
    const first = await ledger(token);
    expect(first.body).toMatchObject({ page: 1, size: 10, total: 25, pages: 3 });
    const rows = first.body.transactions as { row: number; description: string }[];
    expect(rows.map((r) => [r.row, r.description])).toEqual(Array.from({ length: 10 }, (_, i) => [i + 1, `ردیف ${24 - i}`]));
    const third = await ledger(token, '?page=3');
    expect((third.body.transactions as { row: number; description: string }[]).map((r) => [r.row, r.description])).toEqual([
      [21, 'ردیف 4'],
      [22, 'ردیف 3'],
      [23, 'ردیف 2'],
      [24, 'ردیف 1'],
      [25, 'موجودی اولیه حساب آزمایشی'],
    ]);
    expect(await ledger(token, '?page=2&size=20')).toMatchObject({ status: 200, body: { page: 2, size: 20, total: 25, pages: 2 } });
    expect((await ledger(token, '?page=2&size=20')).body.transactions).toHaveLength(5);
    expect(await ledger(token, '?page=9')).toEqual({ status: 200, body: { page: 9, size: 10, total: 25, pages: 3, capped: false, transactions: [] } });
    expect((await ledger(token, '?size=100')).body.transactions).toHaveLength(25);
  });

  it('searches the description, the tracking code and the amount, in Persian or ASCII digits', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const businessId = decodeJwt(token).sub!;
    refusedReport(tenant.id, businessId, '1405987654', start);
    const { chargeId } = await openCharge(instance, token, { amountRial: 3_330_000 });
    await payAs(instance, tenant.id, chargeId, { card: '6037990000010013' });
    const found = async (q: string) => ((await ledger(token, `?q=${encodeURIComponent(q)}`)).body.transactions as { description: string }[]).map((r) => r.description);
    const refund = 'بازگشت اعتبار گزارش شخص با شماره ۰۹۳۷۱۲۳۴۵۶۷';
    const debit = 'تسویه با آیس برای گزارش با کد رهگیری 1405987654';
    const charge = 'افزایش اعتبار از طریق درگاه بانک سامان';
    expect(await found('1405987654')).toEqual([refund, debit]);
    expect(await found('۱۴۰۵۹۸۷۶۵۴')).toEqual([refund, debit]);
    expect(await found('بازگشت')).toEqual([refund]);
    // A Persian-digit description found by ASCII digits, and an Arabic yeh typed for a Persian one.
    expect(await found('0937')).toEqual([refund]);
    expect(await found('تسويه')).toEqual([debit]);
    expect(await found('3,330,000')).toEqual([charge]);
    expect(await found('۳٬۳۳۰٬۰۰۰')).toEqual([charge]);
    expect(await found(chargeId)).toEqual([charge]);
    expect(await found('سامان')).toEqual([charge]);
    // LIKE's wildcards are taken literally.
    expect(await found('%')).toEqual([]);
    expect(await found('a_')).toEqual([]);
    // Only the charge id holds an underscore.
    expect(await found('_')).toEqual([charge]);
    // An amount is matched as text, as the panel's search box does: 100000 is also in 10000000.
    expect(await found('100000')).toEqual([refund, debit, 'موجودی اولیه حساب آزمایشی']);
    expect(await found('  ')).toHaveLength(4);
  });

  it('shows only the signed-in business’s rows', async () => {
    const a = await iceTenant(instance);
    const b = await iceTenant(instance);
    const tokenA = await signIn(instance, a);
    const { chargeId } = await openCharge(instance, tokenA);
    await payAs(instance, a.id, chargeId, { card: '6037990000010013' });
    expect((await ledger(await signIn(instance, b))).body).toEqual({ page: 1, size: 10, total: 1, pages: 1, capped: false, transactions: [opening] });
  });

  it('refuses bad paging and a search too long as invalidInput naming the field', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const invalid = (errors: Record<string, string>) => ({ status: 400, body: { code: 'invalidInput', message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است', errors } });
    expect(await ledger(token, '?page=0')).toEqual(invalid({ page: 'حداقل 1' }));
    expect(await ledger(token, '?size=101')).toEqual(invalid({ size: 'حداکثر 100' }));
    // The reason's wording for a wrong type is the pipeline's; the field is named.
    expect(await ledger(token, '?page=abc')).toEqual(invalid({ page: expect.any(String) }));
    expect(await ledger(token, '?page=1.5')).toEqual(invalid({ page: expect.any(String) }));
    expect(await ledger(token, `?q=${'x'.repeat(101)}`)).toEqual(invalid({ q: 'حداکثر 100 نویسه' }));
    expect(await ledger(token, '?sort=amount')).toEqual(invalid({ sort: 'فیلد ناشناخته' }));
    expect(await ledger(token, '?q=a&q=b')).toEqual(invalid({ q: expect.any(String) }));
  });

  it('lists, searches and counts the newest rows only, saying so, once the ledger is past its window', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const businessId = decodeJwt(token).sub!;
    instance.deps.db.transaction(() => {
      for (let i = 1; i <= ledgerWindow; i++) moveMoney(instance.deps.db, { tenantId: tenant.id, businessId, amountRial: 1, description: `ردیف ${i}`, kind: 'adjustment', atMs: start });
    });
    const last = await ledger(token, `?size=100&page=${ledgerWindow / 100}`);
    expect(last.body).toMatchObject({ page: 100, size: 100, total: ledgerWindow, pages: 100, capped: true });
    const rows = last.body.transactions as { row: number; description: string }[];
    // The opening row is the one beyond the window.
    expect(rows.at(-1)).toMatchObject({ row: ledgerWindow, description: 'ردیف 1' });
    expect(await ledger(token, `?q=${encodeURIComponent('موجودی اولیه')}`)).toEqual({ status: 200, body: { page: 1, size: 10, total: 0, pages: 0, capped: true, transactions: [] } });
    expect((await ledger(token, '?q=9999')).body).toMatchObject({ total: 1, capped: true });
  });

  it('needs a signed-in business', async () => {
    const res = await ice(instance, '/api/v1/wallet/transactions');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'unauthorized', message: 'ابتدا وارد حساب کاربری شوید' });
  });
});
