// The report test codes as test values: each national code (or company national ID) requested
// for the test mobile whose person approves at once, so its report is readable with the rank,
// score and cheques the code documents (test-codes.ts) without the consent page.
import type { TestValue } from '../../../core/provider.js';
import { reportTestCodes } from '../report/test-codes.js';
import { testMobiles } from './test-mobiles.js';

/** The test mobile whose person approves at once. */
const approvingMobile = testMobiles.find((t) => t.person.kind === 'approve' && t.person.afterMinutes === 0)!.mobile;

export function reportBodyTestValues(): TestValue[] {
  return reportTestCodes.map((t) => ({
    provider: 'ice',
    endpoint: 'report-body',
    outcome: t.outcome,
    request: { method: 'POST' as const, path: '/api/v1/reports', body: { ...t.subject, mobile: approvingMobile, payer: 'credit' } },
    note: `then GET /api/v1/reports/{trackingCode}/credit-report: ${t.note}`,
  }));
}
