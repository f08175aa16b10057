// A page's answer in the journal, read back through the control API: the card secrets the buyer
// typed stay masked, and the server's own messages under the same field names stay readable.
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { formMessages } from '../../src/web/index.js';
import { journalText } from '../../src/core/journal-text.js';

const app = sandbox();
afterAll(() => app.close());

interface Entry {
  path: string;
  status: number;
  requestBody: Record<string, string>;
  responseBody: unknown;
}

const lastEntry = async (tenantId: string) => ((await json(await control(app, 'GET', `/tenants/${tenantId}/journal?limit=1`))) as { entries: Entry[] }).entries[0]!;

describe('the journal of a refused card form', () => {
  it('keeps the PIN2 and CVV2 messages of the page readable and masks the PIN2 and CVV2 typed', async () => {
    const m = await merchant(app);
    const requested = await freepayForm(app, '/payment/request', { api: m.api, amount: '150000', callback: 'http://localhost:3000/callback' });
    const { authority } = (await json(requested)) as { authority: string };
    const res = await freepayForm(app, `/payment/gateway:${authority}`, { card: '6037990000010013', pin2: '12', cvv2: 'abcdefghijklmnop', expMonth: '12', expYear: '99', captcha: '00000', action: 'pay' });
    expect(res.status).toBe(422);
    const entry = await lastEntry(m.id);
    expect(entry.path).toBe(`/payment/gateway:${authority}`);
    expect(entry.status).toBe(422);
    expect(entry.requestBody).toEqual({ card: '6037990000010013', pin2: '****', cvv2: 'abcd…mnop', expMonth: '12', expYear: '99', captcha: '00000', action: 'pay' });
    expect(entry.responseBody).toEqual({ page: 'form', errors: { pin2: formMessages.pin2Invalid, cvv2: formMessages.cvv2Invalid, captcha: formMessages.captchaWrong } });
  });
});

describe('journalText', () => {
  it.each([
    ['a PIN2 typed', { pin2: '1234567890123' }, '{"pin2":"1234…0123"}'],
    ['a short PIN2 typed', { pin2: '12345' }, '{"pin2":"****"}'],
    ['a PIN2 typed in Persian words', { pin2: 'رمز دوم من اینجاست' }, '{"pin2":"رمز …جاست"}'],
    ["the page's PIN2 message", { errors: { pin2: formMessages.pin2Invalid } }, JSON.stringify({ errors: { pin2: formMessages.pin2Invalid } })],
    ["the page's CVV2 message", { errors: { cvv2: formMessages.cvv2Invalid } }, JSON.stringify({ errors: { cvv2: formMessages.cvv2Invalid } })],
    ['a CVV2 typed', { cvv2: '1234' }, '{"cvv2":"****"}'],
  ])('%s', (_name, value, text) => {
    expect(journalText(value)).toBe(text);
  });
});
