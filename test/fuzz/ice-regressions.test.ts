// Defects the ICE fuzz properties found, each pinned by the request that showed it.
import { afterAll, describe, expect, it } from 'vitest';
import { control, sandbox } from '../helpers.js';
import { ice, iceTenant, signIn } from '../ice/helpers.js';

const instance = sandbox();
afterAll(() => instance.close());

const nested = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('a JSON body nested thousands deep', () => {
  // Found by the ice property: the journal's copy of the body (credentials left out) walked it
  // to the end, ran out of stack, and the call answered serviceUnavailable (503).
  it('is refused field by field on a public route, and journaled', async () => {
    const tenant = await iceTenant(instance);
    const res = await ice(instance, '/api/v1/auth/login', { tenant: tenant.id, body: nested(10_000) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalidInput',
      message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است',
      errors: { login: 'این فیلد الزامی است', password: 'این فیلد الزامی است', a: 'فیلد ناشناخته' },
    });
    const journal = (await (await control(instance, 'GET', `/tenants/${tenant.id}/journal?provider=ice&endpoint=login`)).json()) as { entries: { status: number }[] };
    expect(journal.entries.map((e) => e.status)).toEqual([400]);
  });

  it('is refused on a signed-in route, with nothing debited', async () => {
    const tenant = await iceTenant(instance);
    const token = await signIn(instance, tenant);
    const res = await ice(instance, '/api/v1/reports', { token, body: nested(10_000) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      code: 'invalidInput',
      message: 'اطلاعات ارسال‌شده ناقص یا نامعتبر است',
      // The body's shape follows personType, so that is the field named.
      errors: { personType: 'یکی از این مقادیر: natural، legal' },
    });
    const wallet = await ice(instance, '/api/v1/wallet', { token });
    expect(await wallet.json()).toEqual({ balanceRial: 10_000_000, lowBalance: false, reportPriceRial: 100_000 });
  });
});
