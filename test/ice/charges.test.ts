// Charging the wallet: POST /ice/api/v1/wallet/charges and each refusal, GET of a charge in every
// state (expiry on the tenant clock), the control API acting as the payer, and the credit made
// exactly once however often the charge is paid, read or returned to, also 20 calls at once.
import { afterAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { eq } from 'drizzle-orm';
import { manualClock } from '../../src/core/clock.js';
import { createInstance } from '../../src/instance.js';
import { chargeById, createCharge, payCharge, paymentUrlOf } from '../../src/providers/ice/charges.js';
import { iceBusinesses } from '../../src/db/schema/index.js';
import { control } from '../helpers.js';
import { advance, ice, iceTenant, signIn } from './helpers.js';
import { openCharge, payAs, returnUrl, returned } from './bank-helpers.js';

// 2026-11-30 11:30 in Tehran: 1405/09/09.
const start = Date.parse('2026-11-30T08:00:00Z');
const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', wall: manualClock(start) });
afterAll(() => instance.close());

const at = (iso: string, date: string, time: string) => ({ at: iso, date, time });
const created = at('2026-11-30T11:30:00+03:30', '1405/09/09', '11:30');
const expires = at('2026-11-30T11:45:00+03:30', '1405/09/09', '11:45');

async function answered(res: Response) {
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

const readCharge = async (token: string, chargeId: string) => answered(await ice(instance, `/api/v1/wallet/charges/${chargeId}`, { token }));
const balance = async (token: string) => ((await (await ice(instance, '/api/v1/wallet', { token })).json()) as { balanceRial: number }).balanceRial;
async function chargeRows(token: string) {
  const res = await ice(instance, '/api/v1/wallet/transactions?size=100', { token });
  return ((await res.json()) as { transactions: { kind: string }[] }).transactions.filter((r) => r.kind === 'charge');
}

describe('POST /ice/api/v1/wallet/charges', () => {
  it('opens a charge on the bank page of its bank, its paymentUrl on the origin the call reached', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    for (const bank of ['saman', 'mellat'] as const) {
      const res = await instance.app.request('http://sandbox.example:8080/ice/api/v1/wallet/charges', {
        method: 'POST',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ amountRial: 5_000_000, bank, returnUrl }),
      });
      expect(res.status).toBe(201);
      const body = (await res.json()) as { chargeId: string; paymentUrl: string };
      expect(body).toEqual({
        chargeId: expect.stringMatching(/^chg_[\w-]{16}$/),
        paymentUrl: expect.stringMatching(new RegExp(`^http://sandbox\\.example:8080/ice/bank/${bank}/[\\w-]{24}$`)),
        amountRial: 5_000_000,
        bank,
        expiresAt: expires,
      });
    }
  });

  it('refuses an amount outside the tenant’s limits, or not whole, with the limits', async () => {
    const tenant = await iceTenant(instance, { ice: { chargeMinRial: 50_000, chargeMaxRial: 1_000_000 } });
    const token = await signIn(instance, tenant);
    for (const amountRial of [49_999, 1_000_001, 0, -5, 60_000.5]) {
      const res = await ice(instance, '/api/v1/wallet/charges', { token, body: { amountRial, bank: 'saman', returnUrl } });
      expect(await answered(res)).toEqual({ status: 400, body: { code: 'invalidAmount', message: 'مبلغ شارژ نامعتبر است', minRial: 50_000, maxRial: 1_000_000 } });
    }
    for (const amountRial of [50_000, 1_000_000]) {
      expect((await ice(instance, '/api/v1/wallet/charges', { token, body: { amountRial, bank: 'saman', returnUrl } })).status).toBe(201);
    }
  });

  it('refuses a return URL that is not http(s), a bank it does not know and a missing field, naming them', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const invalid = (errors: Record<string, string>) => ({ status: 400, body: { code: 'invalidInput', message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است', errors } });
    for (const bad of ['javascript:alert(1)', 'ftp://example.com/x', '/wallet/return', 'not a url']) {
      const res = await ice(instance, '/api/v1/wallet/charges', { token, body: { amountRial: 500_000, bank: 'saman', returnUrl: bad } });
      expect(await answered(res)).toEqual(invalid({ returnUrl: 'نشانی بازگشت باید نشانی کامل http یا https باشد' }));
    }
    const res = await ice(instance, '/api/v1/wallet/charges', { token, body: { amountRial: '500000', bank: 'pasargad' } });
    expect(await answered(res)).toEqual(invalid({ amountRial: expect.any(String), bank: 'یکی از این مقادیر: saman، mellat', returnUrl: 'این فیلد الزامی است' }));
  });

  it('refuses a business whose legal information is not approved: legalNotApproved, nothing opened', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    // A business whose legal review is still pending (the account's own flow is tested with it).
    instance.deps.db.update(iceBusinesses).set({ legalStatus: 'pending' }).where(eq(iceBusinesses.tenantId, tenant.id)).run();
    const res = await ice(instance, '/api/v1/wallet/charges', { token, body: { amountRial: 500_000, bank: 'saman', returnUrl } });
    expect(await answered(res)).toEqual({ status: 403, body: { code: 'legalNotApproved', message: 'اطلاعات حقوقی کسب‌وکار هنوز تأیید نشده است', legalStatus: 'pending' } });
    expect(await chargeRows(token)).toEqual([]);
  });

  it('answers an X-Sandbox-Error code it documents', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const res = await ice(instance, '/api/v1/wallet/charges', { token, body: { amountRial: 500_000, bank: 'saman', returnUrl }, headers: { 'X-Sandbox-Error': 'invalidAmount' } });
    expect(await answered(res)).toEqual({ status: 400, body: { code: 'invalidAmount', message: 'مبلغ شارژ نامعتبر است' } });
  });
});

describe('GET /ice/api/v1/wallet/charges/{chargeId}', () => {
  it('shows a pending charge, then the paid one with its card, reference and time', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const { chargeId, paymentUrl } = await openCharge(instance, token, { bank: 'mellat' });
    const pending = {
      chargeId,
      status: 'pending',
      amountRial: 500_000,
      bank: 'mellat',
      bankName: 'به‌پرداخت ملت',
      paymentUrl,
      returnUrl,
      failure: null,
      failureMessage: null,
      cardPan: null,
      reference: null,
      createdAt: created,
      expiresAt: expires,
      finishedAt: null,
    };
    expect(await readCharge(token, chargeId)).toEqual({ status: 200, body: pending });
    await advance(instance, tenant.id, 125);
    expect(await answered(await payAs(instance, tenant.id, chargeId, { card: '6037990000010013' }))).toEqual({ status: 200, body: { redirect: returned(chargeId, 'paid') } });
    expect(await readCharge(token, chargeId)).toEqual({
      status: 200,
      body: { ...pending, status: 'paid', cardPan: '603799******0013', reference: expect.stringMatching(/^[1-9]\d{11}$/), finishedAt: at('2026-11-30T11:32:05+03:30', '1405/09/09', '11:32') },
    });
  });

  it('reads a pending charge as expired once its page’s lifetime passes on the tenant clock, and it can no longer be paid', async () => {
    const tenant = await iceTenant(instance, { ice: { bankPageLifetimeMinutes: 5 } });
    const token = await signIn(instance, tenant);
    const { chargeId } = await openCharge(instance, token);
    await advance(instance, tenant.id, 299);
    expect((await readCharge(token, chargeId)).body.status).toBe('pending');
    await advance(instance, tenant.id, 1);
    expect(await readCharge(token, chargeId)).toMatchObject({ status: 200, body: { status: 'expired', finishedAt: null, expiresAt: at('2026-11-30T11:35:00+03:30', '1405/09/09', '11:35') } });
    expect(await answered(await payAs(instance, tenant.id, chargeId, { card: '6037990000010013' }))).toEqual({
      status: 409,
      body: { error: 'charge_closed', message: `charge ${chargeId} can no longer be paid: it is expired`, details: { status: 'expired' } },
    });
    expect(await balance(token)).toBe(10_000_000);
  });

  it('shows a failed charge’s reason by name and in Persian', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const { chargeId } = await openCharge(instance, token);
    expect((await payAs(instance, tenant.id, chargeId, { card: '6104330000020027' })).status).toBe(200);
    expect((await readCharge(token, chargeId)).body).toMatchObject({ status: 'failed', failure: 'insufficient_funds', failureMessage: 'موجودی حساب کافی نیست', cardPan: '610433******0027', reference: null });
  });

  it('answers chargeNotFound for an unknown id, another business’s charge and a person’s report payment', async () => {
    const a = await iceTenant(instance);
    const b = await iceTenant(instance);
    const tokenA = await signIn(instance, a);
    const { chargeId } = await openCharge(instance, tokenA);
    const report = createCharge(instance.deps, { tenantId: a.id, businessId: decodeJwt(tokenA).sub!, purpose: 'report', trackingCode: '1405000001', amountRial: 100_000, bank: 'saman', returnUrl }, start);
    const notFound = { status: 404, body: { code: 'chargeNotFound', message: 'تراکنش شارژ یافت نشد' } };
    expect(await readCharge(await signIn(instance, b), chargeId)).toEqual(notFound);
    expect(await readCharge(tokenA, 'chg_nothing')).toEqual(notFound);
    expect(await readCharge(tokenA, report.id)).toEqual(notFound);
  });
});

describe('POST /_sandbox/tenants/{id}/ice/charges/{chargeId}/pay', () => {
  it('cancels, and refuses an invalid card, an unknown charge and another tenant’s charge', async () => {
    const tenant = await iceTenant(instance);
    const other = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const { chargeId } = await openCharge(instance, token);
    expect(await answered(await payAs(instance, tenant.id, chargeId, { card: '6037990000010014' }))).toEqual({
      status: 400,
      body: { error: 'card_refused', message: 'شماره کارت معتبر نیست', details: { errors: { card: 'شماره کارت معتبر نیست' } } },
    });
    expect((await payAs(instance, other.id, chargeId, { cancel: true })).status).toBe(404);
    expect((await payAs(instance, tenant.id, 'chg_nothing', { cancel: true })).status).toBe(404);
    expect((await payAs(instance, tenant.id, chargeId, { card: '6037990000010013', cancel: true })).status).toBe(400);
    expect(await answered(await payAs(instance, tenant.id, chargeId, { cancel: true }))).toEqual({ status: 200, body: { redirect: returned(chargeId, 'cancelled') } });
    expect((await readCharge(token, chargeId)).body).toMatchObject({ status: 'cancelled', cardPan: null });
    expect(await answered(await payAs(instance, tenant.id, chargeId, { card: '6037990000010013' }))).toEqual({
      status: 409,
      body: { error: 'charge_closed', message: `charge ${chargeId} can no longer be paid: it is cancelled`, details: { status: 'cancelled' } },
    });
    expect(await balance(token)).toBe(10_000_000);
  });
});

describe('the credit, exactly once', () => {
  it('credits a paid charge once, whatever is paid, read or returned to after', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const { chargeId, path } = await openCharge(instance, token, { amountRial: 700_000 });
    expect((await payAs(instance, tenant.id, chargeId, { card: '6037990000010013' })).status).toBe(200);
    for (let i = 0; i < 3; i++) {
      expect((await payAs(instance, tenant.id, chargeId, { card: '6037990000010013' })).status).toBe(409);
      expect((await readCharge(token, chargeId)).body.status).toBe('paid');
      // The bank page again, as a browser's back button or a repeated return would open it.
      expect((await instance.app.request(path)).status).toBe(410);
    }
    expect(await balance(token)).toBe(10_700_000);
    expect(await chargeRows(token)).toEqual([expect.objectContaining({ chargeId, amountRial: 700_000, balanceAfterRial: 10_700_000 })]);
  });

  it('credits once under 20 concurrent payments of the same charge', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const { chargeId } = await openCharge(instance, token, { amountRial: 1_000_000 });
    const results = await Promise.all(Array.from({ length: 20 }, () => payAs(instance, tenant.id, chargeId, { card: '6037990000010013' })));
    expect(results.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(409)]);
    expect(await balance(token)).toBe(11_000_000);
    expect(await chargeRows(token)).toHaveLength(1);
  });

  it('never credits the wallet for a report charge: payCharge only records the person’s payment', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const businessId = decodeJwt(token).sub!;
    const charge = createCharge(instance.deps, { tenantId: tenant.id, businessId, purpose: 'report', trackingCode: '1405000002', amountRial: 100_000, bank: 'mellat', returnUrl: 'http://localhost/ice/c/tok' }, start);
    expect(paymentUrlOf('http://localhost:8080', charge)).toBe(`http://localhost:8080/ice/bank/mellat/${charge.paymentToken}`);
    const result = await payCharge(instance.deps, charge, { card: '6037990000010013' }, start);
    expect(result).toMatchObject({ kind: 'redirect', status: 'paid', url: `http://localhost/ice/c/tok?chargeId=${charge.id}&status=paid` });
    expect(chargeById(instance.deps.db, tenant.id, charge.id)).toMatchObject({ status: 'paid', cardPan: '603799******0013', finishedAtMs: start });
    expect(await balance(token)).toBe(10_000_000);
    expect(await chargeRows(token)).toEqual([]);
  });
});

describe('the tenant view', () => {
  it('still answers the tenant after charges', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    await openCharge(instance, token);
    expect((await control(instance, 'GET', `/tenants/${tenant.id}`)).status).toBe(200);
  });
});
