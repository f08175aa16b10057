// Freepay test values: the test cards, and cancelling, as what the payment page is sent
// (POST /payment/gateway:{authority}, form-urlencoded). {{authority}} is a payment of yours and
// {{captcha}} the answer shown beside the page's captcha (also in its X-Sandbox-Captcha header).
import type { TestValue } from '../../core/provider.js';
import { failureClassOf, freepayCodes, testCards, type FailureReason } from './catalog.js';
import { failedPaymentCode } from './failures.js';
import { onboardingTestValues } from './accounts/test-values.js';

const page = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  path: '/payment/gateway:{{authority}}',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: fields,
});

/** A failing card's class and the code verify answers for it. */
function failureNote(outcome: string): string {
  if (!(outcome in failureClassOf)) return '';
  const failure = outcome as FailureReason;
  const code = failedPaymentCode(failure);
  return `. A ${failureClassOf[failure]} error; verify answers ${freepayCodes[code].status} (${code})`;
}

export function freepayTestValues(): TestValue[] {
  const cards: TestValue[] = testCards.map((card) => ({
    provider: 'freepay',
    endpoint: 'payment-gateway',
    outcome: card.outcome,
    request: page({ card: card.number, pin2: '12345', cvv2: '123', expMonth: '12', expYear: '09', captcha: '{{captcha}}', action: 'pay' }),
    note: `${card.bank}: ${card.note}${failureNote(card.outcome)}`,
  }));
  return [...cards, { provider: 'freepay', endpoint: 'payment-gateway', outcome: 'cancelled', request: page({ action: 'cancel' }), note: 'the Cancel button' }, ...onboardingTestValues()];
}
