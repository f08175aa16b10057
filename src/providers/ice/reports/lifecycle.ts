// A report request's life after it is made (spec/ice.md §8): the person approves (viewable for the
// tenant's viewableHours) or rejects, the consent lapses (expired), the window closes (archived),
// the business deletes it. Every change is a conditional UPDATE on the state it leaves, so of any
// number of racing callers exactly one wins, and a wallet-paid request's refund is written in the
// same transaction as the change that causes it, under the once-key refund:<tracking code>, as
// is the change's webhook event (ice.report.<state>, dated when the change happened).
import { and, eq, isNotNull, lt, lte, ne, sql } from 'drizzle-orm';
import type { AppDeps } from '../../../core/http.js';
import { prepared } from '../../../core/prepared.js';
import type { Db } from '../../../db/index.js';
import { iceCharges, iceLedger, iceReports } from '../../../db/schema/index.js';
import { iceSettingsOf } from '../settings.js';
import { moveMoney } from '../wallet.js';
import { emitReportChange, type IceEmitDeps } from '../webhooks.js';

import type { ReportRow, ReportState } from './row.js';

export type { ReportRow, ReportState };

/** A person's answer that was not taken: the request was no longer pending (`refused` is its state then). */
export type Refused = { refused: ReportState };

const hourMs = 3_600_000;

/** The seed's ledger row for a refund (the credit after a refused report). */
export const refundDescription = (mobile: string) => `برگشت اعتبار بابت گزارش شخص با شماره: ${mobile}`;

/**
 * The request whose consent link carries `token`, in whatever state it is (deleted included:
 * the consent page says the request is gone). Run catchUpIce for its tenant first, so a
 * lapsed consent reads as expired.
 */
export function reportByConsentToken(db: Db, token: string): ReportRow | undefined {
  return db.select().from(iceReports).where(eq(iceReports.consentToken, token)).get();
}

/** The tenant's request with this tracking code, in whatever state it is (deleted included). */
export function reportByTrackingCode(db: Db, tenantId: string, trackingCode: string): ReportRow | undefined {
  return db.select().from(iceReports).where(and(eq(iceReports.tenantId, tenantId), eq(iceReports.trackingCode, trackingCode))).get();
}

const stillPending = (r: ReportRow, atMs: number) =>
  and(eq(iceReports.trackingCode, r.trackingCode), eq(iceReports.state, 'pending'), sql`${iceReports.consentExpiresAtMs} > ${atMs}`);

/**
 * The debit row as the seed shows it once the person did not approve: the tracking code's place
 * reads "[not approved by the person with number ...]" (the code stays in the row's trackingCode).
 */
export const refusedDebitDescription = (mobile: string) => `تسویه با آیس بابت گزارش با کد رهگیری [عدم تأیید شخص با شماره: ${mobile}]`;

/**
 * Credits a wallet-paid request back once (the seed's row); a person-paid one never touched the
 * wallet. A refusal (rejected or expired) also rewords the debit row as the seed's ledger shows it.
 */
function refund(db: Db, r: ReportRow, atMs: number, why: 'refused' | 'deleted'): void {
  if (r.payer !== 'credit' || r.totalRial <= 0) return;
  const moved = moveMoney(db, {
    tenantId: r.tenantId,
    businessId: r.businessId,
    amountRial: r.totalRial,
    description: refundDescription(r.mobile),
    kind: 'refund',
    trackingCode: r.trackingCode,
    onceKey: `refund:${r.trackingCode}`,
    atMs,
  });
  if (!moved.moved) return;
  db.update(iceReports).set({ refundedAtMs: atMs }).where(eq(iceReports.trackingCode, r.trackingCode)).run();
  if (why === 'refused') db.update(iceLedger).set({ description: refusedDebitDescription(r.mobile) }).where(eq(iceLedger.onceKey, `report:${r.trackingCode}`)).run();
}

/** The answer when a change did not win: the request's state now (due work was done first). */
function refusal(deps: AppDeps, r: ReportRow): Refused {
  return { refused: reportByTrackingCode(deps.db, r.tenantId, r.trackingCode)?.state ?? 'deleted' };
}

function approveAt(deps: IceEmitDeps, r: ReportRow, atMs: number, chargeId?: string): ReportRow | undefined {
  const viewableUntilMs = atMs + iceSettingsOf(deps.db, r.tenantId).viewableHours * hourMs;
  return deps.db.transaction(() => {
    const approved = deps.db
      .update(iceReports)
      .set({ state: 'viewable', approvedAtMs: atMs, viewableUntilMs, ...(chargeId !== undefined ? { chargeId } : {}) })
      .where(stillPending(r, atMs))
      .returning()
      .get();
    if (approved) emitReportChange(deps, approved, atMs);
    return approved;
  });
}

/** The person's open bank pages for the request close with it, so no payment lands on a request that is no longer pending. */
function closeOpenCharges(db: Db, r: ReportRow, atMs: number): void {
  db.update(iceCharges)
    .set({ status: 'cancelled', finishedAtMs: atMs })
    .where(and(eq(iceCharges.tenantId, r.tenantId), eq(iceCharges.purpose, 'report'), eq(iceCharges.trackingCode, r.trackingCode), eq(iceCharges.status, 'pending')))
    .run();
}

/** The first charge the person paid for the request, if any. */
function paidChargeOf(db: Db, r: ReportRow) {
  return db
    .select({ id: iceCharges.id, finishedAtMs: iceCharges.finishedAtMs })
    .from(iceCharges)
    .where(and(eq(iceCharges.tenantId, r.tenantId), eq(iceCharges.purpose, 'report'), eq(iceCharges.trackingCode, r.trackingCode), eq(iceCharges.status, 'paid')))
    .orderBy(iceCharges.finishedAtMs)
    .get();
}

/**
 * A person's payment for a person-paid request went through: the payment is the person's
 * consent, so the request is approved as of the instant it was paid, whether or not the browser
 * ever comes back from the bank. A request no longer pending is left as it is.
 */
export function approvePaidCharge(deps: IceEmitDeps, charge: { tenantId: string; purpose: string; trackingCode: string | null; id: string; status: string; finishedAtMs: number | null }): void {
  if (charge.purpose !== 'report' || charge.status !== 'paid' || charge.trackingCode === null || charge.finishedAtMs === null) return;
  const r = reportByTrackingCode(deps.db, charge.tenantId, charge.trackingCode);
  if (r?.state === 'pending' && r.payer === 'person') approveAt(deps, r, charge.finishedAtMs, charge.id);
}

function rejectAt(deps: AppDeps, r: ReportRow, atMs: number): ReportRow | undefined {
  return deps.db.transaction(() => {
    const rejected = deps.db.update(iceReports).set({ state: 'rejected', rejectedAtMs: atMs }).where(stillPending(r, atMs)).returning().get();
    if (!rejected) return undefined;
    closeOpenCharges(deps.db, rejected, atMs);
    refund(deps.db, rejected, atMs, 'refused');
    const now = reportByTrackingCode(deps.db, r.tenantId, r.trackingCode)!;
    emitReportChange(deps, now, atMs);
    return now;
  });
}

/**
 * The person approves a pending request at `nowMs`: it becomes viewable for the tenant's
 * viewableHours. `chargeId` names the person's paid charge (payer person). Answers the new row,
 * or `{refused: state}` when the request is not pending (already answered, expired, deleted);
 * of any number of concurrent approvals exactly one changes the row.
 */
export function approveReport(deps: AppDeps, report: ReportRow, nowMs: number, options: { chargeId?: string } = {}): ReportRow | Refused {
  catchUpReports(deps, report.tenantId, nowMs);
  return approveAt(deps, report, nowMs, options.chargeId) ?? refusal(deps, report);
}

/**
 * The person rejects a pending request at `nowMs`; a wallet-paid request is refunded in the same
 * transaction. Answers the new row, or `{refused: state}` when it is not pending; of any number of
 * concurrent rejections exactly one changes the row and refunds.
 */
export function rejectReport(deps: AppDeps, report: ReportRow, nowMs: number): ReportRow | Refused {
  catchUpReports(deps, report.tenantId, nowMs);
  return rejectAt(deps, report, nowMs) ?? refusal(deps, report);
}

/**
 * A pending request whose consent lapsed: expired, and refunded, as of the instant it lapsed;
 * unless the person paid before then, when it is approved as of the payment instead.
 */
function expire(deps: AppDeps, r: ReportRow): void {
  const atMs = r.consentExpiresAtMs;
  const paid = r.payer === 'person' ? paidChargeOf(deps.db, r) : undefined;
  if (paid && paid.finishedAtMs !== null && paid.finishedAtMs < atMs && approveAt(deps, r, paid.finishedAtMs, paid.id)) return;
  deps.db.transaction(() => {
    const expired = deps.db
      .update(iceReports)
      .set({ state: 'expired', expiredAtMs: atMs })
      .where(and(eq(iceReports.trackingCode, r.trackingCode), eq(iceReports.state, 'pending')))
      .returning()
      .get();
    if (!expired) return;
    refund(deps.db, expired, atMs, 'refused');
    emitReportChange(deps, reportByTrackingCode(deps.db, r.tenantId, r.trackingCode)!, atMs);
  });
}

/**
 * The business deletes a request (any state but deleted). A pending wallet-paid request is
 * refunded, as no report will come of it; a viewable or archived one was delivered and is not.
 * Answers the deleted row, or undefined when it was deleted already (or by a racing call).
 */
export function deleteReport(deps: AppDeps, r: ReportRow, nowMs: number): ReportRow | undefined {
  return deps.db.transaction(() => {
    const deleted = deps.db
      .update(iceReports)
      .set({ state: 'deleted', deletedAtMs: nowMs, stateBeforeDelete: r.state })
      .where(and(eq(iceReports.trackingCode, r.trackingCode), eq(iceReports.state, r.state), ne(iceReports.state, 'deleted')))
      .returning()
      .get();
    if (!deleted) return undefined;
    closeOpenCharges(deps.db, deleted, nowMs);
    if (r.state === 'pending') refund(deps.db, deleted, nowMs, 'deleted');
    const now = reportByTrackingCode(deps.db, r.tenantId, r.trackingCode)!;
    emitReportChange(deps, now, nowMs);
    return now;
  });
}

// Runs before every ICE call of the tenant, where nothing is due nearly always: one prepared
// statement over three indexed ranges answers that, instead of three statements drizzle builds.
const dueStatement = ({ $client }: Db) =>
  $client.prepare<{ tenantId: string; nowMs: number }, { due: number }>(
    `SELECT EXISTS (SELECT 1 FROM ice_reports WHERE tenant_id = @tenantId AND state = 'pending' AND scripted_at_ms <= @nowMs)
         OR EXISTS (SELECT 1 FROM ice_reports WHERE tenant_id = @tenantId AND state = 'pending' AND consent_expires_at_ms <= @nowMs)
         OR EXISTS (SELECT 1 FROM ice_reports WHERE tenant_id = @tenantId AND state = 'viewable' AND viewable_until_ms <= @nowMs) AS due`,
  );

/**
 * Everything that fell due on the tenant's clock by `nowMs`, each as of the instant it fell due:
 * scripted persons (test mobiles) answer, then unanswered consents lapse, then viewing windows
 * close. A scripted approval whose window also closed by now is archived in the same pass.
 */
export function catchUpReports(deps: AppDeps, tenantId: string, nowMs: number): void {
  const { db } = deps;
  if (prepared(db, dueStatement).get({ tenantId, nowMs })?.due !== 1) return;
  const answering = db
    .select()
    .from(iceReports)
    .where(
      and(
        eq(iceReports.tenantId, tenantId),
        eq(iceReports.state, 'pending'),
        isNotNull(iceReports.scriptedAtMs),
        lte(iceReports.scriptedAtMs, nowMs),
        lt(iceReports.scriptedAtMs, iceReports.consentExpiresAtMs),
      ),
    )
    .orderBy(iceReports.scriptedAtMs)
    .all();
  for (const r of answering) {
    if (r.scripted === 'approve') approveAt(deps, r, r.scriptedAtMs!);
    else if (r.scripted === 'reject') rejectAt(deps, r, r.scriptedAtMs!);
  }
  const lapsed = db
    .select()
    .from(iceReports)
    .where(and(eq(iceReports.tenantId, tenantId), eq(iceReports.state, 'pending'), lte(iceReports.consentExpiresAtMs, nowMs)))
    .orderBy(iceReports.consentExpiresAtMs)
    .all();
  for (const r of lapsed) expire(deps, r);
  db.transaction(() => {
    const archived = db
      .update(iceReports)
      .set({ state: 'archived', archivedAtMs: sql`${iceReports.viewableUntilMs}` })
      .where(and(eq(iceReports.tenantId, tenantId), eq(iceReports.state, 'viewable'), lte(iceReports.viewableUntilMs, nowMs)))
      .returning()
      .all();
    // RETURNING's order is not defined: the events go in the order the windows closed.
    archived.sort((a, b) => a.archivedAtMs! - b.archivedAtMs! || a.trackingCode.localeCompare(b.trackingCode));
    for (const row of archived) emitReportChange(deps, row, row.archivedAtMs!);
  });
}
