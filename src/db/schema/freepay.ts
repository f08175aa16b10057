// The Freepay gateway's records: payments (one per authority) and the settlements that paid
// verified payments out to the merchant's account.
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
  (t) => [index('freepay_payments_tenant').on(t.tenantId, t.createdAtMs)],
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
