// ICE API onboarding for tests: a valid company form, a tenant on a frozen Tehran day, and the
// five steps walked through to live (the invoice paid by the control API acting as the payer).
import type { Instance } from '../../src/instance.js';
import { control } from '../helpers.js';
import { advance, ice, iceTenant, signIn, type IceTenant } from './helpers.js';
import { payAs } from './bank-helpers.js';
import { testCompany } from '../../src/providers/ice/api-access/test-values.js';

/** 1400/02/04 10:00 in Tehran: the seed's invoice starts that day. */
export const startAt = '2021-04-24T10:00:00+04:30';

/** Company information every check accepts: the one the published test values send. */
export const company = testCompany;

export const returnUrl = 'http://localhost:3000/api-access/return';
export const documents = { ip1: '203.0.113.10', ip2: '203.0.113.11', webhookUrl: 'https://example.com/ice/webhook' };

/** A tenant of its own whose clock stands at `startAt`, and its ready business signed in. */
export async function frozenTenant(instance: Instance): Promise<{ tenant: IceTenant; token: string }> {
  const tenant = await iceTenant(instance);
  for (const body of [{ set: startAt }, { freeze: true }]) {
    const res = await control(instance, 'POST', `/tenants/${tenant.id}/clock`, body);
    if (res.status !== 200) throw new Error(`clock: ${res.status} ${await res.text()}`);
  }
  return { tenant, token: await signIn(instance, tenant) };
}

async function ok(res: Response | Promise<Response>, status = 200): Promise<Record<string, unknown>> {
  const r = await res;
  if (r.status !== status) throw new Error(`${r.url}: ${r.status} ${await r.text()}`);
  return (await r.json()) as Record<string, unknown>;
}

export const acceptBoth = async (instance: Instance, token: string) => {
  for (const contract of ['nda', 'api-firm']) {
    const { version } = (await ok(ice(instance, `/api/v1/api-access/contracts/${contract}`, { token }))) as { version: string };
    await ok(ice(instance, `/api/v1/api-access/contracts/${contract}/accept`, { token, body: { version } }));
  }
};

export async function payInvoice(instance: Instance, tenantId: string, token: string, card = '6037990000010013'): Promise<string> {
  const { chargeId } = (await ok(ice(instance, '/api/v1/api-access/invoice/payments', { token, body: { bank: 'saman', returnUrl } }), 201)) as { chargeId: string };
  await ok(payAs(instance, tenantId, chargeId, { card }));
  return chargeId;
}

/** Steps 1 to 4 done; step 5 asked, and completed unless `wait` is false. */
export async function goLive(instance: Instance, tenantId: string, token: string, docs: Record<string, unknown> = documents, wait = true) {
  await ok(ice(instance, '/api/v1/api-access/company', { method: 'PUT', token, body: company }));
  await acceptBoth(instance, token);
  await payInvoice(instance, tenantId, token);
  await ok(ice(instance, '/api/v1/api-access/documents', { method: 'PUT', token, body: docs }));
  await ok(ice(instance, '/api/v1/api-access/live', { method: 'POST', token }), 202);
  if (wait) await advance(instance, tenantId, 120 * 60);
}

export interface Credentials {
  clientId: string;
  clientSecret: string;
  issuedAt: { at: string; date: string; time: string };
  webhook: { url: string; signingSecret: string; previousSecretSignsUntil: string | null } | null;
  tokenUrl: string;
}

export async function credentials(instance: Instance, token: string): Promise<Credentials> {
  return (await ok(ice(instance, '/api/v1/api-access/credentials', { method: 'POST', token }), 201)) as unknown as Credentials;
}

const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const pdf = new TextEncoder().encode('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n');

/** Sends the business's legal information (province فارس, city شیراز); the default review approves it at once. */
export async function sendLegal(instance: Instance, token: string): Promise<void> {
  const form = new FormData();
  const fields = { businessName: 'شرکت دوم', lastName: 'رضایی', nationalCode: '0012345679', phone: '02188776655', registrationNumber: '654321', postalCode: '1234567890', address: 'شیراز، خیابان زند', province: 'فارس', city: 'شیراز' };
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('nationalCard', new Blob([png], { type: 'image/png' }), 'card.png');
  form.append('licence', new Blob([pdf], { type: 'application/pdf' }), 'licence.pdf');
  const res = await instance.app.request('/ice/api/v1/account/legal', { method: 'PUT', headers: { Authorization: `Bearer ${token}` }, body: form });
  if (res.status >= 300) throw new Error(`legal: ${res.status} ${await res.text()}`);
}
