// Freepay onboarding for tests: the SMS code read from the tenant's outbox, a sign-up that leaves
// the tenant's merchant signed in, and the documents sent as the panel sends them.
import type { Instance } from '../../src/instance.js';
import { control, freepayForm, json, merchant } from '../helpers.js';

/** The demo person of the synthetic world: their own mobile line, MELLI account and card. */
export const demo = { mobile: '09123456789', nationalCode: '0123456789', iban: 'IR120170000001234567890123', account: '1234567890123', card: '6037991234567893' };

export const pngBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);

/** The code in the newest SMS to `mobile`. */
export async function lastCode(app: Instance, tenantId: string, mobile: string): Promise<string> {
  const res = await control(app, 'GET', `/tenants/${tenantId}/outbox?channel=sms&recipient=${mobile}`);
  const { entries } = (await res.json()) as { entries: { message: { text: string } }[] };
  const code = entries[0] && /: (\d{6})\n/.exec(entries[0].message.text)?.[1];
  if (!code) throw new Error(`no code sent to ${mobile}`);
  return code;
}

export const signupFields = (mobile = demo.mobile) => ({ first_name: 'علی', last_name: 'محمدی', mobile, password: 'Secret1234', accept_rules: '1' });

/** A tenant of its own whose merchant has signed up (code verified): its id, API key and session. */
export async function signedUp(app: Instance, mobile = demo.mobile) {
  const m = await merchant(app);
  const start = await freepayForm(app, '/panel/signup', signupFields(mobile), { 'X-Sandbox-Tenant': m.id });
  if (start.status !== 201) throw new Error(`sign-up: ${start.status} ${await start.text()}`);
  const { signup_id } = (await json(start)) as { signup_id: string };
  const code = await lastCode(app, m.id, mobile);
  const verify = await freepayForm(app, `/panel/signup/${signup_id}/verify`, { code }, { 'X-Sandbox-Tenant': m.id });
  if (verify.status !== 201) throw new Error(`verify: ${verify.status} ${await verify.text()}`);
  const { access_token } = (await json(verify)) as { access_token: string };
  return { ...m, signupId: signup_id, token: access_token };
}

export function documentsForm(fields: Record<string, string>, file: { bytes: Uint8Array<ArrayBuffer>; name: string } | null = { bytes: pngBytes, name: 'id.png' }): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set('document', new File([file.bytes], file.name, { type: 'image/png' }));
  return form;
}

export const contact = { landline: '02188776655', address: 'تهران، خیابان آزادی، پلاک ۱', email: 'ali@example.com' };

export function sendDocuments(app: Instance, token: string, form: FormData) {
  return app.app.request('/freepay/panel/documents', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: form });
}

/** A signed-up merchant whose identity check passed: active. */
export async function onboarded(app: Instance) {
  const m = await signedUp(app);
  const res = await sendDocuments(app, m.token, documentsForm({ national_code: demo.nationalCode, ...contact }));
  if (res.status !== 200) throw new Error(`documents: ${res.status} ${await res.text()}`);
  return m;
}

export const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
