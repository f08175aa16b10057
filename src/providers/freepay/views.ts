// How the merchant panel shows a payment and a settlement: the panel's answers and the data of
// Freepay's webhook events are the same views.
import { tehranJalaliDateTime } from '../../core/calendar.js';
import type { freepaySettlements } from '../../db/schema/index.js';
import { failureFacts } from './failures.js';
import { shownStatus, type PaymentRow } from './payments.js';

type SettlementRow = typeof freepaySettlements.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const jalali = (ms: number | null) => (ms === null ? null : tehranJalaliDateTime(ms));
export const both = (ms: number | null) => ({ iso: iso(ms), jalali: jalali(ms) });

export function summary(p: PaymentRow, nowMs: number) {
  return {
    authority: p.authority,
    status: shownStatus(p, nowMs),
    amount: p.amountRial,
    order_id: p.orderId,
    card_pan: p.cardPan,
    ref_id: p.refId,
    created_at: both(p.createdAtMs),
    paid_at: both(p.paidAtMs),
  };
}

/** A payment as GET /panel/transactions/{authority} shows it; also the data of its webhook events. */
export function detail(p: PaymentRow, nowMs: number) {
  const history = (JSON.parse(p.history) as { status: string; atMs: number }[]).map((h) => ({ status: h.status, at: both(h.atMs) }));
  if (p.reversedAtMs !== null) history.push({ status: 'reversed', at: both(p.reversedAtMs) });
  if (shownStatus(p, nowMs) === 'expired') history.push({ status: 'expired', at: both(p.expiresAtMs) });
  return {
    ...summary(p, nowMs),
    description: p.description,
    mobile: p.mobile,
    email: p.email,
    callback: p.callback,
    failure: p.failure,
    ...failureFacts(p.failure),
    expires_at: both(p.expiresAtMs),
    verified_at: both(p.verifiedAtMs),
    reversal_due_at: both(p.reversalDueAtMs),
    reversed_at: both(p.reversedAtMs),
    settlement_id: p.settlementId,
    history,
  };
}

/** A settlement as GET /panel/settlements lists it; also the data of its webhook event. */
export const settlementView = (s: SettlementRow) => ({
  id: s.id,
  day: `${s.tehranDay.slice(0, 4)}/${s.tehranDay.slice(4, 6)}/${s.tehranDay.slice(6)}`,
  at: both(s.atMs),
  amount: s.amountRial,
  payments: s.payments,
  iban: s.iban,
});

