// The shared mechanics on Freepay: X-Sandbox-Error and scenarios on the three gateway endpoints,
// the journal (secrets masked), PATCH of the merchant, and reset.
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { freepayCodes } from '../../src/providers/freepay/catalog.js';
import { captchaOf } from '../../src/providers/freepay/payments.js';
import { loadFixtures } from '../../src/core/world/fixtures.js';
import { maskSecret } from '../../src/core/journal.js';

const app = sandbox();
afterAll(() => app.close());

const request = (m: { api: string }, headers: Record<string, string> = {}) =>
  freepayForm(app, '/payment/request', { api: m.api, amount: '120000', callback: 'http://localhost/back' }, headers);
const authorityOf = async (m: { api: string }) => ((await json(await request(m))) as { authority: string }).authority;
const answered = async (res: Response) => ({ status: res.status, body: await json(res) });

describe('X-Sandbox-Error on Freepay', () => {
  it('answers a documented code by name or by status number on request and verify', async () => {
    const m = await merchant(app);
    expect(await answered(await request(m, { 'X-Sandbox-Error': 'merchantBlacklisted' }))).toEqual({ status: 403, body: { status: -4, message: freepayCodes.merchantBlacklisted.message } });
    const authority = await authorityOf(m);
    const verify = await freepayForm(app, '/payment/verify', { api: m.api, authority, amount: '120000' }, { 'X-Sandbox-Error': '-12' });
    expect(await answered(verify)).toEqual({ status: 400, body: { status: -12, message: freepayCodes.amountMismatch.message } });
  });

  it('renders the page as a closed page with the code’s status', async () => {
    const m = await merchant(app);
    const authority = await authorityOf(m);
    const res = await app.app.request(`/freepay/payment/gateway:${authority}`, { headers: { 'X-Sandbox-Error': 'authorityExpired' } });
    expect(res.status).toBe(410);
    expect(await res.text()).toContain('data-reason="expired"');
  });

  it('answers -1 listing the endpoint’s codes for a code it does not answer', async () => {
    const m = await merchant(app);
    expect(await answered(await request(m, { 'X-Sandbox-Error': 'amountMismatch' }))).toEqual({
      status: 400,
      body: { status: -1, message: 'X-Sandbox-Error "amountMismatch" is not a code of payment-request; its codes: -1 (invalidInput), -2 (invalidApiKey), -3 (merchantInactive), -4 (merchantBlacklisted), -5 (invalidAmount), -6 (callbackNotRegistered), -20 (serviceUnavailable)' },
    });
  });

  it('an unknown X-Sandbox-Scenario answers -1 listing the known names', async () => {
    const m = await merchant(app);
    const res = await answered(await request(m, { 'X-Sandbox-Scenario': 'nope' }));
    expect(res).toEqual({ status: 400, body: { status: -1, message: expect.stringMatching(/^X-Sandbox-Scenario "nope" is not a loaded scenario; known scenarios: /) } });
  });
});

describe('scenario rules on Freepay', () => {
  it('match form fields, and refuse a code the endpoint does not answer when uploaded', async () => {
    const upload = (text: string) => app.app.request('/_sandbox/scenarios', { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: text });
    const bad = await upload('name: fp-bad\nprovider: freepay\ndescription: d\nrules: [{ when: { endpoint: payment-request }, then: { error: amountMismatch } }]\n');
    expect(bad.status).toBe(400);
    expect(((await json(bad)) as { message: string }).message).toBe('rules.0.then.error: amountMismatch is not a documented error of payment-request');
    const good = await upload('name: fp-big-amounts\nprovider: freepay\ndescription: d\nrules: [{ when: { endpoint: payment-request, body: { amount: { regex: "^[0-9]{7,}$" } } }, then: { error: "-5", message: "سقف مبلغ" } }]\n');
    expect(good.status).toBe(201);
    const m = await merchant(app);
    await control(app, 'PUT', `/tenants/${m.id}/scenario`, { name: 'fp-big-amounts' });
    expect((await answered(await request(m))).body).toMatchObject({ status: 1 });
    const big = await freepayForm(app, '/payment/request', { api: m.api, amount: '1000000', callback: 'http://localhost/back' });
    expect(await answered(big)).toEqual({ status: 400, body: { status: -5, message: 'سقف مبلغ' } });
  });
});

describe('the journal of Freepay calls', () => {
  it('records each call with the merchant key, PIN2 and CVV2 masked', async () => {
    const m = await merchant(app);
    const authority = await authorityOf(m);
    await freepayForm(app, `/payment/gateway:${authority}`, { card: '6037990000010013', pin2: '123456', cvv2: '1234', expMonth: '12', expYear: '09', captcha: captchaOf(authority), action: 'pay' });
    const { entries } = (await json(await control(app, 'GET', `/tenants/${m.id}/journal?provider=freepay`))) as { entries: Record<string, unknown>[] };
    expect(entries.map((e) => [e.endpoint, e.method, e.status])).toEqual([
      ['payment-gateway', 'POST', 303],
      ['payment-request', 'POST', 200],
    ]);
    expect(entries[0]!.requestBody).toEqual({ card: '6037990000010013', pin2: '****', cvv2: '****', expMonth: '12', expYear: '09', captcha: captchaOf(authority), action: 'pay' });
    expect(entries[0]!.responseBody).toEqual({ redirect: `http://localhost/back?authority=${authority}&status=OK` });
    expect(entries[1]!.requestBody).toEqual({ api: `${m.api.slice(0, 4)}…${m.api.slice(-4)}`, amount: '120000', callback: 'http://localhost/back' });
    expect(JSON.stringify(entries)).not.toContain(m.api);
  });
});

describe('PATCH /_sandbox/tenants/{id}/freepay and reset', () => {
  it('refuses settings that do not hold together, with the reason', async () => {
    const m = await merchant(app);
    const patch = (body: unknown) => control(app, 'PATCH', `/tenants/${m.id}/freepay`, body);
    expect(await answered(await patch({ minAmountRial: 900, maxAmountRial: 800 }))).toEqual({ status: 400, body: { error: 'invalid_request', message: 'minAmountRial (900) is above maxAmountRial (800)' } });
    expect((await answered(await patch({ sites: ['https://shop.example.ir/'] }))).body).toMatchObject({ error: 'invalid_request', message: 'sites.0: must be a host name such as shop.example.ir (no scheme, port or path)' });
    expect((await answered(await patch({ settlementIban: 'IR000000000000000000000000' }))).body).toMatchObject({ error: 'invalid_request', message: 'settlementIban: must be a valid IBAN (IR and 24 digits)' });
    expect((await answered(await patch({ authorityLifetimeSeconds: 5 }))).status).toBe(400);
    // Someone else's account is refused (a fixture person's SAMAN account); the merchant's own is taken.
    const saman = loadFixtures().deposits.find((d) => d.bank === 'SAMAN')!;
    expect(await answered(await patch({ settlementIban: saman.iban }))).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: `settlementIban ${saman.iban} does not belong to the merchant (national code 0123456789); its owners: ${saman.owners.join(', ')}` },
    });
    const own = await patch({ settlementIban: 'IR120170000001234567890123' });
    expect(own.status).toBe(200);
    expect((await answered(await patch({ nope: 1 }))).status).toBe(400);
  });

  it('reset restores the merchant and forgets its payments', async () => {
    const m = await merchant(app);
    const authority = await authorityOf(m);
    await control(app, 'PATCH', `/tenants/${m.id}/freepay`, { status: 'inactive', name: 'تغییر یافته' });
    expect((await answered(await request(m))).body).toMatchObject({ status: -3 });
    await control(app, 'POST', `/tenants/${m.id}/reset`);
    const view = (await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: { status: string; name: string; apiKey: string } };
    // The merchant key shows in full only when the tenant is created.
    expect(view.freepay).toMatchObject({ status: 'active', name: 'فروشگاه آزمایشی مهک', apiKey: maskSecret(m.api) });
    expect((await app.app.request(`/freepay/payment/gateway:${authority}`)).status).toBe(404);
  });
});
