// A buyer who gives an email gets a receipt (seed 002 lines 123, 132, 137): stored in the
// outbox as an email with the amount, tracking code, merchant, Jalali date and masked card; a
// failed payment's receipt keeps what the buyer needs to trace it.
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { captchaOf } from '../../src/providers/freepay/payments.js';

const app = sandbox();
afterAll(() => app.close());

type Merchant = { id: string; api: string };

async function requested(m: Merchant, amount: number, extra: Record<string, string> = {}) {
  await control(app, 'POST', `/tenants/${m.id}/clock`, { freeze: true });
  await control(app, 'POST', `/tenants/${m.id}/clock`, { set: '2026-11-23T10:00:00+03:30' });
  const res = await freepayForm(app, '/payment/request', { api: m.api, amount: String(amount), callback: 'http://localhost/back', ...extra });
  return ((await json(res)) as { authority: string }).authority;
}
const onPage = (authority: string, card: string, email: string) =>
  freepayForm(app, `/payment/gateway:${authority}`, { card, pin2: '12345', cvv2: '123', expMonth: '12', expYear: '09', captcha: captchaOf(authority), email, action: 'pay' });
const outbox = async (m: Merchant, query = '') => {
  const res = await control(app, 'GET', `/tenants/${m.id}/outbox${query}`);
  expect(res.status).toBe(200);
  return ((await json(res)) as { entries: unknown[] }).entries;
};
const refIdOf = async (m: Merchant, authority: string) =>
  ((await json(await app.app.request(`/freepay/panel/transactions/${authority}`, { headers: { Authorization: `Bearer ${m.api}` } }))) as { transaction: { ref_id: string } }).transaction.ref_id;

describe('email receipts', () => {
  it('the email typed on the payment page gets the receipt of a paid payment', async () => {
    const m = await merchant(app, { freepay: { name: 'کتاب‌فروشی نمونه' } });
    const authority = await requested(m, 1_250_000);
    const res = await onPage(authority, '6037 9900 0001 0013', 'buyer@example.com');
    expect(res.status).toBe(303);
    const refId = await refIdOf(m, authority);
    expect(await outbox(m)).toEqual([
      {
        id: expect.any(Number),
        at: '2026-11-23T06:30:00.000Z',
        provider: 'freepay',
        channel: 'email',
        recipient: 'buyer@example.com',
        message: {
          subject: 'رسید پرداخت موفق: کتاب‌فروشی نمونه',
          text: [
            'رسید پرداخت اینترنتی فری‌پی',
            'وضعیت: موفق',
            'پذیرنده: کتاب‌فروشی نمونه',
            'مبلغ: ۱٬۲۵۰٬۰۰۰ ریال',
            `کد پیگیری: ${refId}`,
            `شناسه پرداخت: ${authority}`,
            'کارت: 603799******0013',
            'تاریخ: 1405/09/02 10:00:00',
          ].join('\n'),
        },
      },
    ]);
  });

  it('the email given with the request gets the receipt when the page leaves it empty (control API acting as the buyer)', async () => {
    const m = await merchant(app);
    const authority = await requested(m, 150_000, { email: 'from-request@example.com', mobile: '09121112233' });
    expect((await control(app, 'POST', `/tenants/${m.id}/freepay/payments/${authority}/pay`, { card: '6037990000010013' })).status).toBe(200);
    const entries = (await outbox(m, '?channel=email')) as { recipient: string; message: { subject: string } }[];
    expect(entries.map((e) => [e.recipient, e.message.subject])).toEqual([['from-request@example.com', 'رسید پرداخت موفق: فروشگاه آزمایشی مهک']]);
    // The page's email wins over the request's.
    const other = await requested(m, 150_000, { email: 'from-request@example.com' });
    await control(app, 'POST', `/tenants/${m.id}/freepay/payments/${other}/pay`, { card: '6037990000010013', email: 'typed@example.com' });
    expect(((await outbox(m, '?channel=email&limit=1')) as { recipient: string }[]).map((e) => e.recipient)).toEqual(['typed@example.com']);
    // Verify sends nothing more.
    await freepayForm(app, '/payment/verify', { api: m.api, authority, amount: '150000' });
    expect(await outbox(m, '?channel=email')).toHaveLength(2);
  });

  it('a failed payment’s receipt says why and keeps the payment id to trace it; the money taken says it comes back', async () => {
    const m = await merchant(app);
    const authority = await requested(m, 90_000);
    expect((await onPage(authority, '5022290000090092', 'buyer@example.com')).status).toBe(303);
    expect(await outbox(m, '?channel=email')).toEqual([
      {
        id: expect.any(Number),
        at: '2026-11-23T06:30:00.000Z',
        provider: 'freepay',
        channel: 'email',
        recipient: 'buyer@example.com',
        message: {
          subject: 'رسید پرداخت ناموفق: فروشگاه آزمایشی مهک',
          text: [
            'رسید پرداخت اینترنتی فری‌پی',
            'وضعیت: ناموفق (تراکنش ناموفق بود؛ مبلغ کسرشده حداکثر تا ۷۲ ساعت کاری به کارت بازمی‌گردد)',
            'پذیرنده: فروشگاه آزمایشی مهک',
            'مبلغ: ۹۰٬۰۰۰ ریال',
            `شناسه پرداخت: ${authority}`,
            'کارت: 502229******0092',
            'تاریخ: 1405/09/02 10:00:00',
          ].join('\n'),
        },
      },
    ]);
  });

  it('no email, no receipt; a cancelled payment gets none either', async () => {
    const m = await merchant(app);
    const paid = await requested(m, 90_000);
    await control(app, 'POST', `/tenants/${m.id}/freepay/payments/${paid}/pay`, { card: '6037990000010013' });
    const cancelled = await requested(m, 90_000, { email: 'buyer@example.com' });
    await control(app, 'POST', `/tenants/${m.id}/freepay/payments/${cancelled}/pay`, { cancel: true });
    expect(await outbox(m, '?channel=email')).toEqual([]);
  });
});

describe('GET /_sandbox/tenants/{id}/outbox?channel=', () => {
  it('takes email, and names the three channels when the value is another', async () => {
    const m = await merchant(app);
    expect(await outbox(m, '?channel=email')).toEqual([]);
    const res = await control(app, 'GET', `/tenants/${m.id}/outbox?channel=fax`);
    expect({ status: res.status, body: await json(res) }).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: 'channel: must be sms, webhook or email', details: [{ path: 'channel', message: 'must be sms, webhook or email' }] },
    });
  });
});
