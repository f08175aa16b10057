// The Freepay gateway's records: payments (one per authority) and the settlements that paid
// verified payments out to the merchant's account.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The status a payment is counted and listed under: its stored status, except that a failed
 * payment whose money went back to the card counts as reversed. Indexes and the triggers of
 * freepay_payment_counts (drizzle/0004) use this very expression.
 */
export const countedStatusSql = "(CASE WHEN status = 'failed' AND reversed_at_ms IS NOT NULL THEN 'reversed' ELSE status END)";

export const freepayPayments = sqliteTable(
  'freepay_payments',
  {
    authority: text('authority').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    amountRial: integer('amount_rial').notNull(),
    callback: text('callback').notNull(),
    description: text('description'),
    mobile: text('mobile'),
    email: text('email'),
    orderId: text('order_id'),
    /** pending → paid → verified; or failed, cancelled; a failed payment whose money was taken is reversed later. */
    status: text('status', { enum: ['pending', 'paid', 'verified', 'failed', 'cancelled'] }).notNull(),
    /** Why a payment failed, as the catalog names it (insufficient_funds, wrong_pin2, …). */
    failure: text('failure'),
    /** Masked card number, e.g. 603799******0013. */
    cardPan: text('card_pan'),
    refId: text('ref_id'),
    createdAtMs: integer('created_at_ms').notNull(),
    expiresAtMs: integer('expires_at_ms').notNull(),
    paidAtMs: integer('paid_at_ms'),
    verifiedAtMs: integer('verified_at_ms'),
    /** Money taken from the card although the payment failed: returned to the card at this time. */
    reversalDueAtMs: integer('reversal_due_at_ms'),
    reversedAtMs: integer('reversed_at_ms'),
    settlementId: text('settlement_id'),
    /** JSON: [{status, at}] every change of status, oldest first. */
    history: text('history').notNull(),
  },
  // Every panel listing walks one of these newest first (created_at_ms, then authority, as the
  // panel orders) and stops at its page; the unsettled and reversal indexes find outstanding work
  // with one search, however many payments were settled or reversed before.
  (t) => [
    index('freepay_payments_tenant').on(t.tenantId, t.createdAtMs, t.authority),
    index('freepay_payments_status').on(t.tenantId, sql.raw(countedStatusSql), t.createdAtMs, t.authority),
    index('freepay_payments_amount').on(t.tenantId, t.amountRial, t.createdAtMs, t.authority),
    index('freepay_payments_order').on(t.tenantId, t.orderId, t.createdAtMs, t.authority),
    index('freepay_payments_card').on(t.tenantId, sql`substr(${t.cardPan}, -4)`, t.createdAtMs, t.authority),
    // A tracking code names one payment: the panel's ref_id search reads one entry, whatever the
    // history. Like the others it ends in the panel's order, or the planner walks the tenant's index.
    index('freepay_payments_ref_order').on(t.tenantId, t.refId, t.createdAtMs, t.authority).where(sql`${t.refId} IS NOT NULL`),
    index('freepay_payments_unsettled').on(t.tenantId, t.status, t.settlementId, t.verifiedAtMs),
    index('freepay_payments_reversal_due').on(t.tenantId, t.status, t.reversedAtMs, t.reversalDueAtMs),
  ],
);

/**
 * Running counts of a merchant's payments by counted status (countedStatusSql), kept by triggers
 * on freepay_payments (drizzle/0004) in the statement that writes the payment, so the panel's
 * totals cost the same however many payments there are.
 */
export const freepayPaymentCounts = sqliteTable(
  'freepay_payment_counts',
  {
    tenantId: text('tenant_id').notNull(),
    status: text('status').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.status] })],
);

export const freepaySettlements = sqliteTable(
  'freepay_settlements',
  {
    id: text('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** Jalali business day (yyyyMMdd, Tehran) the settlement ran on. */
    tehranDay: text('tehran_day').notNull(),
    atMs: integer('at_ms').notNull(),
    amountRial: integer('amount_rial').notNull(),
    payments: integer('payments').notNull(),
    iban: text('iban').notNull(),
  },
  (t) => [index('freepay_settlements_tenant').on(t.tenantId, t.atMs)],
);
