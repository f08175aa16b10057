// ICE sign-up in three steps: basic information and the SMS code in the outbox, every refusal of a
// code (wrong, expired on the tenant clock, used, too many tries), the resend countdown, and the
// username and password that make a business: stored as scrypt, never in the journal.
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { iceBusinesses } from '../../src/db/schema/index.js';
import { control, sandbox } from '../helpers.js';
import { advance, ice, iceTenant } from './helpers.js';
import { basicInfo, lastCode, otherThan, signUp, smsTo } from './sign-up.js';

const instance = sandbox();
afterAll(() => instance.close());

async function start(tenantId: string, mobile: string, extra: Record<string, unknown> = {}) {
  const res = await ice(instance, '/api/v1/registrations', { tenant: tenantId, body: { ...basicInfo, mobile, ...extra } });
  expect(res.status).toBe(201);
  return ((await res.json()) as { registrationId: string }).registrationId;
}

const verify = (tenantId: string, id: string, code: string) => ice(instance, `/api/v1/registrations/${id}/verify`, { tenant: tenantId, body: { code } });
const resend = (tenantId: string, id: string) => ice(instance, `/api/v1/registrations/${id}/resend`, { tenant: tenantId, method: 'POST' });
const account = (tenantId: string, id: string, body: unknown) => ice(instance, `/api/v1/registrations/${id}/account`, { tenant: tenantId, body });

describe('POST /ice/api/v1/registrations', () => {
  it('answers 201 with the registration and sends a 6-digit code by SMS naming ICE', async () => {
    const tenant = await iceTenant(instance);
    const body = { ...basicInfo, mobile: '۰۹۱۲۳۴۵۶۷۸۹', phone: '02188776655', postalCode: '1234567890', province: 'تهران', city: 'تهران', referrer: 'REF2024', address: 'تهران، خیابان آزادی' };
    const res = await ice(instance, '/api/v1/registrations', { tenant: tenant.id, body });
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ registrationId: expect.stringMatching(/^reg_/), mobile: '09123456789', codeExpiresInSeconds: 120 });
    const [text] = await smsTo(instance, tenant.id, '09123456789');
    expect(text).toMatch(/^آیس \| اعتبار یکپارچه سپهر\nکد تأیید ثبت‌نام شما: \d{6}\nاین کد تا 2 دقیقه معتبر است؛ آن را در اختیار دیگران قرار ندهید\.$/);
  });

  it('names each missing or malformed field in Persian', async () => {
    const tenant = await iceTenant(instance);
    const res = await ice(instance, '/api/v1/registrations', {
      tenant: tenant.id,
      body: { businessName: ' ', mobile: '09123456789', postalCode: '0123456789', phone: '12', referrer: 'x', colour: 'red' },
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalidInput',
      message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است',
      errors: {
        businessName: 'حداقل 1 نویسه',
        firstName: 'این فیلد الزامی است',
        lastName: 'این فیلد الزامی است',
        phone: 'شماره تلفن باید ۱۱ رقم و با ۰ آغاز شود',
        postalCode: 'کد پستی باید ۱۰ رقم باشد و با ۰ آغاز نشود',
        referrer: 'شماره همراه یا کد معرف معتبر وارد کنید',
        colour: 'فیلد ناشناخته',
      },
    });
  });

  it('refuses a mobile that is not Iranian, and one a business of the tenant has', async () => {
    const tenant = await iceTenant(instance);
    const bad = await ice(instance, '/api/v1/registrations', { tenant: tenant.id, body: { ...basicInfo, mobile: '0812345678' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 'invalidMobile', message: 'شماره همراه نامعتبر است' });
    const taken = await ice(instance, '/api/v1/registrations', { tenant: tenant.id, body: { ...basicInfo, mobile: tenant.business.mobile } });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({ code: 'mobileTaken', message: 'این شماره همراه پیش‌تر ثبت شده است' });
    // Another tenant's business does not take the mobile.
    const other = await iceTenant(instance);
    expect((await ice(instance, '/api/v1/registrations', { tenant: other.id, body: { ...basicInfo, mobile: '09121111111' } })).status).toBe(201);
  });

  it('gives mobiles of the test block the code 123456, still sent to the outbox', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09990000042');
    expect(await lastCode(instance, tenant.id, '09990000042')).toBe('123456');
    expect((await verify(tenant.id, id, '123456')).status).toBe(200);
  });
});

describe('POST /ice/api/v1/registrations/{id}/verify', () => {
  it('accepts the code once (Persian digits too), then answers codeUsed', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09121000001');
    const code = await lastCode(instance, tenant.id, '09121000001');
    const persian = code.replace(/\d/g, (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)]!);
    const ok = await verify(tenant.id, id, persian);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ registrationId: id, mobile: '09121000001', verified: true });
    const again = await verify(tenant.id, id, code);
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ code: 'codeUsed', message: 'این کد تأیید پیش‌تر استفاده شده است' });
  });

  it('counts wrong codes down, then voids the code until a new one is sent', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09121000002');
    const code = await lastCode(instance, tenant.id, '09121000002');
    for (const triesLeft of [4, 3, 2, 1, 0]) {
      const res = await verify(tenant.id, id, otherThan(code));
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ code: 'codeWrong', message: 'کد تأیید نادرست است', triesLeft });
    }
    const blocked = await verify(tenant.id, id, code);
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual({ code: 'codeTooManyTries', message: 'تعداد تلاش‌های نادرست بیش از حد مجاز است؛ کد جدید دریافت کنید' });
    // A new code after the countdown: tries start again and the old code no longer works.
    await advance(instance, tenant.id, 120);
    expect((await resend(tenant.id, id)).status).toBe(200);
    const fresh = await lastCode(instance, tenant.id, '09121000002');
    if (fresh !== code) expect(await (await verify(tenant.id, id, code)).json()).toMatchObject({ code: 'codeWrong', triesLeft: 4 });
    expect((await verify(tenant.id, id, fresh)).status).toBe(200);
  });

  it('refuses the right code once its lifetime has passed on the tenant clock', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09121000003');
    const code = await lastCode(instance, tenant.id, '09121000003');
    await advance(instance, tenant.id, 119);
    await advance(instance, tenant.id, 1);
    const res = await verify(tenant.id, id, code);
    expect(res.status).toBe(410);
    expect(await res.json()).toEqual({ code: 'codeExpired', message: 'مهلت کد تأیید به پایان رسیده است؛ کد جدید دریافت کنید' });
  });

  it('refuses a code that is not 6 digits without counting a try, and an unknown registration', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09121000004');
    const short = await verify(tenant.id, id, '12');
    expect(short.status).toBe(400);
    expect(await short.json()).toEqual({ code: 'invalidInput', message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است', errors: { code: 'کد تأیید ۶ رقم است' } });
    const code = await lastCode(instance, tenant.id, '09121000004');
    expect(await (await verify(tenant.id, id, otherThan(code))).json()).toMatchObject({ triesLeft: 4 });
    const unknown = await verify(tenant.id, 'reg_nope', code);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 'registrationNotFound', message: 'درخواست ثبت‌نام یافت نشد' });
    // Another tenant cannot reach this registration.
    const other = await iceTenant(instance);
    expect((await verify(other.id, id, code)).status).toBe(404);
  });
});

describe('POST /ice/api/v1/registrations/{id}/resend', () => {
  it('is refused until the countdown ends, then sends a new code with a full lifetime', async () => {
    const tenant = await iceTenant(instance, { ice: { codeLifetimeSeconds: 60 } });
    const id = await start(tenant.id, '09121000005');
    await advance(instance, tenant.id, 45);
    const early = await resend(tenant.id, id);
    expect(early.status).toBe(429);
    expect(await early.json()).toEqual({ code: 'resendTooSoon', message: 'ارسال دوباره کد تا پایان شمارش معکوس ممکن نیست', retryAfterSeconds: 15 });
    await advance(instance, tenant.id, 15);
    const ok = await resend(tenant.id, id);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ registrationId: id, mobile: '09121000005', codeExpiresInSeconds: 60 });
    expect(await smsTo(instance, tenant.id, '09121000005')).toHaveLength(2);
    await advance(instance, tenant.id, 59);
    expect((await verify(tenant.id, id, await lastCode(instance, tenant.id, '09121000005'))).status).toBe(200);
    const after = await resend(tenant.id, id);
    expect(after.status).toBe(409);
    expect(await after.json()).toEqual({ code: 'codeUsed', message: 'این کد تأیید پیش‌تر استفاده شده است' });
  });
});

describe('POST /ice/api/v1/registrations/{id}/account', () => {
  it('is refused before the mobile is verified', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09121000006');
    const res = await account(tenant.id, id, { username: 'sara', password: 'Secret1234' });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ code: 'mobileNotVerified', message: 'ابتدا شماره همراه را تأیید کنید' });
  });

  it('refuses usernames and passwords that break the rules, and a username taken in any case', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09121000007');
    expect((await verify(tenant.id, id, await lastCode(instance, tenant.id, '09121000007'))).status).toBe(200);
    const cases: [unknown, number, object][] = [
      [{ username: '1sara', password: 'Secret1234' }, 400, { code: 'invalidUsername', message: 'نام کاربری باید ۴ تا ۳۲ نویسه از حروف انگلیسی، عدد، نقطه یا زیرخط باشد و با حرف آغاز شود' }],
      [{ username: 'abc', password: 'Secret1234' }, 400, { code: 'invalidUsername', message: 'نام کاربری باید ۴ تا ۳۲ نویسه از حروف انگلیسی، عدد، نقطه یا زیرخط باشد و با حرف آغاز شود' }],
      [{ username: 'sara', password: 'secret1234' }, 400, { code: 'weakPassword', message: 'رمز عبور باید دست‌کم ۸ نویسه و شامل حرف بزرگ، حرف کوچک و عدد باشد' }],
      [{ username: 'sara', password: 'Short1' }, 400, { code: 'weakPassword', message: 'رمز عبور باید دست‌کم ۸ نویسه و شامل حرف بزرگ، حرف کوچک و عدد باشد' }],
      [{ username: 'MAHAK', password: 'Secret1234' }, 409, { code: 'usernameTaken', message: 'این نام کاربری پیش‌تر انتخاب شده است' }],
      [{ username: 'sara' }, 400, { code: 'invalidInput', message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است', errors: { password: 'این فیلد الزامی است' } }],
    ];
    for (const [body, status, answer] of cases) {
      const res = await account(tenant.id, id, body);
      expect(res.status).toBe(status);
      expect(await res.json()).toEqual(answer);
    }
  });

  it('makes the business (legal status none, balance 0), signed in; the registration is then complete', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09121000008', { city: 'شیراز' });
    const code = await lastCode(instance, tenant.id, '09121000008');
    await verify(tenant.id, id, code);
    const res = await account(tenant.id, id, { username: 'Sara.Shop', password: 'Secret1234' });
    expect(res.status).toBe(201);
    const session = (await res.json()) as { businessId: string; accessToken: string };
    expect(session).toEqual({ businessId: expect.stringMatching(/^biz_/), accessToken: expect.any(String), expiresInSeconds: 43_200 });

    const me = await ice(instance, '/api/v1/account', { token: session.accessToken });
    expect(me.status).toBe(200);
    expect(await me.json()).toEqual({
      businessId: session.businessId,
      username: 'sara.shop',
      mobile: '09121000008',
      email: null,
      ...basicInfo,
      city: 'شیراز',
      officialName: null,
      legalStatus: 'none',
      legalReason: null,
      balanceRial: 0,
      createdAt: { at: expect.any(String), date: expect.stringMatching(/^14\d\d\/\d\d\/\d\d$/), time: expect.stringMatching(/^\d\d:\d\d$/) },
    });
    for (const login of ['SARA.SHOP', '09121000008']) {
      expect((await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body: { login, password: 'Secret1234' } })).status).toBe(200);
    }
    for (const res of [await verify(tenant.id, id, code), await resend(tenant.id, id), await account(tenant.id, id, { username: 'other', password: 'Secret1234' })]) {
      expect(res.status).toBe(409);
      expect(await res.json()).toEqual({ code: 'registrationCompleted', message: 'این ثبت‌نام پیش‌تر تکمیل شده است' });
    }
  });

  it('refuses the second of two sign-ups of one mobile with mobileTaken', async () => {
    const tenant = await iceTenant(instance);
    const first = await start(tenant.id, '09990000001');
    const second = await start(tenant.id, '09990000001');
    await verify(tenant.id, first, '123456');
    await verify(tenant.id, second, '123456');
    expect((await account(tenant.id, first, { username: 'first', password: 'Secret1234' })).status).toBe(201);
    const res = await account(tenant.id, second, { username: 'second', password: 'Secret1234' });
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ code: 'mobileTaken', message: 'این شماره همراه پیش‌تر ثبت شده است' });
  });

  it('stores the password as a salted scrypt hash and keeps passwords and codes out of the journal', async () => {
    const tenant = await iceTenant(instance);
    const { businessId } = await signUp(instance, tenant.id, '09121000009', 'journaled', 'Visible9876');
    const row = instance.deps.db.select().from(iceBusinesses).where(eq(iceBusinesses.id, businessId)).get()!;
    expect(row.passwordHash).toMatch(/^scrypt\$[\w-]{22}\$[\w-]{43}$/);
    expect(row.passwordHash).not.toContain('Visible9876');
    const code = (await smsTo(instance, tenant.id, '09121000009'))[0]!.match(/\d{6}/)![0];
    const journal = await (await control(instance, 'GET', `/tenants/${tenant.id}/journal?provider=ice`)).text();
    expect(journal).toContain('registration-verify');
    expect(journal).not.toContain('Visible9876');
    expect(journal).not.toContain(`"${code}"`);
    expect(journal).toContain('(left out)');
  });
});

describe('GET /_sandbox/test-values?provider=ice: the account values', () => {
  interface Published {
    endpoint: string;
    outcome: string;
    request: { method: string; path: string; headers?: Record<string, string>; body?: unknown };
  }

  it('lead where they say: a sign-up with the fixed code, a taken mobile, a reset, a review decided', async () => {
    const values = (await (await control(instance, 'GET', '/test-values?provider=ice')).json()) as Published[];
    const tenant = await iceTenant(instance, { ice: { legalReview: { decision: 'manual' } } });
    const ids: Record<string, string> = { tenantId: tenant.id };
    const send = async (endpoint: string, outcome: string) => {
      const value = values.find((v) => v.endpoint === endpoint && v.outcome === outcome)!;
      const fill = (text: string) => text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => ids[name]!);
      const headers = Object.fromEntries(Object.entries(value.request.headers ?? {}).map(([k, v]) => [k, fill(v)]));
      const path = fill(value.request.path);
      return instance.app.request(path.startsWith('/_sandbox') ? path : `/ice${path}`, {
        method: value.request.method,
        headers: { ...headers, 'Content-Type': 'application/json' },
        body: JSON.stringify(value.request.body),
      });
    };
    const started = await send('registration-start', 'fixedCode');
    expect(started.status).toBe(201);
    ids.registrationId = ((await started.json()) as { registrationId: string }).registrationId;
    expect((await send('registration-verify', 'verified')).status).toBe(200);
    const made = await send('registration-account', 'signedIn');
    expect(made.status).toBe(201);
    const { businessId, accessToken } = (await made.json()) as { businessId: string; accessToken: string };
    ids.businessId = businessId;
    expect((await send('registration-start', 'mobileTaken')).status).toBe(409);
    expect((await send('password-reset', 'codeSent')).status).toBe(202);
    const form = new FormData();
    for (const [name, value] of Object.entries({ businessName: 'شرکت آزمون', lastName: 'احمدی', nationalCode: '0012345679', phone: '02188776655', registrationNumber: '1', postalCode: '1234567890', address: 'تهران', province: 'تهران', city: 'تهران' })) form.append(name, value);
    for (const name of ['nationalCard', 'licence']) form.append(name, new Blob([new TextEncoder().encode('%PDF-1.4')]), `${name}.pdf`);
    const sent = await instance.app.request('/ice/api/v1/account/legal', { method: 'PUT', headers: { Authorization: `Bearer ${accessToken}` }, body: form });
    expect(await sent.json()).toMatchObject({ status: 'pending' });
    const decided = await send('legal-put', 'approved');
    expect(decided.status).toBe(200);
    expect(await decided.json()).toMatchObject({ businessId, status: 'approved', officialName: 'شرکت آزمون' });
  });
});

describe('twenty calls at once', () => {
  it('verify with the right code: one is accepted, the others find it used', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09990000020');
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify(tenant.id, id, '123456')));
    expect(answers.map((r) => r.status).sort()).toEqual([200, ...Array(19).fill(409)]);
  });

  it('wrong codes: exactly maxCodeTries are counted, each try left answered once', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09990000021');
    const answers = await Promise.all(Array.from({ length: 20 }, () => verify(tenant.id, id, '654321')));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { code: string; triesLeft?: number }[];
    expect(bodies.filter((b) => b.code === 'codeWrong').map((b) => b.triesLeft).sort()).toEqual([0, 1, 2, 3, 4]);
    expect(bodies.filter((b) => b.code === 'codeTooManyTries')).toHaveLength(15);
  });

  it('step 3 on one registration: one business is made', async () => {
    const tenant = await iceTenant(instance);
    const id = await start(tenant.id, '09990000022');
    await verify(tenant.id, id, '123456');
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => account(tenant.id, id, { username: `racer${i}`, password: 'Secret1234' })));
    expect(answers.map((r) => r.status).sort()).toEqual([201, ...Array(19).fill(409)]);
    const listed = (await (await control(instance, 'GET', `/tenants/${tenant.id}/ice/businesses`)).json()) as { businesses: unknown[] };
    expect(listed.businesses).toHaveLength(2);
  });
});
