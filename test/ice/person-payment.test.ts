// A person's payment for a person-paid request is their consent: the request is viewable the
// moment the bank takes the money, not when the browser comes back, and not lost to an expiry;
// a request deleted or rejected meanwhile closes its open bank page, so no money lands on it.
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { iceCharges } from '../../src/db/schema/index.js';
import { bankForm, typed } from './bank-helpers.js';
import { answer, asked, mobile } from './person-helpers.js';
import { at, call, clockTo, clockedInstance, hours, minutes, natural, panel, startMs, view } from './report-helpers.js';

const instance = clockedInstance();
afterAll(() => instance.close());

/** Approve on the consent page, then the bank page's path and captcha. */
async function toBank(path: string) {
  const res = await answer(instance, path, { action: 'approve', bank: 'saman' });
  expect(res.status).toBe(303);
  const bankPath = new URL(res.headers.get('location')!).pathname;
  const bankPage = await instance.app.request(bankPath);
  expect(bankPage.status).toBe(200);
  return { bankPath, captcha: bankPage.headers.get('x-sandbox-captcha')! };
}

describe('a person-paid request and its payment', () => {
  it('is viewable as of the payment although the browser never follows the redirect back', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    await clockTo(instance, p, startMs + minutes(4));
    const { bankPath, captcha } = await toBank(r.path);
    expect((await bankForm(instance, bankPath, typed('6037990000010013', captcha))).status).toBe(303);
    const got = await call(instance, p, `/api/v1/reports/${r.trackingCode}`);
    expect(got).toEqual({
      status: 200,
      body: view(r.trackingCode, natural(mobile, 'person'), startMs, { state: 'viewable', approvedAt: at(startMs + minutes(4)), viewableUntil: at(startMs + minutes(4) + hours(24)) }),
    });
  });

  it('paid before the consent lapsed, it is approved as of the payment rather than expired', async () => {
    const p = await panel(instance, { consentLifetimeMinutes: 30 });
    const r = await asked(instance, p, natural(mobile, 'person'));
    await clockTo(instance, p, startMs + minutes(10));
    const { bankPath } = await toBank(r.path);
    // The payment's record as a crash between the bank's answer and the approval would leave it.
    const token = bankPath.split('/').pop()!;
    instance.deps.db.update(iceCharges).set({ status: 'paid', finishedAtMs: startMs + minutes(12), cardPan: '603799******0013', reference: '123456789012' }).where(eq(iceCharges.paymentToken, token)).run();
    await clockTo(instance, p, startMs + minutes(45));
    const got = await call(instance, p, `/api/v1/reports/${r.trackingCode}`);
    expect(got.body).toEqual(
      view(r.trackingCode, natural(mobile, 'person'), startMs, { state: 'viewable', approvedAt: at(startMs + minutes(12)), viewableUntil: at(startMs + minutes(12) + hours(24)), consentExpiresAt: at(startMs + minutes(30)) }),
    );
  });

  for (const [how, act] of [
    ['deleted by the business', (p: Awaited<ReturnType<typeof panel>>, r: { trackingCode: string }) => call(instance, p, `/api/v1/reports/${r.trackingCode}`, { method: 'DELETE' })],
    ['rejected in another tab', (_: unknown, r: { path: string }) => answer(instance, r.path, { action: 'reject' })],
  ] as const) {
    it(`closes the open bank page when the request is ${how}: the card is never charged`, async () => {
      const p = await panel(instance);
      const r = await asked(instance, p, natural(mobile, 'person'));
      const { bankPath, captcha } = await toBank(r.path);
      expect((await act(p, r as never)).status).toBeLessThan(400);
      const paid = await bankForm(instance, bankPath, typed('6037990000010013', captcha));
      expect(paid.status).toBe(410);
      const token = bankPath.split('/').pop()!;
      expect(instance.deps.db.select({ status: iceCharges.status }).from(iceCharges).where(eq(iceCharges.paymentToken, token)).get()).toEqual({ status: 'cancelled' });
    });
  }
});
