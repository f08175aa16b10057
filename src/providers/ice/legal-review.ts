// The review of a business's legal information (spec §2): pending until decided, then approved
// (its legal business name becomes the official name consent SMSes show) or rejected with a
// reason. The tenant's legalReview setting decides by itself when the review falls due on the
// tenant clock (catch-up); the control API decides a pending review at any time.
import { and, eq, inArray, lte } from 'drizzle-orm';
import { prepared } from '../../core/prepared.js';
import type { Db } from '../../db/index.js';
import { iceBusinesses } from '../../db/schema/index.js';
import type { BusinessRow } from './business.js';
import { iceSettingsOf, type IceSettings } from './settings.js';
import { emitLegalReview } from './webhooks.js';

/** The reason a rejection by the control API gives when it names none. */
export const defaultRejectReason = 'مدارک ارسال‌شده تأیید نشد';

/** When a review sent at `nowMs` decides itself; null: only the control API decides it. */
export const reviewDueAt = (settings: IceSettings, nowMs: number): number | null =>
  settings.legalReview.decision === 'manual' ? null : nowMs + settings.legalReview.afterSeconds * 1000;

/** Decides a pending review; false when it is not pending (decided meanwhile, or never sent). */
export function decideReview(db: Db, business: BusinessRow, decision: 'approve' | 'reject', reason: string | undefined, atMs: number): boolean {
  const legal = business.legal === null ? undefined : (JSON.parse(business.legal) as { businessName: string });
  const decided =
    decision === 'approve'
      ? { legalStatus: 'approved' as const, legalReason: null, officialName: legal?.businessName ?? business.officialName }
      : { legalStatus: 'rejected' as const, legalReason: reason ?? defaultRejectReason };
  const changed = db
    .update(iceBusinesses)
    .set({ ...decided, legalDecideAtMs: null, legalDecidedAtMs: atMs })
    .where(and(eq(iceBusinesses.tenantId, business.tenantId), eq(iceBusinesses.id, business.id), eq(iceBusinesses.legalStatus, 'pending')))
    .returning()
    .get();
  if (changed) emitLegalReview(db, changed, atMs);
  return changed !== undefined;
}

/** Is any review of the tenant due by then? Prepared once per connection (core/prepared.ts). */
const anyDue = (db: Db) => db.$client.prepare<[string, number], 1>("SELECT 1 FROM ice_businesses WHERE tenant_id = ? AND legal_status = 'pending' AND legal_decide_at_ms <= ? LIMIT 1").pluck();

/**
 * Reviews of the tenant that fell due by `nowMs`, decided as the tenant's setting says now, each
 * at the moment it fell due. A setting changed to manual meanwhile leaves them to the control API.
 */
export function decideDueReviews(db: Db, tenantId: string, nowMs: number): void {
  // Runs before every ICE call: one prepared lookup when, as nearly always, nothing is due.
  if (!prepared(db, anyDue).get(tenantId, nowMs)) return;
  const due = db
    .select()
    .from(iceBusinesses)
    .where(and(eq(iceBusinesses.tenantId, tenantId), eq(iceBusinesses.legalStatus, 'pending'), lte(iceBusinesses.legalDecideAtMs, nowMs)))
    .all();
  if (due.length === 0) return;
  const review = iceSettingsOf(db, tenantId).legalReview;
  if (review.decision === 'manual') {
    const ids = due.map((b) => b.id);
    db.update(iceBusinesses).set({ legalDecideAtMs: null }).where(and(eq(iceBusinesses.tenantId, tenantId), inArray(iceBusinesses.id, ids))).run();
    return;
  }
  for (const business of due) decideReview(db, business, review.decision, review.reason, business.legalDecideAtMs!);
}
