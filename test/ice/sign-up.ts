// ICE sign-up for tests: reading SMS codes from the tenant's outbox (as a test gets a code without
// a phone) and a whole sign-up that leaves a new business signed in.
import type { Instance } from '../../src/instance.js';
import { control } from '../helpers.js';
import { ice } from './helpers.js';

export async function smsTo(instance: Instance, tenantId: string, mobile: string): Promise<string[]> {
  const res = await control(instance, 'GET', `/tenants/${tenantId}/outbox?channel=sms&recipient=${mobile}`);
  if (res.status !== 200) throw new Error(`outbox: ${res.status} ${await res.text()}`);
  const { entries } = (await res.json()) as { entries: { provider: string; message: { text: string } }[] };
  return entries.map((e) => e.message.text);
}

/** The code in the newest SMS to `mobile`. */
export async function lastCode(instance: Instance, tenantId: string, mobile: string): Promise<string> {
  const [text] = await smsTo(instance, tenantId, mobile);
  const code = text && /: (\d{6})\n/.exec(text)?.[1];
  if (!code) throw new Error(`no code sent to ${mobile}`);
  return code;
}

/** A different 6-digit code than `code`. */
export const otherThan = (code: string) => (code === '000000' ? '111111' : '000000');

export const basicInfo = { businessName: 'فروشگاه نمونه', firstName: 'سارا', lastName: 'احمدی' };

/** Signs a new business up (steps 1 to 3): its id and access token. */
export async function signUp(instance: Instance, tenantId: string, mobile: string, username: string, password = 'Secret1234') {
  const start = await ice(instance, '/api/v1/registrations', { tenant: tenantId, body: { ...basicInfo, mobile } });
  if (start.status !== 201) throw new Error(`sign-up: ${start.status} ${await start.text()}`);
  const { registrationId } = (await start.json()) as { registrationId: string };
  const code = await lastCode(instance, tenantId, mobile);
  const verify = await ice(instance, `/api/v1/registrations/${registrationId}/verify`, { tenant: tenantId, body: { code } });
  if (verify.status !== 200) throw new Error(`verify: ${verify.status} ${await verify.text()}`);
  const account = await ice(instance, `/api/v1/registrations/${registrationId}/account`, { tenant: tenantId, body: { username, password } });
  if (account.status !== 201) throw new Error(`account: ${account.status} ${await account.text()}`);
  const { businessId, accessToken } = (await account.json()) as { businessId: string; accessToken: string };
  return { businessId, token: accessToken, registrationId };
}
