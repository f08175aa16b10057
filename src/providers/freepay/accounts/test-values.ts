// The merchant onboarding's test values: sign-up with the demo person's mobile (its code in the
// outbox) or a fixed-code mobile, the identity check approved and rejected, and the panel's first
// bank account and site. {{tenantId}} is a tenant of yours, {{signupId}} the sign-up's id and
// {{session}} the access token verify answers.
import type { TestValue } from '../../../core/provider.js';
import { fixedTestCode } from '../../../core/accounts/sms-codes.js';

const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
const tenant = { ...form, 'X-Sandbox-Tenant': '{{tenantId}}' };
const session = { ...form, Authorization: 'Bearer {{session}}' };
const person = { first_name: 'علی', last_name: 'محمدی', password: 'Secret1234', accept_rules: '1' };
/** The demo person of the synthetic world: this mobile is the line of national code 0123456789. */
const demo = { mobile: '09123456789', nationalCode: '0123456789' };

export function onboardingTestValues(): TestValue[] {
  const value = (endpoint: string, outcome: string, request: TestValue['request'], note: string): TestValue => ({ provider: 'freepay', endpoint, outcome, request, note });
  const documents = (nationalCode: string) => ({
    method: 'POST' as const,
    path: '/panel/documents',
    headers: { Authorization: 'Bearer {{session}}' },
    body: { national_code: nationalCode, landline: '02188776655', address: 'تهران، خیابان آزادی', email: 'ali@example.com', document: '<a jpg or png file of at most 2 MiB>' },
  });
  return [
    value('panel-signup', 'codeSent', { method: 'POST', path: '/panel/signup', headers: tenant, body: { ...person, mobile: demo.mobile } }, `the demo person's mobile: the code is in the SMS of GET /_sandbox/tenants/{{tenantId}}/outbox?channel=sms&recipient=${demo.mobile}`),
    value('panel-signup', 'fixedCode', { method: 'POST', path: '/panel/signup', headers: tenant, body: { ...person, mobile: '09990000001' } }, `mobiles 09990000000 to 09990000099 always get ${fixedTestCode}; their identity check fails (no person owns them)`),
    value('panel-signup-verify', 'verified', { method: 'POST', path: '/panel/signup/{{signupId}}/verify', headers: tenant, body: { code: fixedTestCode } }, 'the account is made and signed in: {{session}} is the access_token answered'),
    value('panel-documents', 'approved', documents(demo.nationalCode), `multipart/form-data; signed up with ${demo.mobile}, the identity check approves: the merchant becomes active and the profile shows its api_key`),
    value('panel-documents', 'rejected', documents('0010000011'), `multipart/form-data; a national code whose owner's line is not the signed-up mobile: rejected with a reason, the documents may be sent again`),
    value('panel-bank-account-add', 'added', { method: 'POST', path: '/panel/bank-accounts', headers: session, body: { bank_name: 'MELLI', account_number: '1234567890123', card_number: '6037991234567893', iban: 'IR120170000001234567890123' } }, "the demo person's MELLI account: the merchant's first, so its settlement account"),
    value('panel-site-add', 'added', { method: 'POST', path: '/panel/sites', headers: session, body: { site: 'shop.example.ir' } }, 'a site needs a bank account first'),
  ];
}
