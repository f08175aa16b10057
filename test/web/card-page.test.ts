// The shared card page in each skin, served by a tiny app as a provider serves it: the
// gateway's and bank's names, the amount, the same form fields, errors and kept values, the
// test cards; and the closed page for every reason.
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { captchaOf, closedMessages, closedReasons, failureReasons, formAlert, formMessages, renderCardPage, renderClosedPage, skins, testCards, type CardPageProps, type ClosedReason, type Skin } from '../../src/web/index.js';

const props = (skin: Skin, extra: Partial<CardPageProps> = {}): CardPageProps => ({
  skin,
  action: `/pay/${skin}/tok-123`,
  payeeName: 'کتاب‌فروشی نمونه',
  amountRial: 1_250_000,
  description: 'دو جلد کتاب',
  reference: 'tok-123',
  expiresInSeconds: 605,
  captcha: captchaOf('tok-123'),
  ...extra,
});

const app = new Hono();
app.get('/pay/:skin', (c) => c.html(renderCardPage(props(c.req.param('skin') as Skin))));
app.post('/pay/:skin', (c) =>
  c.html(
    renderCardPage(
      props(c.req.param('skin') as Skin, {
        values: { card: '6037 9900 0001 0014', expMonth: '13', expYear: '07', email: 'x' },
        errors: { card: formMessages.cardInvalid, expMonth: formMessages.expiryInvalid, captcha: formMessages.captchaWrong },
        alert: formAlert,
      }),
    ),
    422,
  ),
);
app.get('/closed/:skin/:reason', (c) =>
  c.html(renderClosedPage({ skin: c.req.param('skin') as Skin, reason: c.req.param('reason') as ClosedReason, payeeName: 'کتاب‌فروشی نمونه' }), 410),
);

// What sets each skin apart; everything else on the page is the same.
const looks: [Skin, string, string | null, string, string][] = [
  ['freepay', 'درگاه پرداخت فری‌پی (محیط آزمایشی)', null, 'FP', '#1565c0'],
  ['saman', 'درگاه پرداخت سامان کیش (محیط آزمایشی)', 'بانک سامان', 'SEP', '#0b4f8c'],
  ['mellat', 'درگاه پرداخت به‌پرداخت ملت (محیط آزمایشی)', 'بانک ملت', 'ملت', '#c8102e'],
];

const inputs = (html: string) => [...html.matchAll(/<input id="([^"]+)" name="([^"]+)"/g)].map((m) => `${m[1]}=${m[2]}`);
const buttons = (html: string) => [...html.matchAll(/<button class="([^"]+)" type="submit" name="action" value="([^"]+)">/g)].map((m) => `${m[1]}=${m[2]}`);
const errorLines = (html: string) => [...html.matchAll(/<div class="error" id="([^"]+)" role="alert">([^<]*)<\/div>/g)].map((m) => [m[1], m[2]]);
const valuesShown = (html: string) => [...html.matchAll(/<input id="([^"]+)"[^>]*? value="([^"]*)"/g)].map((m) => [m[1], m[2]]);

describe.each(looks)('the %s skin', (skin, title, bank, mark, brand) => {
  it('GET renders the page: its header, the payee, the amount in Persian digits, the countdown, the form and the test cards', async () => {
    const res = await app.request(`/pay/${skin}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
    const html = await res.text();
    expect(html.startsWith('<!DOCTYPE html><html lang="fa" dir="rtl">')).toBe(true);
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain(`<body data-skin="${skin}">`);
    expect(html).toContain(`:root{--brand:${brand};`);
    expect(html).toContain(`<span class="mark" aria-hidden="true">${mark}</span>`);
    expect(html).toContain(`<h1>${title}</h1>`);
    if (bank) expect(html).toContain(`<span class="bank" id="bank">${bank}</span>`);
    else expect(html).not.toContain('id="bank"');
    // No other gateway's name on this page.
    for (const [other] of looks) if (other !== skin) expect(html).not.toContain(skins[other].gatewayFa);
    expect(html).toContain('<title>پرداخت به کتاب‌فروشی نمونه</title>');
    expect(html).toContain('<strong id="merchant">کتاب‌فروشی نمونه</strong>');
    expect(html).toContain('<strong class="amount" id="amount">۱٬۲۵۰٬۰۰۰ ریال</strong>');
    expect(html).toContain('<span id="description">دو جلد کتاب</span>');
    expect(html).toContain('<span class="countdown" id="countdown" data-expires-in="605">10:05</span>');
    expect(html).toContain('<span dir="ltr" id="reference">tok-123</span>');
    expect(html).toContain(`<form class="card" method="post" action="/pay/${skin}/tok-123" autocomplete="off" novalidate="">`);
    expect(inputs(html)).toEqual(['card=card', 'pin2=pin2', 'cvv2=cvv2', 'expMonth=expMonth', 'expYear=expYear', 'captcha=captcha', 'email=email']);
    expect(buttons(html)).toEqual(['pay=pay', 'cancel=cancel']);
    expect(html).toContain(`<output id="captcha-answer" title="در محیط آزمایشی پاسخ کد امنیتی نمایش داده می‌شود">${captchaOf('tok-123')}</output>`);
    expect(errorLines(html)).toEqual([]);
    expect(html).not.toContain('class="alert"');
    for (const card of testCards) expect(html).toContain(`<td>${card.number.replace(/(.{4})(?=.)/g, '$1 ')}</td><td>${card.noteFa}</td>`);
    expect(html).toContain("document.getElementById('countdown')");
  });

  it('POST renders the refused form: the alert, each error under its field, the typed values kept but never PIN2 or CVV2', async () => {
    const res = await app.request(`/pay/${skin}`, { method: 'POST' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(`<div class="alert" role="alert">${formAlert}</div>`);
    expect(errorLines(html)).toEqual([
      ['card-error', formMessages.cardInvalid],
      ['expiry-error', formMessages.expiryInvalid],
      ['captcha-error', formMessages.captchaWrong],
    ]);
    expect(valuesShown(html)).toEqual([
      ['card', '6037 9900 0001 0014'],
      ['expMonth', '13'],
      ['expYear', '07'],
      ['email', 'x'],
    ]);
  });

  it.each(closedReasons)('the closed page for %s names the gateway and the reason, with no form', async (reason) => {
    const res = await app.request(`/closed/${skin}/${reason}`);
    expect(res.status).toBe(410);
    const html = await res.text();
    expect(html).toContain(`<h1>${title}</h1>`);
    expect(html).toContain(`<title>درگاه پرداخت ${skins[skin].gatewayFa}</title>`);
    expect(html).toContain('<p>پذیرنده: کتاب‌فروشی نمونه</p>');
    const role = reason === 'paid' ? 'class="done" id="closed" data-reason="paid" role="status"' : `class="alert" id="closed" data-reason="${reason}" role="alert"`;
    expect(html).toContain(`<p ${role}>${closedMessages[reason]}</p>`);
    expect(html).not.toContain('<form');
    expect(html).not.toContain('id="return"');
  });
});

describe('the page escapes what it is given', () => {
  it('a payee, description and reference with markup are shown as text', () => {
    const html = renderCardPage(props('saman', { payeeName: '<b>x</b> & "co"', description: '<script>alert(1)</script>', reference: '"><i>' }));
    expect(html).toContain('<strong id="merchant">&lt;b&gt;x&lt;/b&gt; &amp; &quot;co&quot;</strong>');
    expect(html).toContain('<span id="description">&lt;script&gt;alert(1)&lt;/script&gt;</span>');
    expect(html).toContain('<span dir="ltr" id="reference">&quot;&gt;&lt;i&gt;</span>');
    expect(html).not.toContain('<b>x</b>');
  });

  it('a typed card value with a quote stays inside its attribute', () => {
    const html = renderCardPage(props('mellat', { values: { card: '" autofocus onfocus="x' } }));
    expect(html).toContain('value="&quot; autofocus onfocus=&quot;x"');
  });
});

describe('the page without optional parts', () => {
  it('no description: no «بابت» row; no values or errors: empty fields', () => {
    const html = renderCardPage({ ...props('freepay'), description: null });
    expect(html).not.toContain('بابت');
    expect(html).not.toContain('id="description"');
    expect(valuesShown(html)).toEqual([
      ['card', ''],
      ['expMonth', ''],
      ['expYear', ''],
      ['email', ''],
    ]);
  });

  it('a closed page for a failure shows the bank’s reason and a link back to the payee', () => {
    const html = renderClosedPage({ skin: 'mellat', reason: 'failed', payeeName: 'شرکت نمونه', detail: failureReasons.insufficient_funds, returnUrl: 'https://shop.example/back?a=1&b=2' });
    expect(html).toContain(`<p class="alert" id="closed" data-reason="failed" role="alert">${closedMessages.failed}</p>`);
    expect(html).toContain('<p id="closed-detail">موجودی حساب کافی نیست</p>');
    expect(html).toContain('<a class="back" id="return" href="https://shop.example/back?a=1&amp;b=2">بازگشت به شرکت نمونه</a>');
  });

  it('a closed page without a payee says neither the payee line nor its name in the link', () => {
    const html = renderClosedPage({ skin: 'saman', reason: 'unknown', returnUrl: '/back' });
    expect(html).not.toContain('پذیرنده:');
    expect(html).toContain('<a class="back" id="return" href="/back">بازگشت به پذیرنده</a>');
  });
});
