// ICE "forgot password": the same answer whether or not the login exists, the code by SMS to the
// business's mobile, every refusal of a code, and a new password that ends earlier sessions.
import { afterAll, describe, expect, it } from 'vitest';
import { control, sandbox } from '../helpers.js';
import { advance, ice, iceTenant, signIn } from './helpers.js';
import { lastCode, otherThan, smsTo } from './sign-up.js';

const instance = sandbox();
afterAll(() => instance.close());

const askReset = (tenantId: string, login: string) => ice(instance, '/api/v1/auth/password-reset', { tenant: tenantId, body: { login } });
const confirm = (tenantId: string, body: unknown) => ice(instance, '/api/v1/auth/password-reset/confirm', { tenant: tenantId, body });

async function resetIdOf(res: Response): Promise<string> {
  expect(res.status).toBe(202);
  const body = (await res.json()) as { resetId: string };
  expect(body).toEqual({ resetId: expect.stringMatching(/^rst_/), codeExpiresInSeconds: 120 });
  return body.resetId;
}

describe('POST /ice/api/v1/auth/password-reset', () => {
  it('sends a code to the mobile of the business named by username or mobile', async () => {
    const tenant = await iceTenant(instance);
    await resetIdOf(await askReset(tenant.id, 'MAHAK'));
    const [text] = await smsTo(instance, tenant.id, '09120000000');
    expect(text).toMatch(/^آیس \| اعتبار یکپارچه سپهر\nکد بازیابی رمز عبور شما: \d{6}\nاین کد تا 2 دقیقه معتبر است؛ آن را در اختیار دیگران قرار ندهید\.$/);
    await advance(instance, tenant.id, 120);
    await resetIdOf(await askReset(tenant.id, '۰۹۱۲۰۰۰۰۰۰۰'));
    expect(await smsTo(instance, tenant.id, '09120000000')).toHaveLength(2);
  });

  it('answers an unknown login exactly as a known one, sending nothing, with the same countdown', async () => {
    const tenant = await iceTenant(instance);
    await resetIdOf(await askReset(tenant.id, 'nobody'));
    const outbox = (await (await control(instance, 'GET', `/tenants/${tenant.id}/outbox`)).json()) as { entries: unknown[] };
    expect(outbox.entries).toEqual([]);
    for (const login of ['nobody', 'mahak']) {
      if (login === 'mahak') await resetIdOf(await askReset(tenant.id, login));
      const again = await askReset(tenant.id, login);
      expect(again.status).toBe(429);
      expect(await again.json()).toEqual({ code: 'resendTooSoon', message: 'ارسال دوباره کد تا پایان شمارش معکوس ممکن نیست', retryAfterSeconds: 120 });
    }
  });

  it('cannot be confirmed for an unknown login, whatever the code', async () => {
    const tenant = await iceTenant(instance);
    const resetId = await resetIdOf(await askReset(tenant.id, 'nobody'));
    for (const code of ['123456', '000000']) {
      const res = await confirm(tenant.id, { resetId, code, newPassword: 'Newpass123' });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ code: 'codeWrong' });
    }
  });
});

describe('POST /ice/api/v1/auth/password-reset/confirm', () => {
  it('changes the password: old sessions and the old password end, the new one signs in, the code is used', async () => {
    const tenant = await iceTenant(instance);
    const oldToken = await signIn(instance, tenant);
    const resetId = await resetIdOf(await askReset(tenant.id, 'mahak'));
    const code = await lastCode(instance, tenant.id, '09120000000');
    const res = await confirm(tenant.id, { resetId, code, newPassword: 'Newpass123' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ passwordChanged: true });
    expect(await (await ice(instance, '/api/v1/wallet', { token: oldToken })).json()).toEqual({ code: 'unauthorized', message: 'ابتدا وارد حساب کاربری شوید' });
    expect((await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body: { login: 'mahak', password: 'Mahak1234' } })).status).toBe(401);
    expect((await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body: { login: 'mahak', password: 'Newpass123' } })).status).toBe(200);
    const again = await confirm(tenant.id, { resetId, code, newPassword: 'Other1234' });
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ code: 'codeUsed', message: 'این کد تأیید پیش‌تر استفاده شده است' });
    // A new reset may start at once once the last one was used.
    await resetIdOf(await askReset(tenant.id, 'mahak'));
  });

  it('refuses a weak password without spending the code, wrong codes with tries left, then too many tries', async () => {
    const tenant = await iceTenant(instance, { ice: { maxCodeTries: 2 } });
    const resetId = await resetIdOf(await askReset(tenant.id, 'mahak'));
    const code = await lastCode(instance, tenant.id, '09120000000');
    const weak = await confirm(tenant.id, { resetId, code, newPassword: 'weak' });
    expect(weak.status).toBe(400);
    expect(await weak.json()).toEqual({ code: 'weakPassword', message: 'رمز عبور باید دست‌کم ۸ نویسه و شامل حرف بزرگ، حرف کوچک و عدد باشد' });
    for (const triesLeft of [1, 0]) {
      const res = await confirm(tenant.id, { resetId, code: otherThan(code), newPassword: 'Newpass123' });
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({ code: 'codeWrong', message: 'کد تأیید نادرست است', triesLeft });
    }
    const blocked = await confirm(tenant.id, { resetId, code, newPassword: 'Newpass123' });
    expect(blocked.status).toBe(429);
    expect(await blocked.json()).toEqual({ code: 'codeTooManyTries', message: 'تعداد تلاش‌های نادرست بیش از حد مجاز است؛ کد جدید دریافت کنید' });
  });

  it('refuses an expired code and an unknown reset', async () => {
    const tenant = await iceTenant(instance);
    const resetId = await resetIdOf(await askReset(tenant.id, 'mahak'));
    const code = await lastCode(instance, tenant.id, '09120000000');
    await advance(instance, tenant.id, 120);
    const expired = await confirm(tenant.id, { resetId, code, newPassword: 'Newpass123' });
    expect(expired.status).toBe(410);
    expect(await expired.json()).toEqual({ code: 'codeExpired', message: 'مهلت کد تأیید به پایان رسیده است؛ کد جدید دریافت کنید' });
    const unknown = await confirm(tenant.id, { resetId: 'rst_nope', code, newPassword: 'Newpass123' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ code: 'resetNotFound', message: 'درخواست بازیابی رمز عبور یافت نشد' });
    const other = await iceTenant(instance);
    expect((await confirm(other.id, { resetId, code, newPassword: 'Newpass123' })).status).toBe(404);
  });

  it('keeps codes and passwords out of the journal', async () => {
    const tenant = await iceTenant(instance);
    const resetId = await resetIdOf(await askReset(tenant.id, 'mahak'));
    const code = await lastCode(instance, tenant.id, '09120000000');
    expect((await confirm(tenant.id, { resetId, code, newPassword: 'Journal5555' })).status).toBe(200);
    const journal = await (await control(instance, 'GET', `/tenants/${tenant.id}/journal?provider=ice`)).text();
    expect(journal).toContain('password-reset-confirm');
    expect(journal).not.toContain('Journal5555');
    expect(journal).not.toContain(`"${code}"`);
  });
});
