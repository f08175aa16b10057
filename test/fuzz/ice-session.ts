// ICE's part of a fuzz run's tenant: its ready business signed in and, when the run's requests
// name them, a pending person-paid report with its consent link (from the person's SMS), a wallet
// charge's bank page with its captcha, a sign-up and a password reset. Nothing here moves money:
// a person-paid request and an open charge leave the wallet alone.
import type { Call } from './session.js';
import type { Vars } from './text.js';

async function ok<T>(res: Promise<Response>, status: number, what: string): Promise<T> {
  const answer = await res;
  const text = await answer.text();
  if (answer.status !== status) throw new Error(`${what}: expected ${status}, got ${answer.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** An ordinary mobile: no test mobile's scripted person answers it, so the request stays pending. */
const quietMobile = '09121234567';

export async function iceVars(call: Call, tenantId: string, uses: (name: string) => boolean): Promise<Vars> {
  const vars: Vars = {};
  const publicCall = { 'X-Sandbox-Tenant': tenantId };
  const wanted = ['iceToken', 'businessId', 'trackingCode', 'consentToken', 'paymentToken', 'chargeId', 'captcha'].some(uses);
  if (!wanted && !uses('registrationId') && !uses('resetId')) return vars;
  if (wanted) {
    const login = await ok<{ accessToken: string; businessId: string }>(call('POST', '/ice/api/v1/auth/login', { login: 'mahak', password: 'Mahak1234' }, publicCall), 200, 'ICE login');
    Object.assign(vars, { iceToken: login.accessToken, businessId: login.businessId });
  }
  const signedIn = { Authorization: `Bearer ${vars.iceToken}` };
  if (uses('trackingCode') || uses('consentToken')) {
    const body = { personType: 'natural', nationalCode: '0020000014', mobile: quietMobile, payer: 'person' };
    const { trackingCode } = await ok<{ trackingCode: string }>(call('POST', '/ice/api/v1/reports', body, signedIn), 201, 'ICE report request');
    const { entries } = await ok<{ entries: { message: { text?: string } }[] }>(call('GET', `/_sandbox/tenants/${tenantId}/outbox?provider=ice`), 200, 'the ICE outbox');
    const link = entries.map((e) => /\/ice\/c\/([A-Za-z0-9_-]+)/.exec(e.message.text ?? '')).find((m) => m !== null);
    if (!link) throw new Error('the consent SMS names no link');
    Object.assign(vars, { trackingCode, consentToken: link[1]! });
  }
  if (uses('paymentToken') || uses('chargeId') || uses('captcha')) {
    const body = { amountRial: 500_000, bank: 'saman', returnUrl: 'http://localhost:3000/wallet/return' };
    const charge = await ok<{ chargeId: string; paymentUrl: string }>(call('POST', '/ice/api/v1/wallet/charges', body, signedIn), 201, 'ICE wallet charge');
    const path = new URL(charge.paymentUrl).pathname;
    const page = await call('GET', path);
    await page.text();
    Object.assign(vars, { chargeId: charge.chargeId, paymentToken: path.split('/').pop()!, captcha: page.headers.get('x-sandbox-captcha') ?? '' });
  }
  if (uses('registrationId')) {
    const body = { businessName: 'فروشگاه آزمون', firstName: 'سارا', lastName: 'احمدی', mobile: '09121112233' };
    vars.registrationId = (await ok<{ registrationId: string }>(call('POST', '/ice/api/v1/registrations', body, publicCall), 201, 'ICE registration')).registrationId;
  }
  if (uses('resetId')) {
    vars.resetId = (await ok<{ resetId: string }>(call('POST', '/ice/api/v1/auth/password-reset', { login: 'mahak' }, publicCall), 202, 'ICE password reset')).resetId;
  }
  return vars;
}
