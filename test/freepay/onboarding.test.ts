// Freepay's merchant onboarding (help centre lines 13–27): sign-up with an SMS code, login,
// the documents (jpg or png of at most 2 MB, judged by their bytes) and the identity check.
import { afterAll, describe, expect, it } from 'vitest';
import { control, freepayForm, json, merchant, sandbox } from '../helpers.js';
import { freepayCodes } from '../../src/providers/freepay/catalog.js';
import { bearer, contact, demo, documentsForm, lastCode, onboarded, pngBytes, sendDocuments, signedUp, signupFields } from './onboarding-helpers.js';

const app = sandbox();
afterAll(() => app.close());

const err = (name: keyof typeof freepayCodes, extra: Record<string, unknown> = {}) => ({ status: freepayCodes[name].status, message: freepayCodes[name].message, ...extra });
const invalid = (reason: string) => ({ status: -1, message: `${freepayCodes.invalidInput.message} (${reason})` });
const tenantHeader = (id: string) => ({ 'X-Sandbox-Tenant': id });
const profile = (token: string) => app.app.request('/freepay/panel/profile', { headers: bearer(token) });

describe('POST /freepay/panel/signup', () => {
  it('sends a 6-digit code by SMS naming Freepay and its lifetime; the test block always gets 123456', async () => {
    const m = await merchant(app);
    const res = await freepayForm(app, '/panel/signup', signupFields('09990000001'), tenantHeader(m.id));
    expect(res.status).toBe(201);
    const body = (await json(res)) as { signup_id: string };
    expect(body).toEqual({ status: 1, signup_id: expect.stringMatching(/^fsu_/), mobile: '09990000001', code_expires_in: 120 });
    const outbox = (await json(await control(app, 'GET', `/tenants/${m.id}/outbox?channel=sms&recipient=09990000001`))) as { entries: { provider: string; message: { text: string } }[] };
    expect(outbox.entries[0]!.provider).toBe('freepay');
    expect(outbox.entries[0]!.message.text).toBe('فری پی | درگاه پرداخت اینترنتی\nکد تأیید ثبت‌نام شما: 123456\nاین کد تا 2 دقیقه معتبر است؛ آن را در اختیار دیگران قرار ندهید.');
  });

  it.each([
    [{ mobile: '0912' }, invalid('mobile: شماره همراه نامعتبر است')],
    [{ first_name: '' }, invalid('first_name')],
    [{ accept_rules: '' }, invalid('accept_rules: پذیرش قوانین الزامی است')],
    [{ password: 'short' }, err('weakPassword')],
    [{ password: 'alllowercase1' }, err('weakPassword')],
  ])('refuses %o', async (change, expected) => {
    const m = await merchant(app);
    const res = await freepayForm(app, '/panel/signup', { ...signupFields(), ...change }, tenantHeader(m.id));
    expect(res.status).toBe(expected.status === -1 ? 400 : freepayCodes.weakPassword.http);
    expect(await json(res)).toEqual(expected);
  });

  it('refuses a JSON body as invalid input, and an unknown tenant by name', async () => {
    const res = await app.app.request('/freepay/panel/signup', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(signupFields()) });
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual(invalid('بدنه باید application/x-www-form-urlencoded باشد'));
    const unknown = await freepayForm(app, '/panel/signup', signupFields(), tenantHeader('ten_nope'));
    expect(unknown.status).toBe(400);
    expect(await json(unknown)).toEqual(invalid('X-Sandbox-Tenant: ten_nope'));
  });

  it('refuses a second sign-up once the tenant’s merchant has signed up: merchantRegistered', async () => {
    const m = await signedUp(app);
    const res = await freepayForm(app, '/panel/signup', signupFields('09990000002'), tenantHeader(m.id));
    expect(res.status).toBe(409);
    expect(await json(res)).toEqual(err('merchantRegistered'));
  });
});

describe('POST /freepay/panel/signup/{id}/verify', () => {
  it('makes the account, signs it in and makes its person the tenant’s merchant, inactive until the identity check', async () => {
    const m = await merchant(app);
    const { signup_id } = (await json(await freepayForm(app, '/panel/signup', signupFields(), tenantHeader(m.id)))) as { signup_id: string };
    const code = await lastCode(app, m.id, demo.mobile);
    const res = await freepayForm(app, `/panel/signup/${signup_id}/verify`, { code }, tenantHeader(m.id));
    expect(res.status).toBe(201);
    const body = (await json(res)) as { access_token: string };
    expect(body).toEqual({
      status: 1,
      access_token: expect.any(String),
      expires_in: 43200,
      account: {
        account_id: expect.stringMatching(/^fac_/),
        account_status: 'documents_required',
        rejection_reason: null,
        first_name: 'علی',
        last_name: 'محمدی',
        mobile: demo.mobile,
        national_code: null,
        landline: null,
        address: null,
        email: null,
        document: null,
        documents_at: null,
        created_at: expect.any(String),
        merchant_name: 'علی محمدی',
        api_key: null,
      },
    });
    const tenant = (await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: Record<string, unknown> };
    expect(tenant.freepay).toMatchObject({ name: 'علی محمدی', status: 'inactive', sites: [], settlementIban: '', nationalCode: null });
    // The gateway refuses its payments until the identity check approves the merchant.
    const request = await freepayForm(app, '/payment/request', { api: m.api, amount: '50000', callback: 'http://localhost/back' });
    expect(request.status).toBe(403);
    expect(await json(request)).toEqual(err('merchantInactive'));
  });

  it('counts wrong codes, then voids the code; a used code answers codeUsed; an unknown id signupNotFound', async () => {
    const m = await merchant(app);
    const { signup_id } = (await json(await freepayForm(app, '/panel/signup', signupFields('09990000003'), tenantHeader(m.id)))) as { signup_id: string };
    const verify = (code: string) => freepayForm(app, `/panel/signup/${signup_id}/verify`, { code }, tenantHeader(m.id));
    for (let left = 4; left >= 0; left--) {
      const res = await verify('000000');
      expect(res.status).toBe(400);
      expect(await json(res)).toEqual(err('codeWrong', { tries_left: left }));
    }
    const blocked = await verify('123456');
    expect(blocked.status).toBe(429);
    expect(await json(blocked)).toEqual(err('codeTooManyTries'));
    const unknown = await freepayForm(app, '/panel/signup/fsu_nope/verify', { code: '123456' }, tenantHeader(m.id));
    expect(unknown.status).toBe(404);
    expect(await json(unknown)).toEqual(err('signupNotFound'));
  });

  it('answers codeExpired after the lifetime on the tenant clock, and resend only after the countdown', async () => {
    const m = await merchant(app);
    await control(app, 'POST', `/tenants/${m.id}/clock`, { freeze: true });
    const { signup_id } = (await json(await freepayForm(app, '/panel/signup', signupFields('09990000004'), tenantHeader(m.id)))) as { signup_id: string };
    const early = await freepayForm(app, `/panel/signup/${signup_id}/resend`, {}, tenantHeader(m.id));
    expect(early.status).toBe(429);
    expect(await json(early)).toEqual(err('resendTooSoon', { retry_after_seconds: 120 }));
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 120 });
    const expired = await freepayForm(app, `/panel/signup/${signup_id}/verify`, { code: '123456' }, tenantHeader(m.id));
    expect(expired.status).toBe(410);
    expect(await json(expired)).toEqual(err('codeExpired'));
    const resent = await freepayForm(app, `/panel/signup/${signup_id}/resend`, {}, tenantHeader(m.id));
    expect(resent.status).toBe(200);
    expect(await json(resent)).toEqual({ status: 1, signup_id, mobile: '09990000004', code_expires_in: 120 });
    expect((await freepayForm(app, `/panel/signup/${signup_id}/verify`, { code: '123456' }, tenantHeader(m.id))).status).toBe(201);
    const used = await freepayForm(app, `/panel/signup/${signup_id}/verify`, { code: '123456' }, tenantHeader(m.id));
    expect(used.status).toBe(409);
    expect(await json(used)).toEqual(err('codeUsed'));
    const resendUsed = await freepayForm(app, `/panel/signup/${signup_id}/resend`, {}, tenantHeader(m.id));
    expect(resendUsed.status).toBe(409);
    expect(await json(resendUsed)).toEqual(err('codeUsed'));
  });

  it('keeps the password and the code out of the journal', async () => {
    const m = await signedUp(app);
    const journal = await (await control(app, 'GET', `/tenants/${m.id}/journal`)).text();
    expect(journal).not.toContain('Secret1234');
    expect(journal).not.toContain(m.token);
  });
});

describe('POST /freepay/panel/login', () => {
  it('signs in by mobile and password; a wrong password or unknown mobile is loginFailed', async () => {
    const m = await signedUp(app);
    const ok = await freepayForm(app, '/panel/login', { mobile: demo.mobile, password: 'Secret1234' }, tenantHeader(m.id));
    expect(ok.status).toBe(200);
    const body = (await json(ok)) as { access_token: string; account: { account_status: string } };
    expect(body.access_token).toEqual(expect.any(String));
    expect(body.account.account_status).toBe('documents_required');
    for (const fields of [{ mobile: demo.mobile, password: 'Wrong1234' }, { mobile: '09120000011', password: 'Secret1234' }]) {
      const res = await freepayForm(app, '/panel/login', fields, tenantHeader(m.id));
      expect(res.status).toBe(401);
      expect(await json(res)).toEqual(err('loginFailed'));
    }
  });
});

describe('POST /freepay/panel/documents', () => {
  it('approves the demo person’s own mobile and national code: the account and the merchant become active, the API key shown', async () => {
    const m = await signedUp(app);
    const res = await sendDocuments(app, m.token, documentsForm({ national_code: '۰۱۲۳۴۵۶۷۸۹', ...contact }));
    expect(res.status).toBe(200);
    const body = (await json(res)) as { account: Record<string, unknown> };
    expect(body).toEqual({
      status: 1,
      account: {
        account_id: expect.stringMatching(/^fac_/),
        account_status: 'active',
        rejection_reason: null,
        first_name: 'علی',
        last_name: 'محمدی',
        mobile: demo.mobile,
        national_code: demo.nationalCode,
        ...contact,
        document: { type: 'image/png', size_bytes: pngBytes.byteLength, sha256: expect.stringMatching(/^[0-9a-f]{64}$/), file_name: 'id.png' },
        documents_at: expect.any(String),
        created_at: expect.any(String),
        merchant_name: 'علی محمدی',
        api_key: m.api,
      },
    });
    const tenant = (await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: Record<string, unknown> };
    expect(tenant.freepay).toMatchObject({ status: 'active', nationalCode: demo.nationalCode });
    const again = await sendDocuments(app, m.token, documentsForm({ national_code: demo.nationalCode, ...contact }));
    expect(again.status).toBe(409);
    expect(await json(again)).toEqual(err('documentsApproved'));
  });

  it('rejects a national code that does not own the mobile (another person’s identity), and takes the documents again', async () => {
    const m = await signedUp(app);
    const res = await sendDocuments(app, m.token, documentsForm({ national_code: '0010000011', ...contact }));
    expect(res.status).toBe(200);
    const body = (await json(res)) as { account: Record<string, unknown> };
    expect(body.account.account_status).toBe('rejected');
    expect(body.account.rejection_reason).toBe('شماره همراه به نام صاحب کد ملی نیست؛ عضویت با اطلاعات هویتی شخص دیگر ممکن نیست');
    expect(body.account.api_key).toBeNull();
    const request = await freepayForm(app, '/payment/request', { api: m.api, amount: '50000', callback: 'http://localhost/back' });
    expect(await json(request)).toEqual(err('merchantInactive'));
    const second = await sendDocuments(app, m.token, documentsForm({ national_code: demo.nationalCode, ...contact }));
    expect(((await json(second)) as { account: { account_status: string } }).account.account_status).toBe('active');
  });

  it.each([
    ['a national code with a wrong check digit', { national_code: '0123456788', ...contact }, undefined, 400, err('invalidNationalCode')],
    ['a landline without its area code', { national_code: demo.nationalCode, ...contact, landline: '88776655' }, undefined, 400, invalid('landline: شماره تلفن ثابت باید ۱۱ رقم و با ۰ آغاز شود')],
    ['a bad email', { national_code: demo.nationalCode, ...contact, email: 'ali@' }, undefined, 400, invalid('email: نشانی ایمیل نامعتبر است')],
    ['no address', { national_code: demo.nationalCode, landline: contact.landline, email: contact.email }, undefined, 400, invalid('address')],
    ['no document', { national_code: demo.nationalCode, ...contact }, null, 400, invalid('document: اسکن رنگی مدرک شناسایی را بارگذاری کنید')],
    ['a PDF', { national_code: demo.nationalCode, ...contact }, { bytes: new TextEncoder().encode('%PDF-1.7 …'), name: 'id.png' }, 415, err('documentType')],
    ['a file past 2 MB', { national_code: demo.nationalCode, ...contact }, { bytes: new Uint8Array(2 * 1024 * 1024 + 1).fill(0xff), name: 'id.jpg' }, 413, err('documentTooLarge', { limit_bytes: 2 * 1024 * 1024 })],
  ])('refuses %s', async (_what, fields, file, http, expected) => {
    const m = await signedUp(app);
    const res = await sendDocuments(app, m.token, documentsForm(fields, file === undefined ? undefined : file));
    expect(res.status).toBe(http);
    expect(await json(res)).toEqual(expected);
  });

  it('accepts a JPEG of exactly 2 MiB', async () => {
    const m = await signedUp(app);
    const bytes = new Uint8Array(2 * 1024 * 1024).fill(0);
    bytes.set([0xff, 0xd8, 0xff]);
    const res = await sendDocuments(app, m.token, documentsForm({ national_code: demo.nationalCode, ...contact }, { bytes, name: 'id.jpg' }));
    expect(res.status).toBe(200);
    expect(((await json(res)) as { account: { document: { type: string } } }).account.document.type).toBe('image/jpeg');
  });

  it('refuses a body that is not multipart, and a call without a session', async () => {
    const m = await signedUp(app);
    const res = await freepayForm(app, '/panel/documents', { national_code: demo.nationalCode }, bearer(m.token));
    expect(res.status).toBe(400);
    expect(await json(res)).toEqual(invalid('بدنه باید multipart/form-data باشد'));
    const anonymous = await app.app.request('/freepay/panel/documents', { method: 'POST', body: documentsForm({}) });
    expect(anonymous.status).toBe(401);
    expect(await json(anonymous)).toEqual(err('unauthorized'));
  });
});

describe('GET /freepay/panel/profile and the session', () => {
  it('answers the account; a token past its 12 hours is sessionExpired, a forged one unauthorized', async () => {
    const m = await onboarded(app);
    const res = await profile(m.token);
    expect(res.status).toBe(200);
    const body = (await json(res)) as { profile: { account_status: string; api_key: string } };
    expect(body.profile.account_status).toBe('active');
    expect(body.profile.api_key).toBe(m.api);
    const forged = await profile(`${m.token.slice(0, -2)}xx`);
    expect(forged.status).toBe(401);
    expect(await json(forged)).toEqual(err('unauthorized'));
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 12 * 3600 });
    const expired = await profile(m.token);
    expect(expired.status).toBe(401);
    expect(await json(expired)).toEqual(err('sessionExpired'));
  });

  it('a reset of the tenant removes the account and restores the ready merchant', async () => {
    const m = await onboarded(app);
    expect((await control(app, 'POST', `/tenants/${m.id}/reset`)).status).toBe(200);
    expect((await profile(m.token)).status).toBe(401);
    const tenant = (await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: Record<string, unknown> };
    expect(tenant.freepay).toMatchObject({ status: 'active', sites: ['localhost', '127.0.0.1'] });
  });
});
