// The person's consent page (GET /ice/c/{consentToken}): what it says in each state, the answers
// posted to it (reject with the wallet refund, approve, and for a person-paid request the bank
// page and the way back), refusals as pages, outages, and 20 returns at once approving once.
import { afterAll, describe, expect, it } from 'vitest';
import { refundDescription, refusedDebitDescription } from '../../src/providers/ice/reports/lifecycle.js';
import { control } from '../helpers.js';
import { ice } from './helpers.js';
import { bankForm, payAs, typed } from './bank-helpers.js';
import { at, call, clockTo, clockedInstance, hours, ledgerRows, legal, minutes, natural, panel, startMs, view, type Panel } from './report-helpers.js';
import { answer, asked, mobile, page, textOf } from './person-helpers.js';
import { faDigits } from '../../src/web/index.js';

const instance = clockedInstance();
afterAll(() => instance.close());

const business = 'شرکت نمونه ماهک';
/** The consent lifetime's end for a request made at the start: 24 hours later, in the page's words. */
const deadline = '۱۴۰۵/۰۹/۱۰ ساعت ۱۰:۰۰';
const tryAgain = 'درخواست همچنان در انتظار پاسخ شماست؛ می‌توانید دوباره تلاش کنید.';

async function html(res: Response | Promise<Response>) {
  const r = await res;
  return { status: r.status, type: r.headers.get('content-type'), body: await r.text() };
}

const buttons = (body: string) => ({ approve: textOf(body, 'approve'), reject: textOf(body, 'reject') });
const state = async (p: Panel, trackingCode: string) => (await call(instance, p, `/api/v1/reports/${trackingCode}`)).body;

const opening = { description: 'موجودی اولیه حساب آزمایشی', amountRial: 10_000_000, direction: 'credit', balanceAfterRial: 10_000_000, kind: 'opening' };
const rowOf = (r: Record<string, unknown>) => {
  const { description, amountRial, direction, balanceAfterRial, kind, trackingCode } = r;
  return { description, amountRial, direction, balanceAfterRial, kind, ...(trackingCode === undefined ? {} : { trackingCode }) };
};

describe('GET /ice/c/{consentToken} while the request is pending', () => {
  it('shows a wallet-paid request: Persian, right to left, phone-sized, who asks for what, the tracking code, the deadline, Approve and Reject', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p);
    const res = await html(page(instance, r.path));
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html; charset=UTF-8');
    expect(res.body).toMatch(/^<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8"\/><meta name="viewport" content="width=device-width, initial-scale=1"\/><title>[^<]+<\/title><style>@font-face\{/);
    // The card page's frame, without a skin on the body.
    expect(res.body).toContain('</head><body><main><header class="brand">');
    expect(res.body).toContain('آیس | اعتبار یکپارچه سپهر');
    expect(textOf(res.body, 'lead')).toBe(`«${business}» درخواست دریافت گزارش اعتباری (کارنامه اعتباری) شما را دارد.`);
    expect(textOf(res.body, 'business')).toBe(business);
    expect(textOf(res.body, 'national-code')).toBe('۰۰۲۰۰۰۰۰۱۴');
    expect(textOf(res.body, 'tracking-code')).toBe(faDigits(r.trackingCode));
    expect(textOf(res.body, 'deadline')).toBe(deadline);
    expect(textOf(res.body, 'payer')).toBe(`هزینه گزارش را «${business}» پرداخت کرده است؛ پرداختی از سوی شما لازم نیست.`);
    expect(textOf(res.body, 'total')).toBeUndefined();
    expect(res.body).not.toContain('name="bank"');
    expect(res.body).toContain(`<form class="card" method="post" action="${r.path}">`);
    expect(buttons(res.body)).toEqual({ approve: 'تأیید', reject: 'رد' });
    expect(textOf(res.body, 'state')).toBeUndefined();
    expect(textOf(res.body, 'alert')).toBeUndefined();
  });

  it('shows a person-paid request with its price (report + VAT = total, Rial, Persian digits) and a choice of bank', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    const res = await html(page(instance, r.path));
    expect(res.status).toBe(200);
    expect(textOf(res.body, 'report-price')).toBe('۹۱٬۷۵۰ ریال');
    expect(textOf(res.body, 'vat')).toBe('۸٬۲۵۰ ریال');
    expect(textOf(res.body, 'total')).toBe('۱۰۰٬۰۰۰ ریال');
    expect(textOf(res.body, 'deadline')).toBe(deadline);
    expect(res.body).toContain('<input type="radio" name="bank" value="saman" checked=""/> بانک سامان');
    expect(res.body).toContain('<input type="radio" name="bank" value="mellat"/> به‌پرداخت ملت');
    expect(buttons(res.body)).toEqual({ approve: 'تأیید و پرداخت', reject: 'رد' });
  });

  it('names a legal person by its national ID, and the tenant’s own price', async () => {
    const p = await panel(instance, { reportPriceRial: 1_000_000, vatRial: 90_000 });
    const r = await asked(instance, p, legal(mobile, 'person'));
    const res = await html(page(instance, r.path));
    expect(textOf(res.body, 'lead')).toBe(`«${business}» درخواست دریافت گزارش اعتباری شرکت با شناسه ملی ۱۰۱۰۱۲۳۴۵۰۸ را دارد.`);
    expect(textOf(res.body, 'national-code')).toBeUndefined();
    expect(textOf(res.body, 'total')).toBe('۱٬۰۹۰٬۰۰۰ ریال');
  });

  it('escapes the business’s official name', async () => {
    const p = await panel(instance, { business: { officialName: 'شرکت <b>آزمون</b> & "پسران"' } });
    const r = await asked(instance, p);
    const res = await html(page(instance, r.path));
    expect(res.body).not.toContain('<b>آزمون</b>');
    expect(textOf(res.body, 'business')).toBe('شرکت <b>آزمون</b> & "پسران"');
  });
});

describe('GET /ice/c/{consentToken} once the request is no longer pending', () => {
  const finished = async (p: Panel, path: string) => {
    const res = await html(page(instance, path));
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/html; charset=UTF-8');
    expect(buttons(res.body)).toEqual({ approve: undefined, reject: undefined });
    expect(res.body).not.toContain('<form');
    expect(textOf(res.body, 'deadline')).toBeUndefined();
    expect(textOf(res.body, 'business')).toBe(business);
    return textOf(res.body, 'state');
  };

  it('says it was approved (until when the business may see the report), and later that the window closed', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural('09120000001'));
    expect(await finished(p, r.path)).toBe(`این درخواست را تأیید کرده‌اید؛ «${business}» اکنون می‌تواند گزارش اعتباری شما را ببیند (تا ${deadline}).`);
    await clockTo(instance, p, startMs + hours(30));
    expect(await finished(p, r.path)).toBe(`این درخواست را تأیید کرده‌اید؛ مهلت مشاهده گزارش برای «${business}» به پایان رسیده است.`);
  });

  it('says it was rejected', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural('09120000002'));
    expect(await finished(p, r.path)).toBe(`این درخواست را رد کرده‌اید؛ گزارش اعتباری شما در اختیار «${business}» قرار نگرفت.`);
  });

  it('says the time to answer ran out, from the instant it did on the tenant clock', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p);
    await clockTo(instance, p, startMs + hours(24) - 1000);
    expect(textOf((await html(page(instance, r.path))).body, 'deadline')).toBe(deadline);
    await clockTo(instance, p, startMs + hours(24));
    expect(await finished(p, r.path)).toBe(`مهلت پاسخ به این درخواست به پایان رسیده است؛ گزارش اعتباری شما در اختیار «${business}» قرار نگرفت.`);
  });

  it('says the business deleted it', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p);
    expect((await call(instance, p, `/api/v1/reports/${r.trackingCode}`, { method: 'DELETE' })).status).toBe(200);
    expect(await finished(p, r.path)).toBe(`«${business}» این درخواست را حذف کرده است؛ پاسخی از شما لازم نیست.`);
  });
});

describe('GET /ice/c/{consentToken}: unknown links and outages', () => {
  it('answers 404 with a page for a token no request has', async () => {
    const res = await html(page(instance, '/ice/c/no-such-token'));
    expect(res.status).toBe(404);
    expect(res.type).toBe('text/html; charset=UTF-8');
    expect(textOf(res.body, 'missing')).toBe('درخواستی با این پیوند یافت نشد. پیوند را همان‌گونه که در پیامک آمده است باز کنید.');
    expect(res.body).not.toContain('<form');
  });

  it('answers X-Sandbox-Error: serviceUnavailable as a 503 page, journalled under the request’s tenant, the request still pending', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p);
    const res = await html(page(instance, r.path, { 'X-Sandbox-Error': 'serviceUnavailable' }));
    expect(res.status).toBe(503);
    expect(res.type).toBe('text/html; charset=UTF-8');
    expect(textOf(res.body, 'missing')).toBe('سرویس موقتاً در دسترس نیست. لطفاً بعداً دوباره تلاش کنید.');
    const posted = await html(answer(instance, r.path, { action: 'approve' }, { 'X-Sandbox-Error': 'serviceUnavailable' }));
    expect(posted.status).toBe(503);
    expect((await state(p, r.trackingCode)).state).toBe('pending');
    const journal = await control(instance, 'GET', `/tenants/${p.tenant.id}/journal?endpoint=consent-page`);
    const { entries } = (await journal.json()) as { entries: { method: string; status: number; errorCode: string | null; requestBody: unknown; responseBody: unknown }[] };
    expect(entries.map(({ method, status, errorCode, requestBody, responseBody }) => ({ method, status, errorCode, requestBody, responseBody }))).toEqual([
      { method: 'POST', status: 503, errorCode: 'serviceUnavailable', requestBody: { action: 'approve' }, responseBody: { page: 'missing', reason: 'unavailable' } },
      { method: 'GET', status: 503, errorCode: 'serviceUnavailable', requestBody: null, responseBody: { page: 'missing', reason: 'unavailable' } },
    ]);
  });

  it('refuses an X-Sandbox-Error the page does not document, in JSON, naming the codes it does', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p);
    const res = await page(instance, r.path, { 'X-Sandbox-Error': 'reportNotFound' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalidInput',
      message: 'X-Sandbox-Error "reportNotFound" is not a code of consent-page; its codes: serviceUnavailable',
      documented: ['serviceUnavailable'],
    });
  });
});

describe('POST /ice/c/{consentToken}', () => {
  it('reject: the page says so, the request is rejected, and a wallet-paid request is refunded with the seed’s two rows', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p);
    const res = await html(answer(instance, r.path, { action: 'reject' }));
    expect(res.status).toBe(200);
    expect(textOf(res.body, 'state')).toBe(`این درخواست را رد کرده‌اید؛ گزارش اعتباری شما در اختیار «${business}» قرار نگرفت.`);
    expect(buttons(res.body)).toEqual({ approve: undefined, reject: undefined });
    expect(await state(p, r.trackingCode)).toEqual(view(r.trackingCode, natural(mobile), startMs, { state: 'rejected', rejectedAt: at(startMs), refundedAt: at(startMs) }));
    expect((await ledgerRows(instance, p)).map(rowOf)).toEqual([
      { description: refundDescription(mobile), amountRial: 100_000, direction: 'credit', balanceAfterRial: 10_000_000, kind: 'refund', trackingCode: r.trackingCode },
      { description: refusedDebitDescription(mobile), amountRial: 100_000, direction: 'debit', balanceAfterRial: 9_900_000, kind: 'report', trackingCode: r.trackingCode },
      opening,
    ]);
  });

  it('reject of a person-paid request leaves the wallet alone', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    expect((await answer(instance, r.path, { action: 'reject' })).status).toBe(200);
    expect((await state(p, r.trackingCode)).state).toBe('rejected');
    expect((await ledgerRows(instance, p)).map(rowOf)).toEqual([opening]);
  });

  it('approve of a wallet-paid request: viewable at once, the report readable, the wallet debited once', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p);
    await clockTo(instance, p, startMs + minutes(5));
    const res = await html(answer(instance, r.path, { action: 'approve' }));
    expect(res.status).toBe(200);
    expect(textOf(res.body, 'state')).toBe(`این درخواست را تأیید کرده‌اید؛ «${business}» اکنون می‌تواند گزارش اعتباری شما را ببیند (تا ۱۴۰۵/۰۹/۱۰ ساعت ۱۰:۰۵).`);
    const approved = { state: 'viewable', approvedAt: at(startMs + minutes(5)), viewableUntil: at(startMs + minutes(5) + hours(24)) };
    expect(await state(p, r.trackingCode)).toEqual(view(r.trackingCode, natural(mobile), startMs, approved));
    expect((await call(instance, p, `/api/v1/reports/${r.trackingCode}/credit-report`)).status).toBe(200);
    // A second answer is refused as a page saying what the first did; nothing changes.
    for (const action of ['approve', 'reject']) {
      const again = await html(answer(instance, r.path, { action }));
      expect(again.status).toBe(409);
      expect(textOf(again.body, 'state')).toBe(textOf(res.body, 'state'));
    }
    expect(await state(p, r.trackingCode)).toEqual(view(r.trackingCode, natural(mobile), startMs, approved));
    expect((await ledgerRows(instance, p)).map(rowOf)).toHaveLength(2);
  });

  it('refuses a form without a choice, with an unknown bank, or past its limit: the page again with an alert, the request pending', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    const cases: [Record<string, string>, number, string][] = [
      [{}, 400, 'یکی از دو گزینه تأیید یا رد را انتخاب کنید.'],
      [{ action: 'maybe' }, 400, 'یکی از دو گزینه تأیید یا رد را انتخاب کنید.'],
      [{ action: 'approve', bank: 'melli' }, 400, 'درگاه پرداخت را از میان بانک سامان و به‌پرداخت ملت انتخاب کنید.'],
      [{ action: 'approve', padding: 'x'.repeat(5000) }, 413, 'فرم ارسالی بزرگ‌تر از حد مجاز است؛ لطفاً دوباره تلاش کنید.'],
      [{ action: 'approve', padding: 'x'.repeat(70_000) }, 413, 'فرم ارسالی بزرگ‌تر از حد مجاز است؛ لطفاً دوباره تلاش کنید.'],
    ];
    for (const [fields, status, alert] of cases) {
      const res = await html(answer(instance, r.path, fields));
      expect({ status: res.status, type: res.type, alert: textOf(res.body, 'alert') }).toEqual({ status, type: 'text/html; charset=UTF-8', alert });
      expect(buttons(res.body)).toEqual({ approve: 'تأیید و پرداخت', reject: 'رد' });
    }
    expect((await state(p, r.trackingCode)).state).toBe('pending');
  });

  it('answers 404 with a page for a token no request has', async () => {
    const res = await html(answer(instance, '/ice/c/no-such-token', { action: 'approve' }));
    expect(res.status).toBe(404);
    expect(textOf(res.body, 'missing')).toBe('درخواستی با این پیوند یافت نشد. پیوند را همان‌گونه که در پیامک آمده است باز کنید.');
  });
});

/** Approve on the consent page: the redirect to the bank page, and that page's path and captcha. */
async function toBank(r: { path: string }, bank = 'mellat') {
  const res = await answer(instance, r.path, { action: 'approve', bank });
  expect(res.status).toBe(303);
  const location = res.headers.get('location')!;
  expect(location).toMatch(new RegExp(`^http://localhost/ice/bank/${bank}/[A-Za-z0-9_-]+$`));
  const bankPath = new URL(location).pathname;
  const bankPage = await instance.app.request(bankPath);
  expect(bankPage.status).toBe(200);
  return { bankPath, captcha: bankPage.headers.get('x-sandbox-captcha')! };
}

/** Pays (or fails) on the bank page as a browser: its redirect back, under the consent page. */
async function payOnBank(r: { path: string }, card: string, bank = 'mellat') {
  const { bankPath, captcha } = await toBank(r, bank);
  const paid = await bankForm(instance, bankPath, typed(card, captcha));
  expect(paid.status).toBe(303);
  const back = new URL(paid.headers.get('location')!);
  expect(back.pathname).toBe(`${r.path}/return`);
  return { bankPath, back: `${back.pathname}${back.search}`, chargeId: back.searchParams.get('chargeId')!, status: back.searchParams.get('status') };
}

describe('a person-paid request: the bank page and the way back', () => {
  it('approve → the Mellat page → a card that pays → back: approved, the paid amount shown, the wallet untouched', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    await clockTo(instance, p, startMs + minutes(3));
    const { back, status } = await payOnBank(r, '6037990000010013');
    expect(status).toBe('paid');
    const res = await html(page(instance, back));
    expect(res.status).toBe(200);
    expect(textOf(res.body, 'state')).toBe(`این درخواست را تأیید کرده‌اید؛ «${business}» اکنون می‌تواند گزارش اعتباری شما را ببیند (تا ۱۴۰۵/۰۹/۱۰ ساعت ۱۰:۰۳).`);
    expect(textOf(res.body, 'paid')).toMatch(/^مبلغ ۱۰۰٬۰۰۰ ریال از طریق به‌پرداخت ملت پرداخت شد؛ شماره مرجع [۰-۹]{12}\.$/);
    expect(buttons(res.body)).toEqual({ approve: undefined, reject: undefined });
    const approved = { state: 'viewable', approvedAt: at(startMs + minutes(3)), viewableUntil: at(startMs + minutes(3) + hours(24)) };
    expect(await state(p, r.trackingCode)).toEqual(view(r.trackingCode, natural(mobile, 'person'), startMs, approved));
    expect((await call(instance, p, `/api/v1/reports/${r.trackingCode}/credit-report`)).status).toBe(200);
    expect((await ledgerRows(instance, p)).map(rowOf)).toEqual([opening]);
    // Coming back again shows the same, and approves nothing twice.
    expect((await html(page(instance, back))).body).toBe(res.body);
  });

  it('a card that fails brings the person back to the consent page with the bank’s reason; the request stays pending and may be paid again', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    const failed = await payOnBank(r, '6104330000020027', 'saman');
    expect(failed.status).toBe('failed');
    const res = await html(page(instance, failed.back));
    expect(res.status).toBe(200);
    expect(textOf(res.body, 'alert')).toBe(`پرداخت ناموفق بود: موجودی حساب کافی نیست. ${tryAgain}`);
    expect(buttons(res.body)).toEqual({ approve: 'تأیید و پرداخت', reject: 'رد' });
    expect((await state(p, r.trackingCode)).state).toBe('pending');
    const paid = await payOnBank(r, '6037990000010013', 'saman');
    expect((await page(instance, paid.back)).status).toBe(200);
    expect((await state(p, r.trackingCode)).state).toBe('viewable');
  });

  it('Cancel on the bank page brings the person back with the request pending', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    const { bankPath } = await toBank(r);
    const cancelled = await bankForm(instance, bankPath, { action: 'cancel' });
    const back = new URL(cancelled.headers.get('location')!);
    const res = await html(page(instance, `${back.pathname}${back.search}`));
    expect(res.status).toBe(200);
    expect(textOf(res.body, 'alert')).toBe(`پرداخت لغو شد. ${tryAgain}`);
    expect((await state(p, r.trackingCode)).state).toBe('pending');
  });

  it('trusts the charge, not the query: a return saying paid for an unpaid charge approves nothing', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    const res = await answer(instance, r.path, { action: 'approve' });
    expect(res.headers.get('location')).toMatch(/^http:\/\/localhost\/ice\/bank\/saman\//);
    const { entries } = (await (await control(instance, 'GET', `/tenants/${p.tenant.id}/journal?provider=ice`)).json()) as { entries: { responseBody: { chargeId?: string } }[] };
    const chargeId = entries.find((e) => e.responseBody?.chargeId)!.responseBody.chargeId!;
    const forged = await html(page(instance, `${r.path}/return?chargeId=${chargeId}&status=paid`));
    expect(forged.status).toBe(200);
    expect(textOf(forged.body, 'alert')).toBe(`پرداخت هنوز انجام نشده است. ${tryAgain}`);
    expect((await state(p, r.trackingCode)).state).toBe('pending');
    const other = await asked(instance, p, natural(mobile, 'person'));
    const foreign = await html(page(instance, `${other.path}/return?chargeId=${chargeId}&status=paid`));
    expect(foreign.status).toBe(404);
    expect(textOf(foreign.body, 'alert')).toBe('پرداختی با این شناسه برای این درخواست یافت نشد.');
    expect((await html(page(instance, `${r.path}/return`))).status).toBe(404);
  });

  it('a second Approve closes the first bank page, so one request is never paid twice', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    const first = await toBank(r);
    const second = await toBank(r);
    expect((await instance.app.request(first.bankPath)).status).toBe(410);
    const late = await bankForm(instance, first.bankPath, typed('6037990000010013', first.captcha));
    expect(late.status).toBe(410);
    expect((await bankForm(instance, second.bankPath, typed('6037990000010013', second.captcha))).status).toBe(303);
  });

  it('the bank page closes with the consent: it lives no longer than the time left to answer', async () => {
    const p = await panel(instance, { consentLifetimeMinutes: 5 });
    const r = await asked(instance, p, natural(mobile, 'person'));
    await clockTo(instance, p, startMs + minutes(2));
    const { bankPath } = await toBank(r);
    await clockTo(instance, p, startMs + minutes(5));
    expect((await instance.app.request(bankPath)).status).toBe(410);
    expect((await state(p, r.trackingCode)).state).toBe('expired');
  });

  it('a payment whose browser never came back still approves the request, as of the payment, when the page is opened again', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    await clockTo(instance, p, startMs + minutes(1));
    await toBank(r);
    const { entries } = (await (await control(instance, 'GET', `/tenants/${p.tenant.id}/journal?provider=ice`)).json()) as { entries: { responseBody: { chargeId?: string } }[] };
    const chargeId = entries.find((e) => e.responseBody?.chargeId)!.responseBody.chargeId!;
    expect((await payAs(instance, p.tenant.id, chargeId, { card: '6037990000010013' })).status).toBe(200);
    await clockTo(instance, p, startMs + minutes(40));
    const res = await html(page(instance, r.path));
    expect(textOf(res.body, 'state')).toBe(`این درخواست را تأیید کرده‌اید؛ «${business}» اکنون می‌تواند گزارش اعتباری شما را ببیند (تا ۱۴۰۵/۰۹/۱۰ ساعت ۱۰:۰۱).`);
    expect((await state(p, r.trackingCode)).approvedAt).toEqual(at(startMs + minutes(1)));
  });

  it('20 returns at once approve once: every one shows the approval, with one approval time', async () => {
    const p = await panel(instance);
    const r = await asked(instance, p, natural(mobile, 'person'));
    const { bankPath, captcha } = await toBank(r);
    const paid = await bankForm(instance, bankPath, typed('6037990000010013', captcha));
    const back = new URL(paid.headers.get('location')!);
    await clockTo(instance, p, startMs + minutes(2));
    const results = await Promise.all(Array.from({ length: 20 }, () => html(page(instance, `${back.pathname}${back.search}`))));
    expect(new Set(results.map((res) => res.status))).toEqual(new Set([200]));
    expect(new Set(results.map((res) => textOf(res.body, 'state')))).toEqual(new Set([`این درخواست را تأیید کرده‌اید؛ «${business}» اکنون می‌تواند گزارش اعتباری شما را ببیند (تا ${deadline}).`]));
    expect(await state(p, r.trackingCode)).toEqual(
      view(r.trackingCode, natural(mobile, 'person'), startMs, { state: 'viewable', approvedAt: at(startMs), viewableUntil: at(startMs + hours(24)) }),
    );
    expect((await ledgerRows(instance, p)).map(rowOf)).toEqual([opening]);
    const dashboard = await ice(instance, '/api/v1/dashboard', { token: p.token });
    expect(((await dashboard.json()) as { counts: Record<string, number> }).counts).toMatchObject({ viewable: 1, pending: 0 });
  });
});
