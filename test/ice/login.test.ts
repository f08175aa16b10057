// Signing in to the ICE panel: by username or mobile, the ready business of each tenant, and
// every refusal (wrong password, unknown tenant, bad or expired token) in ICE's error shape.
import { afterAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { control, sandbox } from '../helpers.js';
import { advance, ice, iceTenant, signIn } from './helpers.js';

const instance = sandbox();
afterAll(() => instance.close());

describe('POST /ice/api/v1/auth/login', () => {
  it('signs the ready business in by username, in any case, and by mobile', async () => {
    const tenant = await iceTenant(instance);
    expect(tenant.business).toEqual({ username: 'mahak', password: 'Mahak1234', mobile: '09120000000', officialName: 'شرکت نمونه ماهک' });
    for (const login of ['mahak', 'MAHAK', '09120000000', '۰۹۱۲۰۰۰۰۰۰۰']) {
      const res = await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body: { login, password: 'Mahak1234' } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toEqual({ businessId: expect.stringMatching(/^biz_/), accessToken: expect.any(String), expiresInSeconds: 43_200 });
      const claims = decodeJwt(body.accessToken as string);
      expect(claims).toMatchObject({ sub: body.businessId, ten: tenant.id, iss: 'mahak-ice' });
      expect(claims.exp! - claims.iat!).toBe(43_200);
    }
  });

  it("hashes the published ready password once: every tenant's ready business shares its hash and signs in, a chosen password gets its own", async () => {
    const [a, b] = [await iceTenant(instance), await iceTenant(instance)];
    const own = await iceTenant(instance, { ice: { business: { password: 'Chosen5678' } } });
    const hashOf = (tenantId: string) =>
      instance.deps.db.$client.prepare('SELECT password_hash AS hash FROM ice_businesses WHERE tenant_id = ?').get(tenantId) as { hash: string };
    expect(hashOf(a.id).hash).toMatch(/^scrypt\$[\w-]{22}\$[\w-]{43}$/);
    expect(hashOf(b.id)).toEqual(hashOf(a.id));
    expect(hashOf(own.id)).not.toEqual(hashOf(a.id));
    for (const [tenant, password] of [[a, 'Mahak1234'], [b, 'Mahak1234'], [own, 'Chosen5678']] as const) {
      const res = await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body: { login: 'mahak', password } });
      expect(res.status).toBe(200);
    }
    const wrong = await ice(instance, '/api/v1/auth/login', { tenant: own.id, body: { login: 'mahak', password: 'Mahak1234' } });
    expect(wrong.status).toBe(401);
  });

  it('refuses a wrong password and an unknown login alike', async () => {
    const tenant = await iceTenant(instance);
    for (const body of [{ login: 'mahak', password: 'Wrong1234' }, { login: 'nobody', password: 'Mahak1234' }]) {
      const res = await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ code: 'loginFailed', message: 'نام کاربری یا رمز عبور نادرست است' });
    }
  });

  it('names the fields at fault in Persian', async () => {
    const res = await ice(instance, '/api/v1/auth/login', { body: { login: '', extra: 1 } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalidInput',
      message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است',
      errors: { login: 'حداقل 1 نویسه', password: 'این فیلد الزامی است', extra: 'فیلد ناشناخته' },
    });
  });

  it('tells a field of the wrong type from a missing one', async () => {
    const res = await ice(instance, '/api/v1/auth/login', { body: { login: 42, password: 'Mahak1234' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'invalidInput', message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است', errors: { login: 'نوع مقدار نادرست است' } });
  });

  it('refuses a tenant that does not exist', async () => {
    const res = await ice(instance, '/api/v1/auth/login', { tenant: 'ten_nope', body: { login: 'mahak', password: 'Mahak1234' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 'unknownTenant', message: 'محیط آزمایشی نام‌برده وجود ندارد', tenant: 'ten_nope' });
  });

  it('belongs to the default tenant without X-Sandbox-Tenant', async () => {
    const res = await ice(instance, '/api/v1/auth/login', { body: { login: 'mahak', password: 'Mahak1234' } });
    expect(res.status).toBe(200);
  });
});

describe('the access token', () => {
  it('opens the wallet, and is refused when missing, foreign or expired on the tenant clock', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const ok = await ice(instance, '/api/v1/wallet', { token });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ balanceRial: 10_000_000, lowBalance: false, reportPriceRial: 100_000 });

    const missing = await ice(instance, '/api/v1/wallet');
    expect(missing.status).toBe(401);
    expect(await missing.json()).toEqual({ code: 'unauthorized', message: 'ابتدا وارد حساب کاربری شوید' });
    const forged = await ice(instance, '/api/v1/wallet', { token: `${token.slice(0, -4)}AAAA` });
    expect(forged.status).toBe(401);

    await advance(instance, tenant.id, 12 * 3600);
    const expired = await ice(instance, '/api/v1/wallet', { token });
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ code: 'tokenExpired', message: 'نشست شما به پایان رسیده است؛ دوباره وارد شوید' });
  });

  it('used again and again, still ends at its exp on the tenant clock to the second, and is refused before its iat when the clock goes back', async () => {
    const tenant = await iceTenant(instance);
    await control(instance, 'POST', `/tenants/${tenant.id}/clock`, { freeze: true });
    const token = await signIn(instance, tenant);
    const { iat, exp } = decodeJwt(token) as { iat: number; exp: number };
    const wallet = async () => {
      const res = await ice(instance, '/api/v1/wallet', { token });
      return { status: res.status, body: await res.json() };
    };
    const open = { status: 200, body: { balanceRial: 10_000_000, lowBalance: false, reportPriceRial: 100_000 } };
    expect(await wallet()).toEqual(open);
    expect(await wallet()).toEqual(open);
    await control(instance, 'POST', `/tenants/${tenant.id}/clock`, { set: new Date((exp - 1) * 1000 + 999).toISOString() });
    expect(await wallet()).toEqual(open);
    await control(instance, 'POST', `/tenants/${tenant.id}/clock`, { set: new Date(exp * 1000).toISOString() });
    expect(await wallet()).toEqual({ status: 401, body: { code: 'tokenExpired', message: 'نشست شما به پایان رسیده است؛ دوباره وارد شوید' } });
    await control(instance, 'POST', `/tenants/${tenant.id}/clock`, { set: new Date(iat * 1000 - 1).toISOString() });
    expect(await wallet()).toEqual({ status: 401, body: { code: 'unauthorized', message: 'ابتدا وارد حساب کاربری شوید' } });
  });

  it('answers an unknown ICE path in ICE’s shape', async () => {
    const res = await ice(instance, '/api/v1/nothing');
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ code: 'notFound', message: 'آدرس درخواست‌شده وجود ندارد' });
  });
});
