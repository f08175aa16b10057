// The money of report requests: a wallet-paid request debited at request with the seed's row, not
// enough credit writes nothing, refunds on rejection, expiry and a pending deletion exactly once
// with the seed's rows, a person-paid request never touching the wallet, and all of it under
// 20-way concurrency.
import { afterAll, describe, expect, it } from 'vitest';
import { approveReport, catchUpReports, rejectReport, reportByTrackingCode } from '../../src/providers/ice/reports/lifecycle.js';
import { at, call, clockTo, clockedInstance, hours, ledgerRows, minutes, natural, panel, requested, startMs, type Panel } from './report-helpers.js';

const instance = clockedInstance();
afterAll(() => instance.close());

const opening = { description: 'موجودی اولیه حساب آزمایشی', amountRial: 10_000_000, direction: 'credit', directionSymbol: '▲', balanceAfterRial: 10_000_000, kind: 'opening' };

/** A ledger row as listed, at `ms`. */
function row(n: number, ms: number, fields: Record<string, unknown>) {
  const { at: iso, date, time } = at(ms);
  return { row: n, at: iso, date, time, ...fields };
}
const debit = (trackingCode: string, balanceAfterRial: number, description = `تسویه با آیس بابت گزارش با کد رهگیری ${trackingCode}`) => ({
  description,
  amountRial: 100_000,
  direction: 'debit',
  directionSymbol: '▼',
  balanceAfterRial,
  kind: 'report',
  trackingCode,
});
const refund = (trackingCode: string, mobile: string, balanceAfterRial: number) => ({
  description: `برگشت اعتبار بابت گزارش شخص با شماره: ${mobile}`,
  amountRial: 100_000,
  direction: 'credit',
  directionSymbol: '▲',
  balanceAfterRial,
  kind: 'refund',
  trackingCode,
});
const refusedDebit = (trackingCode: string, mobile: string, balanceAfterRial: number) =>
  debit(trackingCode, balanceAfterRial, `تسویه با آیس بابت گزارش با کد رهگیری [عدم تأیید شخص با شماره: ${mobile}]`);

const balance = async (p: Panel) => (await call(instance, p, '/api/v1/wallet')).body.balanceRial;

describe('paying from credit', () => {
  it('debits the price at request with the seed’s row', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09123456789'));
    expect(await ledgerRows(instance, p)).toEqual([row(1, startMs, debit(trackingCode, 9_900_000)), row(2, startMs, opening)]);
    expect(await balance(p)).toBe(9_900_000);
  });

  it('refuses a request the balance does not pay for (402) and writes nothing: no request, no row, no SMS', async () => {
    const p = await panel(instance, { business: { balanceRial: 99_999 } });
    const res = await call(instance, p, '/api/v1/reports', { body: natural('09123456789') });
    expect(res).toEqual({ status: 402, body: { code: 'insufficientCredit', message: 'اعتبار کافی نیست؛ ابتدا اعتبار خود را افزایش دهید', balanceRial: 99_999, priceRial: 100_000 } });
    expect((await call(instance, p, '/api/v1/reports')).body.total).toBe(0);
    expect((await ledgerRows(instance, p)).map((r) => r.kind)).toEqual(['opening']);
    expect(await balance(p)).toBe(99_999);
    // The person pays: the wallet's balance does not matter.
    expect((await call(instance, p, '/api/v1/reports', { body: natural('09123456789', 'person') })).status).toBe(201);
  });

  it('refunds a rejection with the seed’s two rows, the debit reworded as refused', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09120000205'));
    await clockTo(instance, p, startMs + minutes(12));
    expect(await ledgerRows(instance, p)).toEqual([
      row(1, startMs + minutes(5), refund(trackingCode, '09120000205', 10_000_000)),
      row(2, startMs, refusedDebit(trackingCode, '09120000205', 9_900_000)),
      row(3, startMs, opening),
    ]);
    expect((await call(instance, p, `/api/v1/reports/${trackingCode}`)).body.refundedAt).toEqual(at(startMs + minutes(5)));
  });

  it('refunds an expiry as of the instant the consent lapsed, not when the clock was next read', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09120000003'));
    await clockTo(instance, p, startMs + hours(100));
    expect(await ledgerRows(instance, p)).toEqual([
      row(1, startMs + hours(24), refund(trackingCode, '09120000003', 10_000_000)),
      row(2, startMs, refusedDebit(trackingCode, '09120000003', 9_900_000)),
      row(3, startMs, opening),
    ]);
  });

  it('keeps the money of an approved report, viewable or archived', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09120000001'));
    await clockTo(instance, p, startMs + hours(48));
    expect((await call(instance, p, `/api/v1/reports/${trackingCode}`)).body.state).toBe('archived');
    expect(await ledgerRows(instance, p)).toEqual([row(1, startMs, debit(trackingCode, 9_900_000)), row(2, startMs, opening)]);
  });
});

describe('deleting', () => {
  it('refunds a pending wallet-paid request once, keeping the debit’s wording', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09123456789'));
    await clockTo(instance, p, startMs + minutes(3));
    expect((await call(instance, p, `/api/v1/reports/${trackingCode}`, { method: 'DELETE' })).status).toBe(200);
    expect(await ledgerRows(instance, p)).toEqual([
      row(1, startMs + minutes(3), refund(trackingCode, '09123456789', 10_000_000)),
      row(2, startMs, debit(trackingCode, 9_900_000)),
      row(3, startMs, opening),
    ]);
  });

  it('refunds nothing more for a viewable, rejected or person-paid request', async () => {
    const p = await panel(instance);
    const viewable = await requested(instance, p, natural('09120000001'));
    const rejected = await requested(instance, p, natural('09120000002'));
    const person = await requested(instance, p, natural('09123456789', 'person'));
    const before = await ledgerRows(instance, p);
    expect(before.map((r) => r.kind)).toEqual(['refund', 'report', 'report', 'opening']);
    for (const { trackingCode } of [viewable, rejected, person]) {
      expect((await call(instance, p, `/api/v1/reports/${trackingCode}`, { method: 'DELETE' })).status).toBe(200);
    }
    expect(await ledgerRows(instance, p)).toEqual(before);
  });
});

describe('paid by the person', () => {
  it('never touches the wallet, whatever the person does', async () => {
    const p = await panel(instance);
    for (const mobile of ['09120000001', '09120000002', '09120000003', '09120000004']) await requested(instance, p, natural(mobile, 'person'));
    await clockTo(instance, p, startMs + hours(72));
    expect((await call(instance, p, '/api/v1/reports')).body.tabs).toEqual({ pending: 0, viewable: 0, rejected: 3, archived: 1 });
    expect(await ledgerRows(instance, p)).toEqual([row(1, startMs, opening)]);
  });
});

describe('under 20-way concurrency', () => {
  it('20 requests with credit for 5: exactly 5 debits, the balance 0 and never below', async () => {
    const p = await panel(instance, { business: { balanceRial: 500_000 } });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => call(instance, p, '/api/v1/reports', { body: natural(`091234567${String(i).padStart(2, '0')}`) })));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(5).fill(201), ...Array(15).fill(402)]);
    expect(await balance(p)).toBe(0);
    const rows = await ledgerRows(instance, p);
    expect(rows.filter((r) => r.kind === 'report')).toHaveLength(5);
    expect(rows.map((r) => r.balanceAfterRial)).toEqual([0, 100_000, 200_000, 300_000, 400_000, 500_000]);
    expect((await call(instance, p, '/api/v1/reports')).body.total).toBe(5);
  });

  it('20 rejections of one request, each having read it pending: one rejection, one refund', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09123456789'));
    const stale = reportByTrackingCode(instance.deps.db, p.tenant.id, trackingCode)!;
    const answers = await Promise.all(Array.from({ length: 20 }, async () => rejectReport(instance.deps, stale, startMs + minutes(1))));
    expect(answers.filter((a) => !('refused' in a))).toHaveLength(1);
    expect(answers.filter((a) => 'refused' in a && a.refused === 'rejected')).toHaveLength(19);
    expect((await ledgerRows(instance, p)).filter((r) => r.kind === 'refund')).toHaveLength(1);
    expect(await balance(p)).toBe(10_000_000);
  });

  it('20 approvals of one request: one transition, its time the winner’s', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09123456789', 'person'));
    const stale = reportByTrackingCode(instance.deps.db, p.tenant.id, trackingCode)!;
    const answers = await Promise.all(Array.from({ length: 20 }, async (_, i) => approveReport(instance.deps, stale, startMs + i * 1000)));
    expect(answers.filter((a) => !('refused' in a))).toEqual([expect.objectContaining({ state: 'viewable', approvedAtMs: startMs })]);
    expect(answers.filter((a) => 'refused' in a)).toEqual(Array(19).fill({ refused: 'viewable' }));
  });

  it('a rejection racing the expiry: one of them wins and the refund is written once', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09123456789'));
    const stale = reportByTrackingCode(instance.deps.db, p.tenant.id, trackingCode)!;
    const lapse = startMs + hours(24);
    const answers = await Promise.all([
      ...Array.from({ length: 10 }, async () => rejectReport(instance.deps, stale, lapse)),
      ...Array.from({ length: 10 }, async () => catchUpReports(instance.deps, p.tenant.id, lapse)),
    ]);
    expect(answers.slice(0, 10)).toEqual(Array(10).fill({ refused: 'expired' }));
    expect((await ledgerRows(instance, p)).filter((r) => r.kind === 'refund')).toEqual([expect.objectContaining({ at: at(lapse).at, amountRial: 100_000 })]);
    expect(await balance(p)).toBe(10_000_000);
  });

  it('20 deletions of a pending wallet-paid request over HTTP: one deletes and refunds, the rest find nothing', async () => {
    const p = await panel(instance);
    const { trackingCode } = await requested(instance, p, natural('09123456789'));
    const answers = await Promise.all(Array.from({ length: 20 }, () => call(instance, p, `/api/v1/reports/${trackingCode}`, { method: 'DELETE' })));
    expect(answers.map((a) => a.status).sort()).toEqual([200, ...Array(19).fill(404)]);
    expect((await ledgerRows(instance, p)).filter((r) => r.kind === 'refund')).toHaveLength(1);
    expect(await balance(p)).toBe(10_000_000);
  });
});
