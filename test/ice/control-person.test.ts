// Acting as the person through the control API: POST /_sandbox/tenants/{id}/ice/reports/
// {trackingCode}/approve | reject | pay, for both payers, a failing card leaving the request
// pending, and the refusals (no such request, not pending, nothing to pay, a bad body).
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { iceCharges } from '../../src/db/schema/index.js';
import { control } from '../helpers.js';
import { payAs } from './bank-helpers.js';
import { at, call, clockTo, clockedInstance, hours, ledgerRows, minutes, natural, panel, startMs, view, type Panel } from './report-helpers.js';
import { asked, mobile } from './person-helpers.js';

const instance = clockedInstance();
afterAll(() => instance.close());

const act = async (p: Panel, trackingCode: string, action: 'approve' | 'reject' | 'pay', body?: unknown) => {
  const res = await control(instance, 'POST', `/tenants/${p.tenant.id}/ice/reports/${trackingCode}/${action}`, body);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};
const apiView = async (p: Panel, trackingCode: string) => (await call(instance, p, `/api/v1/reports/${trackingCode}`)).body;
const balance = async (p: Panel) => (await call(instance, p, '/api/v1/wallet')).body.balanceRial;
/** What paying a charge again answers: the charge's own status shows through the refusal. */
const alreadyPaid = async (p: Panel, chargeId: string) => (await payAs(instance, p.tenant.id, chargeId, { card: '6037990000010013' })).json();

describe('POST /_sandbox/tenants/{id}/ice/reports/{trackingCode}/approve', () => {
  it('approves a wallet-paid request: the answer is the request as the API shows it, viewable from now', async () => {
    const p = await panel(instance);
    const { trackingCode } = await asked(instance, p);
    await clockTo(instance, p, startMs + minutes(7));
    const res = await act(p, trackingCode, 'approve');
    const expected = view(trackingCode, natural(mobile), startMs, { state: 'viewable', approvedAt: at(startMs + minutes(7)), viewableUntil: at(startMs + minutes(7) + hours(24)) });
    expect(res).toEqual({ status: 200, body: expected });
    expect(await apiView(p, trackingCode)).toEqual(expected);
    expect(await balance(p)).toBe(9_900_000);
  });

  it('pays a person-paid request with the default test card on Saman, then approves it; the wallet is untouched', async () => {
    const p = await panel(instance);
    const { trackingCode } = await asked(instance, p, natural(mobile, 'person'));
    const res = await act(p, trackingCode, 'approve');
    expect(res).toEqual({ status: 200, body: view(trackingCode, natural(mobile, 'person'), startMs, { state: 'viewable', approvedAt: at(startMs), viewableUntil: at(startMs + hours(24)) }) });
    expect(await balance(p)).toBe(10_000_000);
    expect((await call(instance, p, `/api/v1/reports/${trackingCode}/credit-report`)).status).toBe(200);
  });

  it('takes a card and a bank: the request’s charge is paid on that bank with that card', async () => {
    const p = await panel(instance);
    const { trackingCode } = await asked(instance, p, natural(mobile, 'person'));
    const res = await act(p, trackingCode, 'approve', { card: '6219861234567898', bank: 'mellat' });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('viewable');
    const charges = instance.deps.db.select().from(iceCharges).where(eq(iceCharges.trackingCode, trackingCode)).all();
    expect(charges.map(({ purpose, bank, amountRial, status, cardPan }) => ({ purpose, bank, amountRial, status, cardPan }))).toEqual([
      { purpose: 'report', bank: 'mellat', amountRial: 100_000, status: 'paid', cardPan: '621986******7898' },
    ]);
  });

  it('a card that fails answers 402 with the bank’s reason and leaves the request pending; another card then pays', async () => {
    const p = await panel(instance);
    const { trackingCode } = await asked(instance, p, natural(mobile, 'person'));
    const failed = await act(p, trackingCode, 'approve', { card: '6104330000020027' });
    const chargeId = (failed.body.details as { chargeId: string }).chargeId;
    expect(failed).toEqual({
      status: 402,
      body: {
        error: 'payment_failed',
        message: `the payment failed (insufficient_funds); report ${trackingCode} stays pending`,
        details: { chargeId, status: 'failed', failure: 'insufficient_funds', failureMessage: 'موجودی حساب کافی نیست', state: 'pending' },
      },
    });
    expect(chargeId).toMatch(/^\S+$/);
    expect(await apiView(p, trackingCode)).toEqual(view(trackingCode, natural(mobile, 'person'), startMs));
    const cancelled = await act(p, trackingCode, 'approve', { card: '6273530000070071' });
    expect(cancelled.status).toBe(402);
    expect(cancelled.body.error).toBe('payment_cancelled');
    expect(cancelled.body.details).toEqual({ chargeId: (cancelled.body.details as { chargeId: string }).chargeId, status: 'cancelled', state: 'pending' });
    expect((await act(p, trackingCode, 'approve', { card: '6037990000010013' })).body.state).toBe('viewable');
    // The failed charge stays failed: it can never be paid later.
    expect(await alreadyPaid(p, chargeId)).toEqual({ error: 'charge_closed', message: `charge ${chargeId} can no longer be paid: it is failed`, details: { status: 'failed' } });
  });

  it('refuses a card the bank page would refuse (400, the reason) and a card or bank for a wallet-paid request', async () => {
    const p = await panel(instance);
    const person = await asked(instance, p, natural(mobile, 'person'));
    const bad = await act(p, person.trackingCode, 'approve', { card: '1234' });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toBe('card_refused');
    expect(Object.keys(bad.body.details as { errors: object })).toEqual(['errors']);
    const credit = await asked(instance, p);
    expect(await act(p, credit.trackingCode, 'approve', { card: '6037990000010013' })).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: `report ${credit.trackingCode} is paid from the business's credit: the person pays nothing, so no card or bank is taken` },
    });
    expect((await act(p, credit.trackingCode, 'approve', { bank: 'tejarat' })).status).toBe(400);
    expect((await act(p, credit.trackingCode, 'approve', { card: '6037990000010013', extra: 1 })).status).toBe(400);
    expect((await apiView(p, person.trackingCode)).state).toBe('pending');
    expect((await apiView(p, credit.trackingCode)).state).toBe('pending');
  });

  it('finds a request a payment on the bank page already approved (without the browser coming back) no longer pending', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    const toBank = await instance.app.request(r.path, { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'action=approve' });
    const journal = (await (await control(instance, 'GET', `/tenants/${p.tenant.id}/journal?endpoint=consent-page`)).json()) as { entries: { responseBody: { chargeId: string } }[] };
    expect(toBank.status).toBe(303);
    await clockTo(instance, p, startMs + minutes(4));
    expect((await payAs(instance, p.tenant.id, journal.entries[0]!.responseBody.chargeId, { card: '6037990000010013' })).status).toBe(200);
    await clockTo(instance, p, startMs + minutes(9));
    expect(await call(instance, p, `/api/v1/reports/${r.trackingCode}`)).toEqual({
      status: 200,
      body: view(r.trackingCode, natural(mobile, 'person'), startMs, { state: 'viewable', approvedAt: at(startMs + minutes(4)), viewableUntil: at(startMs + minutes(4) + hours(24)) }),
    });
    expect(await act(p, r.trackingCode, 'approve')).toEqual({
      status: 409,
      body: { error: 'report_not_pending', message: `report ${r.trackingCode} is viewable, no longer pending`, details: { state: 'viewable' } },
    });
  });
});

describe('POST /_sandbox/tenants/{id}/ice/reports/{trackingCode}/reject', () => {
  it('rejects a wallet-paid request and refunds it once', async () => {
    const p = await panel(instance);
    const { trackingCode } = await asked(instance, p);
    const res = await act(p, trackingCode, 'reject');
    expect(res).toEqual({ status: 200, body: view(trackingCode, natural(mobile), startMs, { state: 'rejected', rejectedAt: at(startMs), refundedAt: at(startMs) }) });
    expect(await balance(p)).toBe(10_000_000);
    expect(await act(p, trackingCode, 'reject')).toEqual({
      status: 409,
      body: { error: 'report_not_pending', message: `report ${trackingCode} is rejected, no longer pending`, details: { state: 'rejected' } },
    });
    expect((await ledgerRows(instance, p)).map((r) => r.kind)).toEqual(['refund', 'report', 'opening']);
  });

  it('rejects a person-paid request without touching the wallet', async () => {
    const p = await panel(instance);
    const { trackingCode } = await asked(instance, p, natural(mobile, 'person'));
    const res = await act(p, trackingCode, 'reject');
    expect(res).toEqual({ status: 200, body: view(trackingCode, natural(mobile, 'person'), startMs, { state: 'rejected', rejectedAt: at(startMs) }) });
    expect((await ledgerRows(instance, p)).map((r) => r.kind)).toEqual(['opening']);
  });
});

describe('POST /_sandbox/tenants/{id}/ice/reports/{trackingCode}/pay', () => {
  it('pays a person-paid request with the card given and approves it', async () => {
    const p = await panel(instance);
    const { trackingCode } = await asked(instance, p, natural(mobile, 'person'));
    const res = await act(p, trackingCode, 'pay', { card: '6037990000010013', bank: 'mellat' });
    expect(res).toEqual({ status: 200, body: view(trackingCode, natural(mobile, 'person'), startMs, { state: 'viewable', approvedAt: at(startMs), viewableUntil: at(startMs + hours(24)) }) });
  });

  it('a failing card answers 402 and leaves it pending', async () => {
    const p = await panel(instance);
    const { trackingCode } = await asked(instance, p, natural(mobile, 'person'));
    const res = await act(p, trackingCode, 'pay', { card: '6221060000050058' });
    expect(res.status).toBe(402);
    expect(res.body.details).toMatchObject({ status: 'failed', failure: 'card_blocked', state: 'pending' });
    expect((await apiView(p, trackingCode)).state).toBe('pending');
  });

  it('refuses a wallet-paid request (nothing to pay) and a body without a card', async () => {
    const p = await panel(instance);
    const credit = await asked(instance, p);
    expect(await act(p, credit.trackingCode, 'pay', { card: '6037990000010013' })).toEqual({
      status: 409,
      body: { error: 'not_person_paid', message: `report ${credit.trackingCode} is paid from the business's credit: the person has nothing to pay`, details: { payer: 'credit' } },
    });
    const person = await asked(instance, p, natural(mobile, 'person'));
    expect((await act(p, person.trackingCode, 'pay', {})).status).toBe(400);
    expect((await act(p, person.trackingCode, 'pay')).status).toBe(400);
    expect((await apiView(p, person.trackingCode)).state).toBe('pending');
  });
});

describe('refusals common to the three actions', () => {
  it('404 for an unknown tenant, an unknown tracking code, or another tenant’s request', async () => {
    const p = await panel(instance);
    const other = await panel(instance);
    const { trackingCode } = await asked(instance, other);
    for (const action of ['approve', 'reject', 'pay'] as const) {
      const body = action === 'pay' ? { card: '6037990000010013' } : undefined;
      expect(await act(p, trackingCode, action, body)).toEqual({
        status: 404,
        body: { error: 'not_found', message: `report ${trackingCode} of tenant ${p.tenant.id} does not exist` },
      });
      const missing = await control(instance, 'POST', `/tenants/no-such-tenant/ice/reports/${trackingCode}/${action}`, body);
      expect(missing.status).toBe(404);
      expect(await missing.json()).toEqual({ error: 'not_found', message: 'tenant no-such-tenant does not exist' });
    }
    expect((await apiView(other, trackingCode)).state).toBe('pending');
  });

  it('409 with the state for a request no longer pending: approved, expired (as the tenant clock runs), deleted', async () => {
    const p = await panel(instance, { consentLifetimeMinutes: 10 });
    const approved = await asked(instance, p);
    expect((await act(p, approved.trackingCode, 'approve')).status).toBe(200);
    const lapsed = await asked(instance, p, natural(mobile, 'person'));
    const deleted = await asked(instance, p);
    expect((await call(instance, p, `/api/v1/reports/${deleted.trackingCode}`, { method: 'DELETE' })).status).toBe(200);
    await clockTo(instance, p, startMs + minutes(10));
    const cases = [
      [approved.trackingCode, 'viewable'],
      [lapsed.trackingCode, 'expired'],
      [deleted.trackingCode, 'deleted'],
    ] as const;
    for (const [trackingCode, state] of cases) {
      for (const action of ['approve', 'reject', 'pay'] as const) {
        const res = await act(p, trackingCode, action, action === 'pay' ? { card: '6037990000010013' } : undefined);
        expect(res).toEqual({ status: 409, body: { error: 'report_not_pending', message: `report ${trackingCode} is ${state}, no longer pending`, details: { state } } });
      }
    }
  });
});

describe('the published test values of the person’s side', () => {
  it('each value of endpoint consent-page, sent as published, gives the outcome it names', async () => {
    const res = await control(instance, 'GET', '/test-values?provider=ice&endpoint=consent-page');
    const values = (await res.json()) as { outcome: string; request: { method: string; path: string; headers?: Record<string, string>; body?: Record<string, string> } }[];
    const outcomes: Record<string, { payer: 'credit' | 'person'; status: number; state: string }> = {
      approved: { payer: 'credit', status: 200, state: 'viewable' },
      'to-bank-page': { payer: 'person', status: 303, state: 'pending' },
      rejected: { payer: 'credit', status: 200, state: 'rejected' },
      'person-approves': { payer: 'person', status: 200, state: 'viewable' },
      'person-payment-fails': { payer: 'person', status: 402, state: 'pending' },
      'person-rejects': { payer: 'credit', status: 200, state: 'rejected' },
      'person-pays': { payer: 'person', status: 200, state: 'viewable' },
    };
    expect(values.map((v) => v.outcome)).toEqual(Object.keys(outcomes));
    for (const value of values) {
      const expected = outcomes[value.outcome]!;
      const p = await panel(instance);
      const r = await asked(instance, p, natural(mobile, expected.payer));
      const path = value.request.path.replace('{{consentToken}}', r.consentToken).replace('{{tenantId}}', p.tenant.id).replace('{{trackingCode}}', r.trackingCode);
      const type = value.request.headers?.['Content-Type'];
      const body = value.request.body === undefined ? undefined : type === 'application/json' ? JSON.stringify(value.request.body) : new URLSearchParams(value.request.body).toString();
      const sent = await instance.app.request(path.startsWith('/_sandbox') ? path : `/ice${path}`, { method: value.request.method, headers: value.request.headers ?? {}, body });
      expect({ outcome: value.outcome, status: sent.status }).toEqual({ outcome: value.outcome, status: expected.status });
      expect({ outcome: value.outcome, state: (await apiView(p, r.trackingCode)).state }).toEqual({ outcome: value.outcome, state: expected.state });
      if (value.outcome === 'to-bank-page') expect(sent.headers.get('location')).toMatch(/^http:\/\/localhost\/ice\/bank\/mellat\//);
    }
  });
});
