// The business account's test values: how a test gets an SMS code without a phone (the tenant's
// outbox, or the test block of mobiles whose code is always 123456), a sign-up and a password
// reset end to end, and the legal review's decision by the control API.
import type { TestValue } from '../../core/provider.js';
import { fixedTestCode } from './sms-codes.js';

const tenant = { 'X-Sandbox-Tenant': '{{tenantId}}' };
const block = '09990000000 to 09990000099';
const outboxNote = 'the code is in the SMS in GET /_sandbox/tenants/{{tenantId}}/outbox?channel=sms&recipient=<mobile>';

export function accountTestValues(): TestValue[] {
  const basic = { businessName: 'فروشگاه نمونه', firstName: 'سارا', lastName: 'احمدی' };
  return [
    {
      provider: 'ice',
      endpoint: 'registration-start',
      outcome: 'codeSent',
      request: { method: 'POST', path: '/api/v1/registrations', headers: tenant, body: { ...basic, mobile: '09121234567' } },
      note: `any mobile no business of the tenant has: ${outboxNote}`,
    },
    {
      provider: 'ice',
      endpoint: 'registration-start',
      outcome: 'fixedCode',
      request: { method: 'POST', path: '/api/v1/registrations', headers: tenant, body: { ...basic, mobile: '09990000001' } },
      note: `mobiles ${block}: every sign-up and reset code is ${fixedTestCode} (the SMS still goes to the outbox)`,
    },
    {
      provider: 'ice',
      endpoint: 'registration-start',
      outcome: 'mobileTaken',
      request: { method: 'POST', path: '/api/v1/registrations', headers: tenant, body: { ...basic, mobile: '09120000000' } },
      note: "the ready business's mobile",
    },
    {
      provider: 'ice',
      endpoint: 'registration-verify',
      outcome: 'verified',
      request: { method: 'POST', path: '/api/v1/registrations/{{registrationId}}/verify', headers: tenant, body: { code: fixedTestCode } },
      note: `for a registration of a mobile ${block}; otherwise ${outboxNote}. Another code answers codeWrong with triesLeft; after maxCodeTries (default 5) codeTooManyTries`,
    },
    {
      provider: 'ice',
      endpoint: 'registration-account',
      outcome: 'signedIn',
      request: { method: 'POST', path: '/api/v1/registrations/{{registrationId}}/account', headers: tenant, body: { username: 'sara.shop', password: 'Secret1234' } },
      note: 'after verify: the new business (legal status none, balance 0) and its access token',
    },
    {
      provider: 'ice',
      endpoint: 'password-reset',
      outcome: 'codeSent',
      request: { method: 'POST', path: '/api/v1/auth/password-reset', headers: tenant, body: { login: 'mahak' } },
      note: `the code goes to the business's mobile (${outboxNote}); an unknown login is answered the same, and nothing is sent`,
    },
    {
      provider: 'ice',
      endpoint: 'legal-put',
      outcome: 'approved',
      request: { method: 'POST', path: '/_sandbox/tenants/{{tenantId}}/ice/businesses/{{businessId}}/legal-review', body: { decision: 'approve' } },
      note: 'decides a pending review now (the control API); {"decision": "reject", "reason": "…"} rejects it. The businesses and their ids: GET /_sandbox/tenants/{{tenantId}}/ice/businesses',
    },
  ];
}
