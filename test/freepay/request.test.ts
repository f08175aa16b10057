// POST /freepay/payment/request: every documented refusal with its code, Persian message and
// HTTP status, and an accepted request's authority.
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { freepayCodes } from '../../src/providers/freepay/catalog.js';

const app = sandbox();
afterAll(() => app.close());

const request = (fields: Record<string, string>, headers?: Record<string, string>) => freepayForm(app, '/payment/request', fields, headers);
const refusal = (name: keyof typeof freepayCodes, message: string = freepayCodes[name].message) => ({ status: freepayCodes[name].http, body: { status: freepayCodes[name].status, message } });
const answered = async (res: Response) => ({ status: res.status, body: await json(res) });

describe('POST /freepay/payment/request', () => {
  it('accepts a valid request: {status: 1, authority} with a 14-digit authority', async () => {
    const m = await merchant(app);
    const res = await request({ api: m.api, amount: '150000', callback: 'http://localhost:3000/callback?order=7', description: 'خرید آزمایشی', mobile: '09123456789', email: 'buyer@example.ir', order_id: 'A-7' });
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(await answered(res)).toEqual({ status: 200, body: { status: 1, authority: expect.stringMatching(/^[1-9]\d{13}$/) } });
  });

  it('accepts Persian digits in the amount and a callback on a subdomain of a registered site', async () => {
    const m = await merchant(app, { freepay: { sites: ['shop.example.ir'] } });
    const res = await request({ api: m.api, amount: '۲۰۰۰۰', callback: 'https://pay.shop.example.ir:8443/back' });
    expect(await answered(res)).toEqual({ status: 200, body: { status: 1, authority: expect.any(String) } });
  });

  it.each([
    ['no api', { amount: '10000', callback: 'http://localhost/cb' }, `${freepayCodes.invalidInput.message} (api)`],
    ['no amount', { api: 'x', callback: 'http://localhost/cb' }, `${freepayCodes.invalidInput.message} (amount)`],
    ['no callback', { api: 'x', amount: '10000' }, `${freepayCodes.invalidInput.message} (callback)`],
  ])('answers -1 for %s', async (_, fields, message) => {
    expect(await answered(await request(fields))).toEqual(refusal('invalidInput', message));
  });

  it('refuses a JSON body with -1, not a crash', async () => {
    const res = await app.app.request('/freepay/payment/request', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"api":"x","amount":10000}' });
    expect(await answered(res)).toEqual(refusal('invalidInput', `${freepayCodes.invalidInput.message} (بدنه باید application/x-www-form-urlencoded باشد)`));
  });

  it('answers -2 for an unknown API key', async () => {
    expect(await answered(await request({ api: 'no-such-key', amount: '10000', callback: 'http://localhost/cb' }))).toEqual(refusal('invalidApiKey'));
  });

  it('answers -3 for an inactive merchant and -4 for a blacklisted one', async () => {
    const inactive = await merchant(app, { freepay: { status: 'inactive' } });
    expect(await answered(await request({ api: inactive.api, amount: '10000', callback: 'http://localhost/cb' }))).toEqual(refusal('merchantInactive'));
    const listed = await merchant(app);
    const patched = await control(app, 'PATCH', `/tenants/${listed.id}/freepay`, { status: 'blacklisted' });
    expect(patched.status).toBe(200);
    expect(await answered(await request({ api: listed.api, amount: '10000', callback: 'http://localhost/cb' }))).toEqual(refusal('merchantBlacklisted'));
  });

  it.each([['9999'], ['500000001'], ['10000.5'], ['-10000'], ['1e5'], ['ده هزار']])('answers -5 for the amount %s', async (amount) => {
    const m = await merchant(app);
    expect(await answered(await request({ api: m.api, amount, callback: 'http://localhost/cb' }))).toEqual(
      refusal('invalidAmount', `${freepayCodes.invalidAmount.message} (10000 تا 500000000 ریال)`),
    );
  });

  it("follows the merchant's own minimum and maximum", async () => {
    const m = await merchant(app, { freepay: { minAmountRial: 50_000, maxAmountRial: 60_000 } });
    expect((await answered(await request({ api: m.api, amount: '49999', callback: 'http://localhost/cb' }))).body).toMatchObject({ status: -5 });
    expect((await answered(await request({ api: m.api, amount: '60000', callback: 'http://localhost/cb' }))).body).toMatchObject({ status: 1 });
  });

  it.each([['https://evil.example/cb'], ['http://localhost.evil.example/cb'], ['http://notlocalhost/cb']])('answers -6 for the callback %s', async (callback) => {
    const m = await merchant(app);
    expect(await answered(await request({ api: m.api, amount: '10000', callback }))).toEqual(refusal('callbackNotRegistered'));
  });

  it.each([
    ['a relative callback', { callback: '/cb' }, 'callback'],
    ['a javascript: callback', { callback: 'javascript:alert(1)' }, 'callback'],
    ['a bad mobile', { mobile: '0912' }, 'mobile'],
    ['a bad email', { email: 'nobody' }, 'email'],
  ])('answers -1 for %s', async (_, extra, field) => {
    const m = await merchant(app);
    expect(await answered(await request({ api: m.api, amount: '10000', callback: 'http://localhost/cb', ...extra }))).toEqual(
      refusal('invalidInput', `${freepayCodes.invalidInput.message} (${field})`),
    );
  });
});
