// Every page the sandbox serves, over HTTP: a doctype first (standards mode), the font named in
// its style and served from the vazirmatn package, and a card form that takes what the buyer types
// in Latin, Persian or Arabic digits while the page prints Persian ones.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freepayMalformedAnswer } from '../../src/providers/freepay/malformed.js';
import { iceMalformedAnswer } from '../../src/providers/ice/malformed.js';
import { captchaOf, faDigits, fontPath, fontUrl, testCardFill } from '../../src/web/index.js';
import { freepayForm, json, merchant } from '../helpers.js';
import { bankForm, openCharge } from '../ice/bank-helpers.js';
import { iceTenant, signIn } from '../ice/helpers.js';
import { asked, page } from '../ice/person-helpers.js';
import { clockedInstance, panel, startMs } from '../ice/report-helpers.js';

const instance = clockedInstance();
afterAll(() => instance.close());

const fontBytes = readFileSync(join(dirname(createRequire(import.meta.url).resolve('vazirmatn/package.json')), 'fonts/webfonts/Vazirmatn[wght].woff2'));
const fill = testCardFill(startMs);

async function authority(): Promise<{ api: string; authority: string }> {
  const m = await merchant(instance);
  const res = await freepayForm(instance, '/payment/request', { api: m.api, amount: '150000', callback: 'http://localhost:3000/callback' });
  return { api: m.api, authority: ((await json(res)) as { authority: string }).authority };
}

/** Every kind of page, each as a server answers it: [name, status, html]. */
async function everyPage(): Promise<[string, number, string][]> {
  const { authority: a } = await authority();
  const gateway = await instance.app.request(`/freepay/payment/gateway:${a}`);
  const refused = await freepayForm(instance, `/payment/gateway:${a}`, { card: '1', action: 'pay' });
  const unknownPayment = await instance.app.request('/freepay/payment/gateway:123');
  const p = await panel(instance);
  const consent = await page(instance, (await asked(instance, p)).path);
  const missing = await page(instance, '/ice/c/nothing-here');
  const token = await signIn(instance, await iceTenant(instance));
  const saman = await instance.app.request((await openCharge(instance, token, { bank: 'saman' })).path);
  const mellat = await instance.app.request((await openCharge(instance, token, { bank: 'mellat' })).path);
  const unknownCharge = await instance.app.request('/ice/bank/saman/nothing-here');
  const pages: [string, Response][] = [
    ['the Freepay gateway', gateway],
    ['the Freepay gateway refusing a form', refused],
    ['the Freepay page of an unknown authority', unknownPayment],
    ['the ICE consent page', consent],
    ['the ICE page of an unknown link', missing],
    ['the Saman page', saman],
    ['the Mellat page', mellat],
    ['the bank page of an unknown charge', unknownCharge],
  ];
  const answered: [string, number, string][] = await Promise.all(pages.map(async ([name, res]) => [name, res.status, await res.text()] as [string, number, string]));
  const malformed: [string, ReturnType<typeof freepayMalformedAnswer>][] = [
    ['the Freepay page of an unreadable request', freepayMalformedAnswer('/freepay/payment/gateway:1')],
    ['the ICE consent page of an unreadable request', iceMalformedAnswer('/ice/c/x')],
    ['the bank page of an unreadable request', iceMalformedAnswer('/ice/bank/mellat/x')],
  ];
  return [...answered, ...malformed.map(([name, m]) => [name, m.status, String(m.body)] as [string, number, string])];
}

describe('every page', () => {
  it('starts with a doctype and names the served font', async () => {
    const pages = await everyPage();
    expect(pages.map(([name, status]) => [name, status])).toEqual([
      ['the Freepay gateway', 200],
      ['the Freepay gateway refusing a form', 422],
      ['the Freepay page of an unknown authority', 404],
      ['the ICE consent page', 200],
      ['the ICE page of an unknown link', 404],
      ['the Saman page', 200],
      ['the Mellat page', 200],
      ['the bank page of an unknown charge', 404],
      ['the Freepay page of an unreadable request', 400],
      ['the ICE consent page of an unreadable request', 404],
      ['the bank page of an unreadable request', 404],
    ]);
    for (const [name, , html] of pages) {
      expect(html.slice(0, 15).toLowerCase(), name).toBe('<!doctype html>');
      expect(html, name).toContain(`@font-face{font-family:Vazirmatn;src:url(${fontUrl()}) format('woff2');`);
      expect(html, name).toContain('font-family:Vazirmatn,Tahoma,sans-serif;');
    }
  });
});

describe(`GET ${fontPath}`, () => {
  it("answers the package's variable font, cached for a year", async () => {
    expect(fontUrl()).toMatch(/^\/_assets\/fonts\/vazirmatn\.woff2\?v=\d+\.\d+\.\d+$/);
    const res = await instance.app.request(fontUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(0, 4).toString('latin1')).toBe('wOF2');
    expect(body.equals(fontBytes)).toBe(true);
  });

  it('answers HEAD with the headers and no body', async () => {
    const res = await instance.app.request(fontPath, { method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('font/woff2');
    expect(await res.text()).toBe('');
  });

  it.each([
    '/_assets/fonts/Vazirmatn-Bold.woff2',
    '/_assets/fonts/Vazirmatn%5Bwght%5D.woff2',
    '/_assets/fonts/../../package.json',
    '/_assets/fonts/%2e%2e%2f%2e%2e%2fpackage.json',
    '/_assets/fonts/vazirmatn.woff2/../../../package.json',
    '/_assets/vazirmatn/package.json',
    '/_assets/',
  ])('answers 404 for %s: only the one file is served', async (path) => {
    const res = await instance.app.request(path);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'not_found', message: expect.stringMatching(/^no route for GET \//) });
  });
});

describe('the card form takes digits as the buyer types them', () => {
  const persian = (s: string) => faDigits(s);
  const arabic = (s: string) => s.replace(/\d/g, (d) => '٠١٢٣٤٥٦٧٨٩'[Number(d)]!);
  const latin = (s: string) => s;
  /** The form of the test card that pays, every field written in `digits`. */
  const paying = (digits: (s: string) => string, card: string, captcha: string) => ({
    card: digits(card),
    pin2: digits(fill.pin2),
    cvv2: digits(fill.cvv2),
    expMonth: digits(fill.expMonth),
    expYear: digits(fill.expYear),
    captcha: digits(captcha),
    action: 'pay',
  });

  it.each([
    ['Latin', latin],
    ['Persian', persian],
    ['Arabic', arabic],
  ])('Freepay: a form in %s digits pays, the captcha header Latin', async (_name, digits) => {
    const { authority: a } = await authority();
    const shown = await instance.app.request(`/freepay/payment/gateway:${a}`);
    expect(shown.headers.get('x-sandbox-captcha')).toBe(captchaOf(a));
    expect(await shown.text()).toContain(`>${faDigits(captchaOf(a))}</output>`);
    const res = await freepayForm(instance, `/payment/gateway:${a}`, paying(digits, '6037 9900 0001 0013', captchaOf(a)));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://localhost:3000/callback?authority=${a}&status=OK`);
  });

  it.each([
    ['Latin', latin],
    ['Persian', persian],
  ])('a bank page: a form in %s digits pays', async (_name, digits) => {
    const token = await signIn(instance, await iceTenant(instance));
    const { path, paymentToken, chargeId } = await openCharge(instance, token, { bank: 'mellat' });
    const res = await bankForm(instance, path, paying(digits, '6037990000010013', captchaOf(paymentToken)));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://localhost:3000/wallet/return?order=7&chargeId=${chargeId}&status=paid`);
  });
});

describe('testCardFill', () => {
  it.each([
    ['2026-11-30T08:00:00Z', '08'],
    ['2027-03-21T08:00:00Z', '09'],
  ])('on %s fills PIN2 12345, CVV2 123 and an expiry of 12/%s', (iso, year) => {
    expect(testCardFill(Date.parse(iso))).toEqual({ pin2: '12345', cvv2: '123', expMonth: '12', expYear: year });
  });
});
