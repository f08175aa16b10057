// The report requests' test values: each test mobile as POST /api/v1/reports is sent it, with what
// its person does (test-mobiles.ts), so a test reaches every state without the consent page.
import type { TestValue } from '../../../core/provider.js';
import { delayedFamilies, testMobiles } from './test-mobiles.js';

const request = (mobile: string) => ({
  method: 'POST' as const,
  path: '/api/v1/reports',
  body: { personType: 'natural', nationalCode: '0020000014', mobile, payer: 'credit' },
});

const outcomes = { approve: 'person-approves', reject: 'person-rejects', silent: 'person-never-answers', undeliverable: 'sms-undeliverable' } as const;

export function reportTestValues(): TestValue[] {
  const fixed = testMobiles.map((t) => ({ provider: 'ice', endpoint: 'report-create', outcome: outcomes[t.person.kind], request: request(t.mobile), note: `mobile ${t.mobile}: ${t.note}` }));
  const delayed = delayedFamilies.map((f) => ({
    provider: 'ice',
    endpoint: 'report-create',
    outcome: `person-${f.kind}s-after-minutes`,
    request: request(f.example),
    note: `mobiles ${f.pattern}: ${f.note}. Any other valid mobile waits for the consent page or the control API`,
  }));
  return [...fixed, ...delayed];
}
