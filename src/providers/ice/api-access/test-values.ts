// The API onboarding's test values: one walk through the five steps as published, in order (a
// business whose legal information is approved, the ready one `mahak` say), so a test can take a
// business live without reading the seed: company information whose IDs pass their check digits,
// the two contracts at their current versions, the invoice paid by the control API, the addresses
// and webhook URL, the move to live (done by moving the tenant clock), then the credentials.
import type { TestValue } from '../../../core/provider.js';
import { contracts } from './contracts.js';

const bearer = { Authorization: 'Bearer {{token}}' };

/** Company information every check accepts (the README's walk-through uses it too). */
export const testCompany = {
  companyName: 'شرکت نمونه پارس',
  economicCode: '411111111111',
  ceoName: 'سارا احمدی',
  ceoNationalCode: '0012345679',
  chairmanName: 'علی محمدی',
  chairmanNationalCode: '0020000014',
  boardMemberName: 'مریم رضایی',
  boardMemberNationalCode: '0012345679',
  postalCode: '1234567890',
  address: 'تهران، خیابان آزادی، پلاک ۱',
  registrationNumber: '123456',
  registrationDate: '1399/08/07',
  gazetteNumber: '21345',
  gazetteDate: '1399/08/20',
  phone: '02188776655',
  nationalId: '10101234508',
};

export function apiAccessTestValues(): TestValue[] {
  const value = (endpoint: string, outcome: string, request: TestValue['request'], note: string): TestValue => ({ provider: 'ice', endpoint, outcome, request, note });
  return [
    value('api-company-put', 'saved', { method: 'PUT', path: '/api/v1/api-access/company', headers: bearer, body: testCompany }, 'step 1: the national ID and the three national codes pass their check digits; the dates are Jalali and not after today'),
    ...(['nda', 'api-firm'] as const).flatMap((id) => [
      value('api-contract-get', 'viewed', { method: 'GET', path: `/api/v1/api-access/contracts/${id}`, headers: bearer }, `step 2: fetching the ${id} contract records its version as viewed`),
      value('api-contract-accept', 'accepted', { method: 'POST', path: `/api/v1/api-access/contracts/${id}/accept`, headers: bearer, body: { version: contracts[id].version } }, `step 2: accepts the version fetched; both accepted issue the invoice`),
    ]),
    value('api-invoice-pay', 'pageOpened', { method: 'POST', path: '/api/v1/api-access/invoice/payments', headers: bearer, body: { bank: 'saman', returnUrl: 'http://localhost:3000/back' } }, 'step 3: opens the Saman page for the pro-forma invoice; its chargeId is in the answer'),
    value('api-invoice-pay', 'paid', { method: 'POST', path: '/_sandbox/tenants/{{tenantId}}/ice/charges/{{chargeId}}/pay', body: { card: '6037990000010013' } }, 'step 3: the control API pays the invoice as the payer would on the page'),
    value('api-documents-put', 'saved', { method: 'PUT', path: '/api/v1/api-access/documents', headers: bearer, body: { ip1: '127.0.0.1', webhookUrl: 'http://127.0.0.1:4000/hooks/ice' } }, 'step 4: the address the API will be called from (loopback, for a test) and the webhook URL; the tenant inbox URL (GET /_sandbox/tenants/{{tenantId}}/webhook-inbox) works too'),
    value('api-live', 'goingLive', { method: 'POST', path: '/api/v1/api-access/live', headers: bearer }, 'step 5: the move to live completes after liveDelayMinutes (120 by default) on the tenant clock'),
    value('api-live', 'live', { method: 'POST', path: '/_sandbox/tenants/{{tenantId}}/clock', body: { advanceSeconds: 7200 } }, 'moving the tenant clock two hours completes the move: the webhook URL becomes the tenant ICE endpoint'),
    value('api-credentials', 'issued', { method: 'POST', path: '/api/v1/api-access/credentials', headers: bearer }, 'once live: the client id, a new client secret and the webhook signing secret, shown this once'),
  ];
}
