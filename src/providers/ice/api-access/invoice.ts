// Step 3 of the API onboarding: the pro-forma invoice, one month's web-service fee (the tenant's
// apiInvoiceRial) from the Tehran day the contracts were both accepted to the same day a month
// later, paid on the Saman or Mellat page. Its charge (purpose api-invoice) never touches the
// wallet; a new payment page closes the one before, so the invoice is paid once.
import { and, eq } from 'drizzle-orm';
import type { AppDeps } from '../../../core/http.js';
import type { Db } from '../../../db/index.js';
import { iceCharges } from '../../../db/schema/index.js';
import { chargeById, chargeView, createCharge, type Bank, type ChargeRow } from '../charges.js';
import { IceError } from '../errors.js';
import { addMonths, issueDay, slashed } from '../report/dates.js';
import { shownTime, shownTimeOrNull } from '../time.js';
import { announceApiAccess } from './events.js';
import { updateRequest, type ApiRequestRow } from './store.js';

/** 3,000,000: the seed prints amounts with comma groups. */
const grouped = (rial: number) => rial.toLocaleString('en-US');

export function invoicePeriod(issuedAtMs: number): { from: string; to: string } {
  const from = issueDay(issuedAtMs);
  return { from: slashed(from), to: slashed(addMonths(from, 1)) };
}

/** The paid invoice charge of the request, if any, recorded on the request (its payment time is the charge's). */
export function syncInvoice(db: Db, row: ApiRequestRow): ApiRequestRow {
  if (row.invoicePaidAtMs !== null || row.invoiceChargeId === null) return row;
  const paid = db
    .select()
    .from(iceCharges)
    .where(and(eq(iceCharges.tenantId, row.tenantId), eq(iceCharges.businessId, row.businessId), eq(iceCharges.purpose, 'api-invoice'), eq(iceCharges.status, 'paid')))
    .get();
  if (!paid) return row;
  const updated = updateRequest(db, row, { invoicePaidAtMs: paid.finishedAtMs, invoiceChargeId: paid.id });
  announceApiAccess({ db }, updated, 'invoice', paid.finishedAtMs!);
  return updated;
}

/**
 * A payment page for the invoice: the previous page, if still open, is closed first, so two
 * pages can never both be paid. Refused with invoicePaid once it is paid.
 */
export function openInvoiceCharge(deps: Pick<AppDeps, 'db'>, row: ApiRequestRow, bank: Bank, returnUrl: string, nowMs: number): { row: ApiRequestRow; charge: ChargeRow } {
  return deps.db.transaction(() => {
    const current = syncInvoice(deps.db, row);
    if (current.invoicePaidAtMs !== null) throw new IceError('invoicePaid', { paidAt: shownTime(current.invoicePaidAtMs) });
    if (current.invoiceChargeId) {
      deps.db
        .update(iceCharges)
        .set({ status: 'cancelled', finishedAtMs: nowMs })
        .where(and(eq(iceCharges.id, current.invoiceChargeId), eq(iceCharges.status, 'pending')))
        .run();
    }
    const charge = createCharge(deps, { tenantId: row.tenantId, businessId: row.businessId, purpose: 'api-invoice', amountRial: current.invoiceRial!, bank, returnUrl }, nowMs);
    return { row: updateRequest(deps.db, current, { invoiceChargeId: charge.id }), charge };
  });
}

/** The invoice as the panel shows it, with its latest payment page; null before step 2 is done. */
export function invoiceView(db: Db, row: ApiRequestRow | undefined, origin: string, nowMs: number) {
  if (!row || row.invoiceIssuedAtMs === null || row.invoiceRial === null) return null;
  const { from, to } = invoicePeriod(row.invoiceIssuedAtMs);
  const charge = row.invoiceChargeId ? chargeById(db, row.tenantId, row.invoiceChargeId) : undefined;
  return {
    amountRial: row.invoiceRial,
    from,
    to,
    description: `مبلغ ${grouped(row.invoiceRial)} ریال بابت پشتیبانی و نگهداری فروش انواع گزارش های اعتبارسنجی از طریق وب سرویس از تاریخ ${from} لغایت ${to}`,
    issuedAt: shownTime(row.invoiceIssuedAtMs),
    paid: row.invoicePaidAtMs !== null,
    paidAt: shownTimeOrNull(row.invoicePaidAtMs),
    charge: charge ? chargeView(charge, origin, nowMs) : null,
  };
}
