// A failed payment says its class (help centre, seed 002 lines 173–177: acceptor, user, issuer,
// Shaparak, business) in verify and in the panel, with a test card for each; "payment information
// is not correct" (line 146) is its own code; a Shetab discrepancy's money is back within two
// working days (line 204).
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { failureClasses, failureClassOf, failureReasons, freepayCodes, testCards, type FailureReason } from '../../src/providers/freepay/catalog.js';

const app = sandbox();
afterAll(() => app.close());

type Merchant = { id: string; api: string };

async function failedWith(m: Merchant, card: string): Promise<string> {
  const { authority } = (await json(await freepayForm(app, '/payment/request', { api: m.api, amount: '90000', callback: 'http://localhost/back' }))) as { authority: string };
  const paid = await control(app, 'POST', `/tenants/${m.id}/freepay/payments/${authority}/pay`, { card });
  expect(await json(paid)).toEqual({ redirect: `http://localhost/back?authority=${authority}&status=FAILED` });
  return authority;
}
const verify = async (m: Merchant, authority: string, headers: Record<string, string> = {}) => {
  const res = await freepayForm(app, '/payment/verify', { api: m.api, authority, amount: '90000' }, headers);
  return { status: res.status, body: await json(res) };
};
const transaction = async (m: Merchant, authority: string) => {
  const res = await app.app.request(`/freepay/panel/transactions/${authority}`, { headers: { Authorization: `Bearer ${m.api}` } });
  expect(res.status).toBe(200);
  return ((await json(res)) as { transaction: Record<string, unknown> }).transaction;
};
const balances = async (m: Merchant) => ((await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: { balances: Record<string, number> } }).freepay.balances;

/** What verify answers for a payment that failed for `failure`, under the code it takes. */
const failedAnswer = (authority: string, failure: FailureReason, code: 'paymentFailed' | 'paymentInfoIncorrect' = 'paymentFailed') => ({
  status: 409,
  body: {
    status: freepayCodes[code].status,
    message: freepayCodes[code].message,
    authority,
    failure,
    reason_message: failureReasons[failure],
    failure_class: failureClassOf[failure],
    failure_class_message: failureClasses[failureClassOf[failure]],
  },
});

describe('the five failure classes', () => {
  it('names each class in Persian as the help centre does', () => {
    expect(failureClasses).toEqual({ acceptor: 'خطای پذیرندگی', user: 'خطای کاربری', issuer: 'خطای صادرکنندگی', shaparak: 'خطای شاپرکی', business: 'خطای کسب‌وکار' });
  });

  it.each([
    ['6274880000100108', 'psp_switch_error', 'acceptor'],
    ['6104330000020027', 'insufficient_funds', 'user'],
    ['6219860000060062', 'issuer_unavailable', 'issuer'],
    ['6277600000110114', 'shaparak_switch_error', 'shaparak'],
    ['6393460000120129', 'system_operation', 'business'],
  ] as const)('card %s fails with %s, of class %s: verify answers -11 with the class, the panel shows it', async (card, failure, failureClass) => {
    const m = await merchant(app);
    const authority = await failedWith(m, card);
    const answer = failedAnswer(authority, failure);
    expect(answer.body.failure_class).toBe(failureClass);
    expect(await verify(m, authority)).toEqual(answer);
    expect(await transaction(m, authority)).toMatchObject({
      status: 'failed',
      failure,
      failure_message: failureReasons[failure],
      failure_class: failureClass,
      failure_class_message: failureClasses[failureClass],
    });
  });

  it('every failing test card has a class, and every class has at least one test card', () => {
    const failing = testCards.filter((card) => card.outcome !== 'success' && card.outcome !== 'buyer_cancels');
    const classes = new Set(failing.map((card) => failureClassOf[card.outcome as FailureReason]));
    expect([...classes].sort()).toEqual(Object.keys(failureClasses).sort());
  });

  it('a payment that did not fail has no class in the panel', async () => {
    const m = await merchant(app);
    const { authority } = (await json(await freepayForm(app, '/payment/request', { api: m.api, amount: '90000', callback: 'http://localhost/back' }))) as { authority: string };
    expect(await transaction(m, authority)).toMatchObject({ status: 'pending', failure: null, failure_message: null, failure_class: null, failure_class_message: null });
  });
});

describe('"payment information is not correct" (line 146)', () => {
  it.each([
    ['6279610000130135', 'payment_info_incorrect'],
    ['5892100000030039', 'wrong_pin2'],
  ] as const)('card %s (%s): verify answers -14 "اطلاعات پرداخت صحیح نیست", a user error', async (card, failure) => {
    const m = await merchant(app);
    const authority = await failedWith(m, card);
    expect(freepayCodes.paymentInfoIncorrect).toMatchObject({ status: -14, http: 409, message: 'اطلاعات پرداخت صحیح نیست' });
    expect(await verify(m, authority)).toEqual(failedAnswer(authority, failure, 'paymentInfoIncorrect'));
  });

  it('X-Sandbox-Error: paymentInfoIncorrect (or -14) on verify answers it on demand', async () => {
    const m = await merchant(app);
    for (const wanted of ['paymentInfoIncorrect', '-14']) {
      expect(await verify(m, '12345678901234', { 'X-Sandbox-Error': wanted })).toEqual({ status: 409, body: { status: -14, message: 'اطلاعات پرداخت صحیح نیست' } });
    }
  });
});

describe('a Shetab discrepancy (line 204)', () => {
  it('takes the money and returns it two working days later, a Friday skipped: failed Wednesday 1405/04/10 10:00, back Saturday 1405/04/13 10:00', async () => {
    const m = await merchant(app);
    await control(app, 'POST', `/tenants/${m.id}/clock`, { freeze: true });
    await control(app, 'POST', `/tenants/${m.id}/clock`, { set: '2026-07-01T10:00:00+03:30' });
    const authority = await failedWith(m, '6276480000140143');
    const due = { iso: '2026-07-04T06:30:00.000Z', jalali: '1405/04/13 10:00:00' };
    expect(await balances(m)).toEqual({ FREEPAY: 0, FREEPAY_HELD: 90000 });
    expect(await transaction(m, authority)).toMatchObject({ status: 'failed', failure: 'shetab_discrepancy', failure_class: 'issuer', reversal_due_at: due, reversed_at: { iso: null, jalali: null } });
    expect(await verify(m, authority)).toEqual(failedAnswer(authority, 'shetab_discrepancy'));

    // Two clock days on is Friday 10:00: only a working day and 14 hours have passed.
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 48 * 3600 });
    expect(await balances(m)).toEqual({ FREEPAY: 0, FREEPAY_HELD: 90000 });
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 24 * 3600 - 1 });
    expect((await transaction(m, authority)).status).toBe('failed');
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 1 });
    expect(await balances(m)).toEqual({ FREEPAY: 0, FREEPAY_HELD: 0 });
    expect(await transaction(m, authority)).toMatchObject({ status: 'reversed', reversed_at: due });
    expect(await verify(m, authority)).toEqual(failedAnswer(authority, 'shetab_discrepancy'));
  });
});

describe('the test values', () => {
  it("name each failing card's class and the code verify answers for it", async () => {
    const values = (await json(await control(app, 'GET', '/test-values?provider=freepay'))) as { outcome: string; note: string }[];
    const notes = Object.fromEntries(values.map((v) => [v.outcome, v.note]));
    expect(notes.shaparak_switch_error).toBe("POST: refused by Shaparak's switch. A shaparak error; verify answers -11 (paymentFailed)");
    expect(notes.payment_info_incorrect).toBe("SANAT_VA_MADAN: refused: the CVV2 or expiry typed is not the card's (whatever is typed); payment information is not correct. A user error; verify answers -14 (paymentInfoIncorrect)");
    expect(notes.success).toBe('MELLI: paid; verify succeeds');
  });
});
