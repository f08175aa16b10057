// The Saman and Mellat pages of a charge: the page in each bank's skin (bank, payee, amount,
// countdown), every test card's outcome on both, Cancel, the form's checks, expiry on the tenant
// clock, closed pages, a form past the limit, X-Sandbox-Error and scenarios, the journal, and one
// credit under 20 concurrent posts of the form.
import { afterAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { manualClock } from '../../src/core/clock.js';
import { createInstance } from '../../src/instance.js';
import { createCharge } from '../../src/providers/ice/charges.js';
import { captchaOf, faDigits, failureReasons, formMessages, testCards, type FailureReason } from '../../src/web/index.js';
import { control } from '../helpers.js';
import { advance, ice, iceTenant, signIn } from './helpers.js';
import { bankForm, openCharge, returned, returnUrl, typed } from './bank-helpers.js';

// 2026-11-30 11:30 in Tehran: 1405/09/09.
const start = Date.parse('2026-11-30T08:00:00Z');
const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', wall: manualClock(start) });
afterAll(() => instance.close());

const banks = [
  ['saman', 'درگاه پرداخت سامان کیش (محیط آزمایشی)', 'بانک سامان'],
  ['mellat', 'درگاه پرداخت به‌پرداخت ملت (محیط آزمایشی)', 'بانک ملت'],
] as const;

async function signedIn(overrides: Record<string, unknown> = {}) {
  const tenant = await iceTenant(instance, overrides);
  const token = await signIn(instance, tenant);
  return { tenant, token };
}

const chargeOf = async (token: string, chargeId: string) => (await (await ice(instance, `/api/v1/wallet/charges/${chargeId}`, { token })).json()) as Record<string, unknown>;
const balance = async (token: string) => ((await (await ice(instance, '/api/v1/wallet', { token })).json()) as { balanceRial: number }).balanceRial;
const closedReason = (html: string) => /id="closed" data-reason="([a-z]+)"/.exec(html)?.[1];

describe.each(banks)('GET /ice/bank/%s/{paymentToken}', (bank, title, bankName) => {
  it('shows the bank’s page: its name, ICE as the payee, the amount, the countdown, the form and the test cards, in Persian right to left', async () => {
    const { token } = await signedIn();
    const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank, amountRial: 2_500_000 });
    const res = await instance.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    expect(res.headers.get('x-sandbox-captcha')).toBe(captchaOf(paymentToken));
    const html = await res.text();
    expect(html).toMatch(/^<!doctype html><html lang="fa" dir="rtl">/i);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain(`<body data-skin="${bank}">`);
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(`<span class="bank" id="bank">${bankName}</span>`);
    expect(html).toContain('<strong id="merchant">آیس | اعتبار یکپارچه سپهر</strong>');
    expect(html).toContain('<strong class="amount" id="amount">۲٬۵۰۰٬۰۰۰ ریال</strong><span class="toman" id="amount-toman">۲۵۰٬۰۰۰ تومان</span>');
    expect(html).toContain('<span id="description">افزایش اعتبار کیف پول</span>');
    expect(html).toContain('data-expires-in="900">۱۵:۰۰</span>');
    // An id with Latin letters is shown as it is, to be copied.
    expect(html).toContain(`<span dir="ltr" class="num" id="reference">${chargeId}</span>`);
    expect(html).toContain(`<form class="card" method="post" action="${path}"`);
    expect(html).toContain(`>${faDigits(captchaOf(paymentToken))}</output>`);
    for (const card of testCards) expect(html).toContain(`data-card="${card.number}"`);
    for (const card of testCards) expect(html).toContain(faDigits(card.number.replace(/(.{4})(?=.)/g, '$1 ')));
  });

  it('counts down on the tenant clock', async () => {
    const { tenant, token } = await signedIn();
    const { path } = await openCharge(instance, token, { bank });
    await advance(instance, tenant.id, 125);
    expect(await (await instance.app.request(path)).text()).toContain('data-expires-in="775">۱۲:۵۵</span>');
  });

  it('names the business as the payee of a person’s report payment', async () => {
    const { tenant, token } = await signedIn({ ice: { business: { officialName: 'شرکت اعتبارسنجی آزمون' } } });
    const charge = createCharge(instance.deps, { tenantId: tenant.id, businessId: decodeJwt(token).sub!, purpose: 'report', trackingCode: '1405000003', amountRial: 100_000, bank, returnUrl }, start);
    const html = await (await instance.app.request(`/ice/bank/${bank}/${charge.paymentToken}`)).text();
    expect(html).toContain('<strong id="merchant">شرکت اعتبارسنجی آزمون</strong>');
    expect(html).toContain('<span id="description">گزارش اعتباری (کد رهگیری ۱۴۰۵۰۰۰۰۰۳)</span>');
    expect(html).toContain('۱۰۰٬۰۰۰ ریال');
  });
});

describe('POST /ice/bank/{bank}/{paymentToken}: the test cards', () => {
  const cases = banks.flatMap(([bank]) => testCards.map((card) => [bank, card] as const));

  it('pays or fails each test card exactly as Freepay’s page does, on both banks, and credits only a paid charge', async () => {
    // All at once: the card whose issuer never answers waits its 3 seconds beside the others.
    await Promise.all(
      cases.map(async ([bank, card]) => {
        const { token } = await signedIn();
        const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank, amountRial: 800_000 });
        const res = await bankForm(instance, path, typed(card.number, captchaOf(paymentToken)));
        const status = card.outcome === 'success' ? 'paid' : card.outcome === 'buyer_cancels' ? 'cancelled' : 'failed';
        expect([bank, card.number, res.status, res.headers.get('location')]).toEqual([bank, card.number, 303, returned(chargeId, status)]);
        const failure = status === 'failed' ? (card.outcome as FailureReason) : null;
        expect(await chargeOf(token, chargeId)).toMatchObject({
          status,
          failure,
          failureMessage: failure && failureReasons[failure],
          cardPan: `${card.number.slice(0, 6)}******${card.number.slice(-4)}`,
          reference: status === 'paid' ? expect.stringMatching(/^\d{12}$/) : null,
        });
        expect(await balance(token)).toBe(status === 'paid' ? 10_800_000 : 10_000_000);
      }),
    );
  });

  it('pays with any other valid card', async () => {
    const { token } = await signedIn();
    const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank: 'mellat' });
    const res = await bankForm(instance, path, typed('5022 2910 0000 0008', captchaOf(paymentToken)));
    expect([res.status, res.headers.get('location')]).toEqual([303, returned(chargeId, 'paid')]);
    expect(await balance(token)).toBe(10_500_000);
  });
});

describe.each(banks)('POST /ice/bank/%s/{paymentToken}', (bank) => {
  it('Cancel goes back to the return URL as cancelled, crediting nothing', async () => {
    const { token } = await signedIn();
    const { path, chargeId } = await openCharge(instance, token, { bank });
    const res = await bankForm(instance, path, { action: 'cancel' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(returned(chargeId, 'cancelled'));
    expect(await chargeOf(token, chargeId)).toMatchObject({ status: 'cancelled', cardPan: null, failure: null });
    expect(await balance(token)).toBe(10_000_000);
  });

  it('checks the form: errors shown, the form kept (never PIN2 or CVV2), the charge still payable', async () => {
    const { token } = await signedIn();
    const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank });
    const res = await bankForm(instance, path, { card: '6037 9900 0001 0014', pin2: '12', cvv2: '1', expMonth: '13', expYear: '07', captcha: '00000', email: 'x', action: 'pay' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`<body data-skin="${bank}">`);
    for (const message of [formMessages.cardInvalid, formMessages.pin2Invalid, formMessages.cvv2Invalid, formMessages.expiryInvalid, formMessages.captchaWrong, formMessages.emailInvalid]) {
      expect(html).toContain(message);
    }
    expect(html).toContain('value="۶۰۳۷ ۹۹۰۰ ۰۰۰۱ ۰۰۱۴"');
    expect(html).toContain('value="۱۳"');
    expect(html).not.toContain('value="۱۲"');
    expect(html).not.toContain('value="12"');
    expect((await chargeOf(token, chargeId)).status).toBe('pending');
    const paid = await bankForm(instance, path, typed('6037990000010013', captchaOf(paymentToken)));
    expect(paid.headers.get('location')).toBe(returned(chargeId, 'paid'));
  });

  it('an empty or non-form body is an empty form: every required field named', async () => {
    const { token } = await signedIn();
    const { path } = await openCharge(instance, token, { bank });
    const res = await instance.app.request(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"card":"6037990000010013"}' });
    expect(res.status).toBe(422);
    const html = await res.text();
    for (const message of [formMessages.cardRequired, formMessages.pin2Invalid, formMessages.captchaWrong]) expect(html).toContain(message);
  });

  it('answers a form past the body limit with the page again, saying so, the charge still open', async () => {
    const { token } = await signedIn();
    const { path, chargeId } = await openCharge(instance, token, { bank });
    const res = await bankForm(instance, path, { card: '6037990000010013', email: 'x'.repeat(70 * 1024), action: 'pay' });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = await res.text();
    expect(html).toContain('فرم ارسالی بزرگ‌تر از حد مجاز است؛ لطفاً دوباره تلاش کنید.');
    expect(html).toContain('<input id="card" name="card" inputmode="numeric" placeholder="---- ---- ---- ----" value=""');
    expect((await chargeOf(token, chargeId)).status).toBe('pending');
  });

  it('closes when the page’s lifetime passes on the tenant clock: the page and its form say it expired', async () => {
    const { tenant, token } = await signedIn({ ice: { bankPageLifetimeMinutes: 2 } });
    const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank });
    await advance(instance, tenant.id, 120);
    const page = await instance.app.request(path);
    expect(page.status).toBe(410);
    const html = await page.text();
    expect(closedReason(html)).toBe('expired');
    expect(html).toContain(`<body data-skin="${bank}">`);
    expect(html).toContain('مهلت این پرداخت به پایان رسیده است.');
    const posted = await bankForm(instance, path, typed('6037990000010013', captchaOf(paymentToken)));
    expect(posted.status).toBe(410);
    expect(closedReason(await posted.text())).toBe('expired');
    expect((await chargeOf(token, chargeId)).status).toBe('expired');
    expect(await balance(token)).toBe(10_000_000);
  });

  it('a finished charge’s page says how it ended and links back with its outcome', async () => {
    const { token } = await signedIn();
    const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank });
    await bankForm(instance, path, typed('6221060000050058', captchaOf(paymentToken)));
    for (const res of [await instance.app.request(path), await bankForm(instance, path, typed('6037990000010013', captchaOf(paymentToken)))]) {
      expect(res.status).toBe(410);
      const html = await res.text();
      expect(closedReason(html)).toBe('failed');
      expect(html).toContain(`<p id="closed-detail">${failureReasons.card_blocked}</p>`);
      expect(html).toContain(`<a class="back" id="return" href="${returned(chargeId, 'failed').replace(/&/g, '&amp;')}">`);
    }
    expect((await chargeOf(token, chargeId)).status).toBe('failed');
  });
});

describe('pages that belong to no charge of the bank', () => {
  it('an unknown token, and a charge of the other bank, answer 404 saying so in the bank’s skin', async () => {
    const { token } = await signedIn();
    const { paymentToken } = await openCharge(instance, token, { bank: 'saman' });
    const unknown = await instance.app.request('/ice/bank/mellat/nothing-here');
    expect(unknown.status).toBe(404);
    const unknownHtml = await unknown.text();
    expect(closedReason(unknownHtml)).toBe('unknown');
    expect(unknownHtml).toContain('<body data-skin="mellat">');
    const wrongBank = await instance.app.request(`/ice/bank/mellat/${paymentToken}`);
    expect(wrongBank.status).toBe(404);
    const html = await wrongBank.text();
    expect(closedReason(html)).toBe('unknown');
    expect(html).toContain('<p id="closed-detail">این پرداخت در درگاه بانک سامان انجام می‌شود، نه در این درگاه.</p>');
    const posted = await bankForm(instance, `/ice/bank/mellat/${paymentToken}`, { action: 'cancel' });
    expect(posted.status).toBe(404);
    expect((await instance.app.request(`/ice/bank/saman/${paymentToken}`)).status).toBe(200);
  });

  it('a bank the sandbox does not emulate is an unknown ICE path', async () => {
    const res = await instance.app.request('/ice/bank/pasargad/x');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'notFound', message: 'آدرس درخواست‌شده وجود ندارد' });
  });
});

describe('X-Sandbox-Error, scenarios and the journal on the bank pages', () => {
  it('serviceUnavailable renders the unavailable page (503); a code the page does not answer is refused in JSON, naming its codes', async () => {
    const { token } = await signedIn();
    const { path } = await openCharge(instance, token, { bank: 'mellat' });
    const res = await instance.app.request(path, { headers: { 'X-Sandbox-Error': 'serviceUnavailable' } });
    expect(res.status).toBe(503);
    const html = await res.text();
    expect(closedReason(html)).toBe('unavailable');
    expect(html).toContain('<body data-skin="mellat">');
    const wrong = await instance.app.request(path, { headers: { 'X-Sandbox-Error': 'chargeNotFound' } });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ code: 'invalidInput', message: 'X-Sandbox-Error "chargeNotFound" is not a code of bank-page; its codes: serviceUnavailable', documented: ['serviceUnavailable'] });
  });

  it('a scenario fails the bank page for a card it names, and the charge stays open', async () => {
    const upload = await instance.app.request('/_sandbox/scenarios', {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: 'name: ice-bank-down\nprovider: ice\ndescription: the bank page fails for one card\nrules: [{ when: { endpoint: bank-page, body: { card: { regex: "^6104" } } }, then: { error: serviceUnavailable } }]\n',
    });
    expect(upload.status).toBe(201);
    const { tenant, token } = await signedIn();
    expect((await control(instance, 'PUT', `/tenants/${tenant.id}/scenario`, { name: 'ice-bank-down' })).status).toBe(200);
    const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank: 'saman' });
    const failed = await bankForm(instance, path, typed('6104330000020027', captchaOf(paymentToken)));
    expect(failed.status).toBe(503);
    expect(closedReason(await failed.text())).toBe('unavailable');
    expect((await chargeOf(token, chargeId)).status).toBe('pending');
    const paid = await bankForm(instance, path, typed('6037990000010013', captchaOf(paymentToken)));
    expect(paid.headers.get('location')).toBe(returned(chargeId, 'paid'));
  });

  it('journals the page’s calls under the charge’s tenant, without PIN2, CVV2 or the whole card number', async () => {
    const { tenant, token } = await signedIn();
    const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank: 'saman' });
    await instance.app.request(path);
    await bankForm(instance, path, { ...typed('6037990000010013', captchaOf(paymentToken)), pin2: '987654', cvv2: '4321' });
    const res = await control(instance, 'GET', `/tenants/${tenant.id}/journal?provider=ice`);
    const { entries } = (await res.json()) as { entries: Record<string, unknown>[] };
    const page = entries.filter((e) => e.endpoint === 'bank-page');
    expect(page.map((e) => [e.method, e.status])).toEqual([
      ['POST', 303],
      ['GET', 200],
    ]);
    expect(page[0]!.requestBody).toEqual({ card: '603799…0013', pin2: '****', cvv2: '****', expMonth: '12', expYear: '09', captcha: captchaOf(paymentToken), action: 'pay' });
    expect(page[0]!.responseBody).toEqual({ redirect: returned(chargeId, 'paid') });
    expect(JSON.stringify(entries)).not.toContain('987654');
    expect(JSON.stringify(entries)).not.toContain('6037990000010013');
  });
});

describe('the credit under 20 concurrent posts of the form', () => {
  it('credits once: one redirect, 19 finished pages, one ledger row, the balance right', async () => {
    const { token } = await signedIn();
    const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank: 'mellat', amountRial: 1_234_000 });
    const results = await Promise.all(Array.from({ length: 20 }, () => bankForm(instance, path, typed('6037990000010013', captchaOf(paymentToken)))));
    expect(results.map((r) => r.status).sort()).toEqual([303, ...Array(19).fill(410)]);
    for (const res of results.filter((r) => r.status === 410)) expect(closedReason(await res.text())).toBe('paid');
    expect(results.find((r) => r.status === 303)!.headers.get('location')).toBe(returned(chargeId, 'paid'));
    expect(await balance(token)).toBe(11_234_000);
    const ledger = (await (await ice(instance, '/api/v1/wallet/transactions', { token })).json()) as { total: number; transactions: Record<string, unknown>[] };
    expect(ledger.total).toBe(2);
    expect(ledger.transactions[0]).toEqual({
      row: 1,
      description: 'افزایش اعتبار از طریق درگاه به‌پرداخت ملت',
      at: '2026-11-30T11:30:00+03:30',
      date: '1405/09/09',
      time: '11:30',
      amountRial: 1_234_000,
      direction: 'credit',
      directionSymbol: '▲',
      balanceAfterRial: 11_234_000,
      kind: 'charge',
      chargeId,
    });
  });
});

describe('a payment made while another waits on its issuer', () => {
  it('the waiting one finds the charge paid when its issuer gives up: the paid charge stays paid, credited once', async () => {
    const { token } = await signedIn();
    const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank: 'saman', amountRial: 600_000 });
    const waiting = bankForm(instance, path, typed('6037690000080087', captchaOf(paymentToken)));
    const paid = await bankForm(instance, path, typed('6037990000010013', captchaOf(paymentToken)));
    expect([paid.status, paid.headers.get('location')]).toEqual([303, returned(chargeId, 'paid')]);
    const late = await waiting;
    expect(late.status).toBe(410);
    expect(closedReason(await late.text())).toBe('paid');
    expect(await chargeOf(token, chargeId)).toMatchObject({ status: 'paid', failure: null, cardPan: '603799******0013' });
    expect(await balance(token)).toBe(10_600_000);
  });
});

describe('GET /_sandbox/test-values?provider=ice: the bank pages', () => {
  interface Published {
    provider: string;
    endpoint: string;
    outcome: string;
    request: { method: string; path: string; headers: Record<string, string>; body: Record<string, string> };
    note: string;
  }

  it('lists every test card and the Cancel button, and each, sent as published, returns as it says', async () => {
    const values = ((await (await control(instance, 'GET', '/test-values?provider=ice')).json()) as Published[]).filter((v) => v.endpoint === 'bank-page');
    expect(values.map((v) => v.outcome)).toEqual([...testCards.map((c) => c.outcome), 'cancelled']);
    const statusOf: Record<string, string> = { success: 'paid', buyer_cancels: 'cancelled', cancelled: 'cancelled' };
    await Promise.all(
      values.map(async (value) => {
        expect(value).toMatchObject({ provider: 'ice', request: { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }, note: expect.stringMatching(/\S/) });
        const { token } = await signedIn();
        const { paymentToken, chargeId } = await openCharge(instance, token);
        const page = await instance.app.request(`/ice/bank/saman/${paymentToken}`);
        const captcha = page.headers.get('x-sandbox-captcha')!;
        const body = Object.fromEntries(Object.entries(value.request.body).map(([k, v]) => [k, v.replace('{{captcha}}', captcha)]));
        const res = await bankForm(instance, `/ice${value.request.path.replace('{{paymentToken}}', paymentToken)}`, body);
        expect([value.outcome, res.status, res.headers.get('location')]).toEqual([value.outcome, 303, returned(chargeId, statusOf[value.outcome] ?? 'failed')]);
      }),
    );
  });
});

