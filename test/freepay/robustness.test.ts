// Bad input of any kind gets a documented Freepay answer: never a 500, a stack trace or a hang.
import { afterAll, describe, expect, it } from 'vitest';
import { freepayForm, json, merchant, sandbox } from '../helpers.js';

const app = sandbox();
afterAll(() => app.close());

const m = await merchant(app);
const raw = async (path: string, init: RequestInit = {}) => app.app.request(`/freepay${path}`, init);
const form = (type: string, body: string) => ({ method: 'POST', headers: { 'content-type': type }, body });

describe('odd requests to Freepay', () => {
  const cases: [string, () => Promise<Response>, number, number | 'html'][] = [
    ['an empty form', () => raw('/payment/request', form('application/x-www-form-urlencoded', '')), 400, -1],
    ['no content type', () => raw('/payment/request', { method: 'POST', body: 'api=x' }), 400, -1],
    ['multipart', () => raw('/payment/verify', form('multipart/form-data; boundary=x', '--x--')), 400, -1],
    ['broken percent-encoding', () => raw('/payment/request', form('application/x-www-form-urlencoded', `api=${m.api}&amount=%ZZ&callback=http://localhost/`)), 400, -5],
    ['an amount of 16 digits', () => freepayForm(app, '/payment/request', { api: m.api, amount: '9'.repeat(16), callback: 'http://localhost/' }), 400, -5],
    ['a callback of 10,000 characters', () => freepayForm(app, '/payment/request', { api: m.api, amount: '10000', callback: `http://evil/${'a'.repeat(10_000)}` }), 400, -6],
    ['an order id of 101 characters', () => freepayForm(app, '/payment/request', { api: m.api, amount: '10000', callback: 'http://localhost/', order_id: 'x'.repeat(101) }), 400, -1],
    ['verify with letters for an authority', () => freepayForm(app, '/payment/verify', { api: m.api, authority: "1' OR 1=1", amount: '10000' }), 404, -7],
    ['verify with an amount in words', () => freepayForm(app, '/payment/verify', { api: m.api, authority: '1', amount: 'ten' }), 400, -1],
    ['GET on the request route', () => raw('/payment/request'), 404, -21],
    ['an unknown path', () => raw('/payment/nothing'), 404, -21],
    ['a page for an authority of letters', () => raw('/payment/gateway:abc'), 404, 'html'],
    ['a page without an authority', () => raw('/payment/gateway:'), 404, 'html'],
    ['a JSON post to a page', () => raw('/payment/gateway:123', form('application/json', '{"card":1}')), 404, 'html'],
    ['the panel with a broken key header', () => raw('/panel/transactions', { headers: { authorization: 'Bearer' } }), 401, -2],
  ];

  it.each(cases)('%s', async (_, send, status, code) => {
    const res = await send();
    expect(res.status).toBe(status);
    if (code === 'html') {
      expect(res.headers.get('content-type')).toBe('text/html; charset=UTF-8');
      expect(await res.text()).toContain('data-reason="unknown"');
    } else {
      expect(await json(res)).toEqual({ status: code, message: expect.any(String) });
    }
  });
});
