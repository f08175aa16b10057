// Every Freepay test value of the payment page, sent as published, leads where it says.
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { testCards } from '../../src/providers/freepay/catalog.js';

const app = sandbox();
afterAll(() => app.close());

interface Published {
  provider: string;
  endpoint: string;
  outcome: string;
  request: { method: string; path: string; headers: Record<string, string>; body: Record<string, string> };
  note: string;
}

const callbackStatusOf: Record<string, string> = { success: 'OK', buyer_cancels: 'CANCELLED', cancelled: 'CANCELLED' };

describe('GET /_sandbox/test-values?provider=freepay', async () => {
  // The payment page's values; the onboarding's are walked in onboarding-test-values.test.ts.
  const values = ((await json(await control(app, 'GET', '/test-values?provider=freepay'))) as Published[]).filter((v) => v.endpoint === 'payment-gateway');

  it('lists every test card and the Cancel button', () => {
    expect(values.map((v) => v.outcome)).toEqual([...testCards.map((c) => c.outcome), 'cancelled']);
    expect(values.every((v) => v.provider === 'freepay' && v.endpoint === 'payment-gateway')).toBe(true);
  });

  it.each(values.map((v) => [v.outcome, v]))('%s: the page sends the buyer back as published', async (outcome, value) => {
    const m = await merchant(app, { freepay: { issuerTimeoutMs: 50 } });
    const requested = (await json(await freepayForm(app, '/payment/request', { api: m.api, amount: '120000', callback: 'http://localhost/back' }))) as { authority: string };
    const page = await app.app.request(`/freepay/payment/gateway:${requested.authority}`);
    const captcha = page.headers.get('x-sandbox-captcha')!;
    expect(captcha).toMatch(/^\d{5}$/);
    const body = Object.fromEntries(Object.entries(value.request.body).map(([k, v]) => [k, v.replace('{{captcha}}', captcha)]));
    const res = await freepayForm(app, value.request.path.replace('{{authority}}', requested.authority), body);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`http://localhost/back?authority=${requested.authority}&status=${callbackStatusOf[outcome] ?? 'FAILED'}`);
  });
});
