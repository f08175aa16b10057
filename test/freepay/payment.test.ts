// The whole Freepay flow over HTTP: request → page → pay or cancel (the page's form, or the
// control API acting as the buyer) → callback → verify; every test card; idempotent verify
// under concurrency; money taken by a failed payment returned 72 hours later.
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { freepayCodes, testCards } from '../../src/providers/freepay/catalog.js';
import { captchaOf } from '../../src/providers/freepay/payments.js';
import { manualClock } from '../../src/core/clock.js';
import { createInstance } from '../../src/instance.js';
import { faDigits } from '../../src/web/index.js';

const start = Date.parse('2026-11-23T08:00:00Z');
const wall = manualClock(start);
const app = createInstance({ db: ':memory:', worldSeed: 'test-world', wall });
afterAll(() => app.close());

async function requested(m: { api: string }, amount = 150_000, extra: Record<string, string> = {}) {
  const res = await freepayForm(app, '/payment/request', { api: m.api, amount: String(amount), callback: 'http://localhost:3000/callback?order=7', ...extra });
  return ((await json(res)) as { authority: string }).authority;
}

const payAs = (tenantId: string, authority: string, body: unknown) => control(app, 'POST', `/tenants/${tenantId}/freepay/payments/${authority}/pay`, body);
const verify = (m: { api: string }, authority: string, amount = '150000') => freepayForm(app, '/payment/verify', { api: m.api, authority, amount });
const answered = async (res: Response) => ({ status: res.status, body: await json(res) });
const code = (name: keyof typeof freepayCodes) => ({ status: freepayCodes[name].status, message: freepayCodes[name].message });
const callback = (authority: string, status: string) => `http://localhost:3000/callback?order=7&authority=${authority}&status=${status}`;

describe('the gateway page', () => {
  it('shows merchant, amount in Persian digits, captcha answer, countdown and the test cards, in Persian right to left', async () => {
    const m = await merchant(app, { freepay: { name: 'کتاب‌فروشی نمونه' } });
    const authority = await requested(m, 1_250_000, { description: 'دو جلد کتاب' });
    const res = await app.app.request(`/freepay/payment/gateway:${authority}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="fa" dir="rtl">/i);
    expect(html).toContain('<strong id="merchant">کتاب‌فروشی نمونه</strong>');
    expect(html).toContain('<strong class="amount" id="amount">۱٬۲۵۰٬۰۰۰ ریال</strong><span class="toman" id="amount-toman">۱۲۵٬۰۰۰ تومان</span>');
    expect(html).toContain(`<span dir="ltr" class="num" id="reference">${faDigits(authority)}</span>`);
    // The header is for machines: Latin digits; the page shows the same captcha in Persian.
    expect(res.headers.get('x-sandbox-captcha')).toBe(captchaOf(authority));
    expect(captchaOf(authority)).toMatch(/^\d{5}$/);
    expect(html).toContain('دو جلد کتاب');
    expect(html).toContain(`<output id="captcha-answer" title="در محیط آزمایشی پاسخ کد امنیتی نمایش داده می‌شود">${faDigits(captchaOf(authority))}</output>`);
    expect(html).toContain('data-expires-in="900">۱۵:۰۰</span>');
    for (const card of testCards) expect(html).toContain(`data-card="${card.number}"`);
    for (const card of testCards) expect(html).toContain(faDigits(card.number.replace(/(.{4})(?=.)/g, '$1 ')));
    expect(html).toContain('name="viewport"');
  });

  it('checks the form on the server: errors shown, form kept (never PIN2 or CVV2), payment still open', async () => {
    const m = await merchant(app);
    const authority = await requested(m);
    const res = await freepayForm(app, `/payment/gateway:${authority}`, { card: '6037 9900 0001 0014', pin2: '12', cvv2: '1', expMonth: '13', expYear: '07', captcha: '00000', email: 'x', action: 'pay' });
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const message of ['شماره کارت معتبر نیست', 'رمز دوم باید ۵ تا ۱۲ رقم باشد', 'CVV2 باید ۳ یا ۴ رقم باشد', 'تاریخ انقضا را به صورت ماه (۱ تا ۱۲) و سال (دو رقم) وارد کنید', 'کد امنیتی درست نیست', 'نشانی ایمیل معتبر نیست']) {
      expect(html).toContain(message);
    }
    expect(html).toContain('value="۶۰۳۷ ۹۹۰۰ ۰۰۰۱ ۰۰۱۴"');
    expect(html).toContain('value="۱۳"');
    expect(html).not.toContain('value="۱۲"');
    expect(html).not.toContain('value="12"');
    expect((await payAs(m.id, authority, { card: '6037990000010013' })).status).toBe(200);
  });

  it('refuses an expiry in the past on the Jalali calendar of the tenant clock', async () => {
    const m = await merchant(app);
    const authority = await requested(m);
    // 2026-11-23 is 1405/09/02: 05/08 has passed, 05/09 has not.
    const form = { card: '6037990000010013', pin2: '12345', cvv2: '123', expYear: '05', captcha: captchaOf(authority), action: 'pay' };
    const past = await freepayForm(app, `/payment/gateway:${authority}`, { ...form, expMonth: '08' });
    expect(past.status).toBe(422);
    expect(await past.text()).toContain('تاریخ انقضای کارت گذشته است');
    const current = await freepayForm(app, `/payment/gateway:${authority}`, { ...form, expMonth: '09' });
    expect(current.status).toBe(303);
    expect(current.headers.get('location')).toBe(callback(authority, 'OK'));
  });

  it('Cancel sends the buyer back as cancelled; the page is then closed', async () => {
    const m = await merchant(app);
    const authority = await requested(m);
    const res = await freepayForm(app, `/payment/gateway:${authority}`, { action: 'cancel' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(callback(authority, 'CANCELLED'));
    const again = await app.app.request(`/freepay/payment/gateway:${authority}`);
    expect(again.status).toBe(410);
    expect(await again.text()).toContain('data-reason="used"');
    expect(await answered(await verify(m, authority))).toEqual({ status: 409, body: code('cancelled') });
  });

  it('an unknown authority and an expired one get a page saying so', async () => {
    const unknown = await app.app.request('/freepay/payment/gateway:12345678');
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('پرداختی با این شناسه وجود ندارد.');
    const m = await merchant(app, { freepay: { authorityLifetimeSeconds: 60 } });
    const authority = await requested(m);
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 60 });
    const expired = await app.app.request(`/freepay/payment/gateway:${authority}`);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('مهلت این پرداخت به پایان رسیده است.');
    expect(await answered(await verify(m, authority))).toEqual({ status: 410, body: code('authorityExpired') });
    expect(await answered(await payAs(m.id, authority, { card: '6037990000010013' }))).toEqual({
      status: 409,
      body: { error: 'payment_closed', message: `payment ${authority} can no longer be made: it is expired`, details: { status: 'expired' } },
    });
  });
});

describe('test cards, through the control API', () => {
  const outcomes: [string, string, number, Record<string, unknown>][] = [
    ['6037990000010013', 'OK', 200, {}],
    ['6104330000020027', 'FAILED', 409, { failure: 'insufficient_funds', reason_message: 'موجودی حساب کافی نیست', failure_class: 'user', failure_class_message: 'خطای کاربری' }],
    ['5892100000030039', 'FAILED', 409, { ...code('paymentInfoIncorrect'), failure: 'wrong_pin2', reason_message: 'رمز دوم کارت نادرست است', failure_class: 'user', failure_class_message: 'خطای کاربری' }],
    ['6274120000040040', 'FAILED', 409, { failure: 'card_expired', reason_message: 'تاریخ اعتبار کارت به پایان رسیده است', failure_class: 'user', failure_class_message: 'خطای کاربری' }],
    ['6221060000050058', 'FAILED', 409, { failure: 'card_blocked', reason_message: 'کارت مسدود یا مفقود اعلام شده است', failure_class: 'user', failure_class_message: 'خطای کاربری' }],
    ['6219860000060062', 'FAILED', 409, { failure: 'issuer_unavailable', reason_message: 'بانک صادرکننده کارت در دسترس نیست', failure_class: 'issuer', failure_class_message: 'خطای صادرکنندگی' }],
    ['6273530000070071', 'CANCELLED', 409, {}],
    ['5022290000090092', 'FAILED', 409, { failure: 'deducted_then_failed', reason_message: 'تراکنش ناموفق بود؛ مبلغ کسرشده حداکثر تا ۷۲ ساعت کاری به کارت بازمی‌گردد', failure_class: 'acceptor', failure_class_message: 'خطای پذیرندگی' }],
    ['5022291234567897', 'OK', 200, {}],
  ];

  it.each(outcomes)('card %s: callback status %s, verify answers %i', async (card, status, verifyStatus, failure) => {
    const m = await merchant(app);
    const authority = await requested(m);
    expect(await answered(await payAs(m.id, authority, { card }))).toEqual({ status: 200, body: { redirect: callback(authority, status) } });
    const verified = await answered(await verify(m, authority));
    if (status === 'OK') {
      expect(verified).toEqual({
        status: 200,
        body: { ...code('ok'), amount: 150000, authority, ref_id: expect.stringMatching(/^\d{12}$/), card_pan: `${card.slice(0, 6)}******${card.slice(-4)}`, order_id: null, paid_at: new Date(wall.now()).toISOString() },
      });
    } else if (status === 'CANCELLED') {
      expect(verified).toEqual({ status: verifyStatus, body: code('cancelled') });
    } else {
      // wrong_pin2's row names its own code (-14); every other failure is -11.
      expect(verified).toEqual({ status: verifyStatus, body: { ...code('paymentFailed'), authority, ...failure } });
    }
  });

  it('the issuer that never answers holds the page for issuerTimeoutMs, then fails', async () => {
    const m = await merchant(app, { freepay: { issuerTimeoutMs: 300 } });
    const authority = await requested(m);
    const started = performance.now();
    expect(await answered(await payAs(m.id, authority, { card: '6037690000080087' }))).toEqual({ status: 200, body: { redirect: callback(authority, 'FAILED') } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect((await answered(await verify(m, authority))).body).toMatchObject({ status: -11, failure: 'issuer_timeout' });
  });

  it('refuses a card the page would refuse, and a payment of another tenant', async () => {
    const m = await merchant(app);
    const authority = await requested(m);
    expect(await answered(await payAs(m.id, authority, { card: '6037990000010014' }))).toEqual({
      status: 400,
      body: { error: 'card_refused', message: 'شماره کارت معتبر نیست', details: { errors: { card: 'شماره کارت معتبر نیست' } } },
    });
    const other = await merchant(app);
    expect((await payAs(other.id, authority, { card: '6037990000010013' })).status).toBe(404);
    expect((await payAs(m.id, authority, { cancel: true })).status).toBe(200);
    expect((await payAs(m.id, authority, { cancel: true })).status).toBe(409);
  });
});

describe('POST /freepay/payment/verify', () => {
  it('answers -12 for a wrong amount, -13 for another merchant, -7 for an unknown authority, -9 before payment, -2 for a bad key', async () => {
    const m = await merchant(app);
    const authority = await requested(m);
    expect(await answered(await verify(m, authority))).toEqual({ status: 409, body: code('notPaid') });
    await payAs(m.id, authority, { card: '6037990000010013' });
    expect(await answered(await verify(m, authority, '150001'))).toEqual({ status: 400, body: code('amountMismatch') });
    const other = await merchant(app);
    expect(await answered(await verify(other, authority))).toEqual({ status: 403, body: code('otherMerchant') });
    expect(await answered(await verify(m, '99999999999999'))).toEqual({ status: 404, body: code('unknownAuthority') });
    expect(await answered(await verify({ api: 'nope' }, authority))).toEqual({ status: 401, body: code('invalidApiKey') });
    expect(await answered(await freepayForm(app, '/payment/verify', { api: m.api, authority }))).toEqual({ status: 400, body: { status: -1, message: `${freepayCodes.invalidInput.message} (amount)` } });
    expect((await answered(await verify(m, authority))).body).toMatchObject({ status: 1 });
  });

  it('twenty concurrent verifies of one paid payment: exactly one "verified now", the merchant credited once', async () => {
    const m = await merchant(app);
    const authority = await requested(m, 777_000);
    await payAs(m.id, authority, { card: '6037990000010013' });
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify(m, authority, '777000').then(json)));
    const statuses = answers.map((a) => (a as { status: number }).status);
    expect(statuses.filter((s) => s === 1)).toHaveLength(1);
    expect(statuses.filter((s) => s === 2)).toHaveLength(19);
    const { status: _, message: __, ...first } = answers.find((a) => (a as { status: number }).status === 1) as Record<string, unknown>;
    for (const a of answers) expect(a).toMatchObject(first);
    const view = (await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: { balances: Record<string, number> } };
    expect(view.freepay.balances).toEqual({ FREEPAY: 777000, FREEPAY_HELD: 0 });
  });
});

describe('money taken by a failed payment', () => {
  it('is held, then returned to the card 72 hours later on the tenant clock, with a ledger entry and an SMS', async () => {
    const m = await merchant(app);
    const authority = await requested(m, 90_000, { mobile: '09121112233' });
    await payAs(m.id, authority, { card: '5022290000090092' });
    const balances = async () => ((await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: { balances: Record<string, number> } }).freepay.balances;
    expect(await balances()).toEqual({ FREEPAY: 0, FREEPAY_HELD: 90000 });
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 72 * 3600 - 1 });
    expect(await balances()).toEqual({ FREEPAY: 0, FREEPAY_HELD: 90000 });
    expect(((await json(await control(app, 'GET', `/tenants/${m.id}/outbox`))) as { entries: unknown[] }).entries).toEqual([]);
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 1 });
    // Any Freepay call of the tenant catches up with its clock.
    expect((await answered(await verify(m, authority, '90000'))).body).toMatchObject({ status: -11, failure: 'deducted_then_failed' });
    expect(await balances()).toEqual({ FREEPAY: 0, FREEPAY_HELD: 0 });
    const outbox = (await json(await control(app, 'GET', `/tenants/${m.id}/outbox`))) as { entries: Record<string, unknown>[] };
    expect(outbox.entries).toEqual([
      {
        id: expect.any(Number),
        at: new Date(wall.now() + 72 * 3600 * 1000).toISOString(),
        provider: 'freepay',
        channel: 'sms',
        recipient: '09121112233',
        message: { text: `فری‌پی: مبلغ ۹۰٬۰۰۰ ریال تراکنش ناموفق ${authority} به کارت 502229******0092 بازگشت داده شد.` },
      },
    ]);
  });
});
