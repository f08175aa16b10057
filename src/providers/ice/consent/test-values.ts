// The person's test values: the consent page's answers as the browser posts them
// (POST /c/{{consentToken}}, form-urlencoded; {{consentToken}} ends the link in the person's SMS),
// and the control API calls that act as the person without a browser ({{tenantId}}, {{trackingCode}}).
import type { TestValue } from '../../../core/provider.js';
import { testCards } from '../../../web/index.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  path: '/c/{{consentToken}}',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: fields,
});

/** A control API call: its path is from the sandbox's root, not under /ice. */
const asPerson = (action: 'approve' | 'reject' | 'pay', body?: Record<string, string>) => ({
  method: 'POST' as const,
  path: `/_sandbox/tenants/{{tenantId}}/ice/reports/{{trackingCode}}/${action}`,
  ...(body ? { headers: { 'Content-Type': 'application/json' }, body } : {}),
});

const paying = testCards.find((card) => card.outcome === 'success')!.number;
const failing = testCards.find((card) => card.outcome === 'insufficient_funds')!.number;
const control = 'control API (the path is from the sandbox root, not /ice)';

export function consentTestValues(): TestValue[] {
  return [
    { provider: 'ice', endpoint: 'consent-page', outcome: 'approved', request: form({ action: 'approve' }), note: 'a wallet-paid request: viewable at once for viewableHours; the page says so' },
    { provider: 'ice', endpoint: 'consent-page', outcome: 'to-bank-page', request: form({ action: 'approve', bank: 'mellat' }), note: 'a person-paid request: 303 to the Mellat page (bank saman or mellat, default saman); paying there and coming back to /c/{{consentToken}}/return approves it, a failed or cancelled payment leaves it pending' },
    { provider: 'ice', endpoint: 'consent-page', outcome: 'rejected', request: form({ action: 'reject' }), note: 'rejected; a wallet-paid request is refunded with the seed’s two ledger rows' },
    { provider: 'ice', endpoint: 'consent-page', outcome: 'person-approves', request: asPerson('approve'), note: `${control}: approves any pending request; a person-paid one is paid first with ${paying} on Saman (or {"card", "bank"} given). Answers the request` },
    { provider: 'ice', endpoint: 'consent-page', outcome: 'person-payment-fails', request: asPerson('approve', { card: failing }), note: `${control}: 402 payment_failed with the bank’s reason; the request stays pending` },
    { provider: 'ice', endpoint: 'consent-page', outcome: 'person-rejects', request: asPerson('reject'), note: `${control}: rejects any pending request (a wallet-paid one is refunded). Answers the request` },
    { provider: 'ice', endpoint: 'consent-page', outcome: 'person-pays', request: asPerson('pay', { card: paying, bank: 'mellat' }), note: `${control}: pays a person-paid request on the bank given and approves it; any test card gives its outcome` },
  ];
}
