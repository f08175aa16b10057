// A tenant's reset returns its ICE part to how it was created (settings, the ready business with
// its opening balance, nothing else), and its deletion removes every ICE row it had.
import { afterAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { iceBusinesses, iceCharges, iceLedger, icePasswordResets, iceRegistrations, iceReports, iceSettings } from '../../src/db/schema/index.js';
import { readyBusinessId } from '../../src/providers/ice/tenancy.js';
import { control, sandbox } from '../helpers.js';
import { ice, iceTenant, signIn } from './helpers.js';

const instance = sandbox();
afterAll(() => instance.close());

const tables = { iceSettings, iceBusinesses, iceRegistrations, icePasswordResets, iceLedger, iceCharges, iceReports };
const rowsOf = (tenantId: string) =>
  Object.fromEntries(Object.entries(tables).map(([name, table]) => [name, instance.deps.db.select().from(table).where(eq(table.tenantId, tenantId)).all().length]));

/** A tenant with something in every ICE table: a sign-up, a reset, a charge, two requests, a changed setting. */
async function busyTenant() {
  const tenant = await iceTenant(instance, { ice: { viewableHours: 48, business: { balanceRial: 500_000 } } });
  const token = await signIn(instance, tenant);
  expect((await ice(instance, '/api/v1/registrations', { tenant: tenant.id, body: { businessName: 'کسب‌وکار دوم', firstName: 'سارا', lastName: 'کریمی', mobile: '09990000011' } })).status).toBe(201);
  expect((await ice(instance, '/api/v1/auth/password-reset', { tenant: tenant.id, body: { login: 'mahak' } })).status).toBe(202);
  expect((await ice(instance, '/api/v1/wallet/charges', { token, body: { amountRial: 100_000, bank: 'saman', returnUrl: 'http://localhost:3000/back' } })).status).toBe(201);
  for (const mobile of ['09121234567', '09120000002']) {
    expect((await ice(instance, '/api/v1/reports', { token, body: { personType: 'natural', nationalCode: '0020000014', mobile, payer: 'credit' } })).status).toBe(201);
  }
  expect((await control(instance, 'PATCH', `/tenants/${tenant.id}/ice`, { consentLifetimeMinutes: 5 })).status).toBe(200);
  return { tenant, token };
}

describe('ICE and the tenant lifecycle', () => {
  it('a reset leaves the ready business as created (same id, its sessions valid), its opening balance, the creation settings and nothing else', async () => {
    const { tenant, token } = await busyTenant();
    expect(rowsOf(tenant.id)).toEqual({ iceSettings: 1, iceBusinesses: 1, iceRegistrations: 1, icePasswordResets: 1, iceLedger: 4, iceCharges: 1, iceReports: 2 });
    expect((await control(instance, 'POST', `/tenants/${tenant.id}/reset`)).status).toBe(200);
    expect(rowsOf(tenant.id)).toEqual({ iceSettings: 1, iceBusinesses: 1, iceRegistrations: 0, icePasswordResets: 0, iceLedger: 1, iceCharges: 0, iceReports: 0 });
    const wallet = await ice(instance, '/api/v1/wallet', { token });
    expect({ status: wallet.status, body: await wallet.json() }).toEqual({ status: 200, body: { balanceRial: 500_000, lowBalance: false, reportPriceRial: 100_000 } });
    const account = (await (await ice(instance, '/api/v1/account', { token })).json()) as { businessId: string };
    expect(account.businessId).toBe(readyBusinessId(tenant.id));
    const view = (await (await control(instance, 'GET', `/tenants/${tenant.id}`)).json()) as { ice: { settings: { viewableHours: number; consentLifetimeMinutes: number } } };
    expect({ viewableHours: view.ice.settings.viewableHours, consentLifetimeMinutes: view.ice.settings.consentLifetimeMinutes }).toEqual({ viewableHours: 48, consentLifetimeMinutes: 1440 });
    const reports = await ice(instance, '/api/v1/reports?state=pending', { token });
    expect(((await reports.json()) as { total: number }).total).toBe(0);
  });

  it('a deletion removes every ICE row of the tenant, and its tokens stop working', async () => {
    const { tenant, token } = await busyTenant();
    expect((await control(instance, 'DELETE', `/tenants/${tenant.id}`)).status).toBe(204);
    expect(rowsOf(tenant.id)).toEqual({ iceSettings: 0, iceBusinesses: 0, iceRegistrations: 0, icePasswordResets: 0, iceLedger: 0, iceCharges: 0, iceReports: 0 });
    const res = await ice(instance, '/api/v1/wallet', { token });
    expect({ status: res.status, body: await res.json() }).toEqual({ status: 401, body: { code: 'unauthorized', message: 'ابتدا وارد حساب کاربری شوید' } });
  });
});
