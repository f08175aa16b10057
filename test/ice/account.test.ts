// ICE account settings: the account as the panel shows it, changing basic information, email and
// username (rules, uniqueness in any case), and the password change that ends earlier sessions.
import { afterAll, describe, expect, it } from 'vitest';
import { control, sandbox } from '../helpers.js';
import { ice, iceTenant, signIn } from './helpers.js';

const instance = sandbox();
afterAll(() => instance.close());

const patch = (token: string, body: unknown) => ice(instance, '/api/v1/account', { method: 'PATCH', token, body });

const readyAccount = {
  businessId: expect.stringMatching(/^biz_/),
  username: 'mahak',
  mobile: '09120000000',
  email: null,
  businessName: 'شرکت نمونه ماهک',
  firstName: 'ماهک',
  lastName: 'نمونه',
  officialName: 'شرکت نمونه ماهک',
  legalStatus: 'approved',
  legalReason: null,
  balanceRial: 10_000_000,
  createdAt: { at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:30$/), date: expect.stringMatching(/^14\d\d\/\d\d\/\d\d$/), time: expect.stringMatching(/^\d\d:\d\d$/) },
};

describe('GET /ice/api/v1/account', () => {
  it("shows the ready business's account", async () => {
    const tenant = await iceTenant(instance);
    const res = await ice(instance, '/api/v1/account', { token: await signIn(instance, tenant) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(readyAccount);
  });

  it('is refused without a token', async () => {
    const res = await ice(instance, '/api/v1/account');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ code: 'unauthorized', message: 'ابتدا وارد حساب کاربری شوید' });
  });
});

describe('PATCH /ice/api/v1/account', () => {
  it('changes only the fields sent; null removes an optional one; the new username signs in', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const first = await patch(token, { city: 'اصفهان', phone: '۰۳۱۳۲۲۲۳۳۴۴', email: ' Info@Example.com ', username: 'Mahak.Shop' });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ...readyAccount, city: 'اصفهان', phone: '03132223344', email: 'Info@Example.com', username: 'mahak.shop' });
    const second = await patch(token, { city: null, email: null, firstName: 'مریم' });
    expect(await second.json()).toEqual({ ...readyAccount, phone: '03132223344', firstName: 'مریم', username: 'mahak.shop' });
    expect((await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body: { login: 'mahak.shop', password: 'Mahak1234' } })).status).toBe(200);
    expect((await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body: { login: 'mahak', password: 'Mahak1234' } })).status).toBe(401);
  });

  it('refuses a bad email, a required field emptied, a field it does not know and the mobile', async () => {
    const tenant = await iceTenant(instance);
    const res = await patch(await signIn(instance, tenant), { email: 'not-an-email', businessName: null, lastName: '', mobile: '09121234567' });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalidInput',
      message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است',
      errors: { email: 'قالب مقدار نادرست است', businessName: 'نوع مقدار نادرست است', lastName: 'حداقل 1 نویسه', mobile: 'فیلد ناشناخته' },
    });
  });

  it("refuses a username that breaks the rules or is another business's in any case, but takes its own in another case", async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    expect((await patch(token, { username: 'taken' })).status).toBe(200);
    // Another business of the tenant, signed up by the test block (code 123456).
    const start = await ice(instance, '/api/v1/registrations', { tenant: tenant.id, body: { businessName: 'ب', firstName: 'ب', lastName: 'ب', mobile: '09990000010' } });
    const { registrationId } = (await start.json()) as { registrationId: string };
    await ice(instance, `/api/v1/registrations/${registrationId}/verify`, { tenant: tenant.id, body: { code: '123456' } });
    const made = await ice(instance, `/api/v1/registrations/${registrationId}/account`, { tenant: tenant.id, body: { username: 'second', password: 'Secret1234' } });
    const other = ((await made.json()) as { accessToken: string }).accessToken;
    const taken = await patch(other, { username: 'TAKEN' });
    expect(taken.status).toBe(409);
    expect(await taken.json()).toEqual({ code: 'usernameTaken', message: 'این نام کاربری پیش‌تر انتخاب شده است' });
    const bad = await patch(other, { username: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ code: 'invalidUsername', message: 'نام کاربری باید ۴ تا ۳۲ نویسه از حروف انگلیسی، عدد، نقطه یا زیرخط باشد و با حرف آغاز شود' });
    const own = await patch(token, { username: 'TAKEN' });
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ username: 'taken' });
  });
});

describe('POST /ice/api/v1/account/password', () => {
  it('changes the password, ends earlier sessions and answers a fresh one', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const res = await ice(instance, '/api/v1/account/password', { token, body: { currentPassword: 'Mahak1234', newPassword: 'Changed999' } });
    expect(res.status).toBe(200);
    const session = (await res.json()) as { businessId: string; accessToken: string };
    expect(session).toEqual({ businessId: expect.stringMatching(/^biz_/), accessToken: expect.any(String), expiresInSeconds: 43_200 });
    expect((await ice(instance, '/api/v1/account', { token })).status).toBe(401);
    expect((await ice(instance, '/api/v1/account', { token: session.accessToken })).status).toBe(200);
    expect((await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body: { login: 'mahak', password: 'Changed999' } })).status).toBe(200);
    const journal = await (await control(instance, 'GET', `/tenants/${tenant.id}/journal?provider=ice`)).text();
    expect(journal).toContain('account-password');
    expect(journal).not.toContain('Changed999');
    expect(journal).not.toContain('Mahak1234');
  });

  it('refuses a wrong current password and a weak new one, changing nothing', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const wrong = await ice(instance, '/api/v1/account/password', { token, body: { currentPassword: 'Wrong1234', newPassword: 'Changed999' } });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toEqual({ code: 'wrongPassword', message: 'رمز عبور فعلی نادرست است' });
    const weak = await ice(instance, '/api/v1/account/password', { token, body: { currentPassword: 'Mahak1234', newPassword: 'changed' } });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toEqual({ code: 'weakPassword', message: 'رمز عبور باید دست‌کم ۸ نویسه و شامل حرف بزرگ، حرف کوچک و عدد باشد' });
    expect((await ice(instance, '/api/v1/account', { token })).status).toBe(200);
  });
});
