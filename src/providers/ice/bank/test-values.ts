// The bank pages' test values: each test card, and Cancel, as the Saman or Mellat page is sent
// them (POST /bank/{bank}/{{paymentToken}}, form-urlencoded). {{paymentToken}} is the end of a
// charge's paymentUrl and {{captcha}} the answer shown beside the captcha (and in X-Sandbox-Captcha).
import type { TestValue } from '../../../core/provider.js';
import { testCards } from '../../../web/index.js';

const page = (fields: Record<string, string>) => ({
  method: 'POST' as const,
  path: '/bank/saman/{{paymentToken}}',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: fields,
});

const outcomeNote: Record<string, string> = {
  success: 'the charge is paid and the wallet credited once; back to returnUrl with status=paid',
  buyer_cancels: 'back to returnUrl with status=cancelled; nothing credited',
  issuer_timeout: `the page waits 3 seconds, then the charge fails; back to returnUrl with status=failed`,
};

export function bankPageTestValues(): TestValue[] {
  const cards: TestValue[] = testCards.map((card) => ({
    provider: 'ice',
    endpoint: 'bank-page',
    outcome: card.outcome,
    request: page({ card: card.number, pin2: '12345', cvv2: '123', expMonth: '12', expYear: '09', captcha: '{{captcha}}', action: 'pay' }),
    note: `${card.bank}: ${outcomeNote[card.outcome] ?? `the charge fails (${card.outcome}); back to returnUrl with status=failed, nothing credited`}. The same on /bank/mellat/…; the same cards as Freepay's page`,
  }));
  return [...cards, { provider: 'ice', endpoint: 'bank-page', outcome: 'cancelled', request: page({ action: 'cancel' }), note: 'the Cancel button: back to returnUrl with status=cancelled' }];
}
