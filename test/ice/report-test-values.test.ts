// The report test codes, published as test values of report-body: each request sent as listed
// (signed in as the ready business) gives a readable report with the rank, score and bounced
// cheques its code documents.
import { afterAll, expect, it } from 'vitest';
import { reportTestCodes } from '../../src/providers/ice/report/test-codes.js';
import { sandbox, control } from '../helpers.js';
import { ice, iceTenant, signIn } from './helpers.js';

const instance = sandbox();
afterAll(() => instance.close());

it('each value of endpoint report-body, sent as published, gives the report its code documents', async () => {
  const res = await control(instance, 'GET', '/test-values?provider=ice&endpoint=report-body');
  const values = (await res.json()) as { endpoint: string; outcome: string; request: { method: string; path: string; body: Record<string, unknown> } }[];
  expect(values.map((v) => v.outcome)).toEqual(reportTestCodes.map((t) => t.outcome));
  const tenant = await iceTenant(instance, { ice: { business: { balanceRial: 100_000_000 } } });
  const token = await signIn(instance, tenant);
  for (const [i, v] of values.entries()) {
    const made = await ice(instance, v.request.path, { method: v.request.method, body: v.request.body, token });
    expect(made.status).toBe(201);
    const { trackingCode } = (await made.json()) as { trackingCode: string };
    const res = await ice(instance, `/api/v1/reports/${trackingCode}/credit-report`, { token });
    expect(res.status).toBe(200);
    const { report } = (await res.json()) as { report: { rank: string | null; score: number | null; bouncedCheques: unknown[] } };
    const documented = reportTestCodes[i]!;
    expect({ outcome: v.outcome, rank: report.rank, score: report.score, cheques: report.bouncedCheques.length }).toEqual({
      outcome: documented.outcome,
      rank: documented.rank,
      score: documented.score,
      cheques: documented.bouncedCheques,
    });
  }
});
