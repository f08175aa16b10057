// The merchant panel's sections (help centre lines 32, 86–96, 108): sites and bank accounts by the
// merchant API key or a panel session, with the control API's checks, and the profile and password.
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { freepayCodes } from '../../src/providers/freepay/catalog.js';
import { bearer, contact, demo, onboarded, signedUp } from './onboarding-helpers.js';

const app = sandbox();
afterAll(() => app.close());

const err = (name: keyof typeof freepayCodes, extra: Record<string, unknown> = {}) => ({ status: freepayCodes[name].status, message: freepayCodes[name].message, ...extra });
const invalid = (reason: string) => ({ status: -1, message: `${freepayCodes.invalidInput.message} (${reason})` });
const get = (path: string, token: string) => app.app.request(`/freepay/panel${path}`, { headers: bearer(token) });
const post = (path: string, token: string, fields: Record<string, string>) => freepayForm(app, `/panel${path}`, fields, bearer(token));
const demoAccount = { bank_name: 'بانک ملی ایران', account_number: demo.account, card_number: demo.card, iban: demo.iban };

describe('GET and POST /freepay/panel/sites', () => {
  it('lists the ready merchant’s sites by its API key and adds one typed as an address; the callback then passes', async () => {
    const m = await merchant(app);
    const list = await get('/sites', m.api);
    expect(list.status).toBe(200);
    expect(await json(list)).toEqual({ status: 1, sites: ['localhost', '127.0.0.1'] });
    const add = await post('/sites', m.api, { site: 'https://Shop.Example.ir/checkout' });
    expect(add.status).toBe(201);
    expect(await json(add)).toEqual({ status: 1, sites: ['localhost', '127.0.0.1', 'shop.example.ir'] });
    const request = await freepayForm(app, '/payment/request', { api: m.api, amount: '50000', callback: 'https://pay.shop.example.ir/back' });
    expect(request.status).toBe(200);
  });

  it.each([
    [{ site: 'shop example' }, 400, invalid('site: must be a host name such as shop.example.ir (no scheme, port or path)')],
    [{ site: 'localhost' }, 409, err('siteExists')],
    [{}, 400, invalid('site')],
  ])('refuses %o', async (fields, http, expected) => {
    const m = await merchant(app);
    const res = await post('/sites', m.api, fields);
    expect(res.status).toBe(http);
    expect(await json(res)).toEqual(expected);
  });

  it('refuses an unknown key, a merchant whose identity is not approved, and a site before a bank account', async () => {
    const wrong = await get('/sites', 'fpk_nope');
    expect(wrong.status).toBe(401);
    expect(await json(wrong)).toEqual(err('invalidApiKey'));
    const pending = await signedUp(app);
    for (const token of [pending.token, pending.api]) {
      const res = await get('/sites', token);
      expect(res.status).toBe(403);
      expect(await json(res)).toEqual(err('accountNotActive', { account_status: 'documents_required' }));
    }
    const m = await onboarded(app);
    expect(await json(await get('/sites', m.token))).toEqual({ status: 1, sites: [] });
    const early = await post('/sites', m.token, { site: 'shop.example.ir' });
    expect(early.status).toBe(409);
    expect(await json(early)).toEqual(err('bankAccountRequired'));
  });
});

describe('GET and POST /freepay/panel/bank-accounts', () => {
  it('an onboarded merchant adds its own account: it becomes the settlement account, and a site can follow', async () => {
    const m = await onboarded(app);
    expect(await json(await get('/bank-accounts', m.token))).toEqual({ status: 1, bank_accounts: [] });
    const res = await post('/bank-accounts', m.token, demoAccount);
    expect(res.status).toBe(201);
    const account = { id: expect.stringMatching(/^fba_/), bank: 'MELLI', bank_name: 'بانک ملی ایران', account_number: demo.account, card_number: demo.card, iban: demo.iban, settlement: true, added_at: expect.any(String) };
    expect(await json(res)).toEqual({ status: 1, bank_accounts: [account] });
    expect(await json(await get('/bank-accounts', m.api))).toEqual({ status: 1, bank_accounts: [account] });
    const tenant = (await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: { settlementIban: string } };
    expect(tenant.freepay.settlementIban).toBe(demo.iban);
    expect((await post('/sites', m.token, { site: 'shop.example.ir' })).status).toBe(201);
    const request = await freepayForm(app, '/payment/request', { api: m.api, amount: '50000', callback: 'https://shop.example.ir/back' });
    expect(request.status).toBe(200);
    const again = await post('/bank-accounts', m.token, demoAccount);
    expect(again.status).toBe(409);
    expect(await json(again)).toEqual(err('bankAccountExists'));
  });

  it('lists the ready merchant’s settlement account set by the control API', async () => {
    const m = await merchant(app);
    expect(await json(await get('/bank-accounts', m.api))).toEqual({
      status: 1,
      bank_accounts: [{ id: 'settlement', bank: 'MELLI', bank_name: 'بانک ملی ایران', account_number: demo.account, card_number: null, iban: demo.iban, settlement: true, added_at: null }],
    });
  });

  it.each([
    ['a card failing Luhn', { card_number: '6037991234567894' }, 400, invalid('card_number: شماره کارت ۱۶ رقمی معتبر وارد کنید')],
    ['an IBAN with spaces', { iban: 'IR12 0170 0000 0123 4567 8901 23' }, 400, invalid('iban: شماره شبا را با IR و ۲۴ رقم، بدون فاصله وارد کنید')],
    ['an IBAN without IR', { iban: '120170000001234567890123' }, 400, invalid('iban: شماره شبا را با IR و ۲۴ رقم، بدون فاصله وارد کنید')],
    ['an IBAN with wrong check digits', { iban: 'IR130170000001234567890123' }, 400, invalid('iban: شماره شبا را با IR و ۲۴ رقم، بدون فاصله وارد کنید')],
    ['another bank’s name', { bank_name: 'بانک ملت' }, 400, err('accountMismatch')],
    ['another account number', { account_number: '1234567890124' }, 400, err('accountMismatch')],
    ['another card of the demo person’s bank', { card_number: '6037990000010013' }, 400, err('accountMismatch')],
    ['no bank name', { bank_name: '' }, 400, invalid('bank_name')],
  ])('refuses %s', async (_what, change, http, expected) => {
    const m = await onboarded(app);
    const res = await post('/bank-accounts', m.token, { ...demoAccount, ...change });
    expect(res.status).toBe(http);
    expect(await json(res)).toEqual(expected);
  });

  it('refuses an account the merchant does not own: accountNotOwned', async () => {
    const m = await onboarded(app);
    // The SAMAN account of the world's fixtures belongs to 0010000011.
    const res = await post('/bank-accounts', m.token, { bank_name: 'SAMAN', account_number: '849-800-12345678-1', card_number: '6219861234567898', iban: await samanIban() });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual(err('accountNotOwned'));
  });

  it('takes the bank by its id, its name without بانک, and Persian digits', async () => {
    const m = await onboarded(app);
    const res = await post('/bank-accounts', m.token, { ...demoAccount, bank_name: 'ملی ایران', card_number: '۶۰۳۷۹۹۱۲۳۴۵۶۷۸۹۳' });
    expect(res.status).toBe(201);
  });
});

async function samanIban(): Promise<string> {
  const { ibanOf } = await import('../../src/core/world/numbers.js');
  return ibanOf('SAMAN', '849-800-12345678-1');
}

describe('PATCH /freepay/panel/profile and POST /freepay/panel/password', () => {
  it('changes the email, landline and address; other fields are refused', async () => {
    const m = await onboarded(app);
    const res = await app.app.request('/freepay/panel/profile', {
      method: 'PATCH',
      headers: { ...bearer(m.token), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'new@example.com', landline: '۰۳۱۳۳۴۴۵۵۶۶' }).toString(),
    });
    expect(res.status).toBe(200);
    const { profile } = (await json(res)) as { profile: Record<string, unknown> };
    expect(profile).toMatchObject({ email: 'new@example.com', landline: '03133445566', address: contact.address, national_code: demo.nationalCode });
    const names = await app.app.request('/freepay/panel/profile', {
      method: 'PATCH',
      headers: { ...bearer(m.token), 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ first_name: 'رضا' }).toString(),
    });
    expect(names.status).toBe(400);
    expect(await json(names)).toEqual(invalid('first_name: فقط email، landline، address قابل ویرایش است'));
  });

  it('changes the password: the old session ends, the new one and the new password work; a wrong current password or a weak new one is refused', async () => {
    const m = await onboarded(app);
    const wrong = await post('/password', m.token, { current_password: 'Nope12345', new_password: 'Better1234' });
    expect(wrong.status).toBe(403);
    expect(await json(wrong)).toEqual(err('wrongPassword'));
    const weak = await post('/password', m.token, { current_password: 'Secret1234', new_password: 'weak' });
    expect(weak.status).toBe(400);
    expect(await json(weak)).toEqual(err('weakPassword'));
    const ok = await post('/password', m.token, { current_password: 'Secret1234', new_password: 'Better1234' });
    expect(ok.status).toBe(200);
    const changed = (await json(ok)) as { access_token: string };
    expect(changed).toEqual({ status: 1, access_token: expect.any(String), expires_in: 43200 });
    const { access_token } = changed;
    expect((await get('/profile', m.token)).status).toBe(401);
    expect((await get('/profile', access_token)).status).toBe(200);
    const login = await freepayForm(app, '/panel/login', { mobile: demo.mobile, password: 'Better1234' }, { 'X-Sandbox-Tenant': m.id });
    expect(login.status).toBe(200);
  });

  it('the profile and password take a session only: the API key is unauthorized', async () => {
    const m = await onboarded(app);
    const res = await get('/profile', m.api);
    expect(res.status).toBe(401);
    expect(await json(res)).toEqual(err('unauthorized'));
  });
});
