// The person's payment for a person-paid request: one open bank charge per request at a time,
// living no longer than the consent, and a paid charge approving the request as of the moment
// it was paid, whether the browser comes back from the bank or not (the page, the return and the
// control API all settle it first).
import { and, asc, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../core/http.js';
import { iceCharges } from '../../../db/schema/index.js';
import { createCharge, type Bank, type ChargeRow } from '../charges.js';
import { approveReport, reportByTrackingCode, type Refused, type ReportRow } from '../reports/lifecycle.js';

/** The charges a person opened for this request. */
const ofReport = (r: ReportRow) => and(eq(iceCharges.tenantId, r.tenantId), eq(iceCharges.purpose, 'report'), eq(iceCharges.trackingCode, r.trackingCode));

/** The request's first paid charge, if the person paid. */
export function paidChargeOf(deps: Pick<AppDeps, 'db'>, r: ReportRow): ChargeRow | undefined {
  return deps.db.select().from(iceCharges).where(and(ofReport(r), eq(iceCharges.status, 'paid'))).orderBy(asc(iceCharges.finishedAtMs)).get();
}

/** The charge `chargeId` when it is one of this request's, else undefined. */
export function chargeOfReport(deps: Pick<AppDeps, 'db'>, r: ReportRow, chargeId: string): ChargeRow | undefined {
  return deps.db.select().from(iceCharges).where(and(ofReport(r), eq(iceCharges.id, chargeId))).get();
}

/**
 * Approves the pending request with its paid charge, as of the instant it was paid (the payment
 * is the person's consent; the viewing window starts then). Answers the request as it is now.
 * Of any number of concurrent callers one approves; the others find it approved.
 */
export function settlePaidConsent(deps: AppDeps, r: ReportRow): ReportRow | Refused {
  if (r.state !== 'pending' || r.payer !== 'person') return r;
  const paid = paidChargeOf(deps, r);
  if (!paid) return r;
  return approveReport(deps, r, paid.finishedAtMs!, { chargeId: paid.id });
}

/** The request re-read after settling a paid charge (undefined only if it vanished). */
export function settledReport(deps: AppDeps, r: ReportRow): ReportRow | undefined {
  settlePaidConsent(deps, r);
  return reportByTrackingCode(deps.db, r.tenantId, r.trackingCode);
}

/**
 * A new charge of the request's total on `bank`'s page. The request's earlier pending charges are
 * cancelled in the same transaction, so two tabs can never both take the person's money, and the
 * page closes when the consent does, so no payment lands on a request that has lapsed.
 */
export function openPersonCharge(deps: AppDeps, r: ReportRow, bank: Bank, returnUrl: string, nowMs: number): ChargeRow {
  return deps.db.transaction(() => {
    deps.db
      .update(iceCharges)
      .set({ status: 'cancelled', finishedAtMs: nowMs })
      .where(and(ofReport(r), eq(iceCharges.status, 'pending')))
      .run();
    const charge = createCharge(deps, { tenantId: r.tenantId, businessId: r.businessId, purpose: 'report', trackingCode: r.trackingCode, amountRial: r.totalRial, bank, returnUrl }, nowMs);
    if (charge.expiresAtMs <= r.consentExpiresAtMs) return charge;
    return deps.db.update(iceCharges).set({ expiresAtMs: r.consentExpiresAtMs }).where(eq(iceCharges.id, charge.id)).returning().get()!;
  });
}
