// The merchant's Freepay money, in the shared ledger: FREEPAY is the gateway balance (credited
// once per verified payment); FREEPAY_HELD is buyers' money taken by payments that failed, until
// it is returned to the card (within minutes, or after 72 working hours: card-return.ts) on the
// tenant clock. Time-driven work (reversals) is caught up whenever the tenant's Freepay state is
// read or changed, so a clock moved by days does exactly what the days would have done.
import { and, eq, isNull, lte, isNotNull, sql } from 'drizzle-orm';
import { prepared } from '../../core/prepared.js';
import type { Db } from '../../db/index.js';
import type { AppDeps } from '../../core/http.js';
import { freepayPayments } from '../../db/schema/index.js';
import { failureReasons, type FailureReason } from './catalog.js';
import { findPayment, type PaymentRow } from './payments.js';
import { settleDue } from './settlement.js';
import { recordFreepay } from './wallet.js';
import { emitPaymentChange } from './webhooks.js';
import { getTenant } from '../../core/tenants.js';

/**
 * Catches the tenant's Freepay money up with its clock: returns to the card the money of every
 * failed payment whose return fell due (a ledger entry and a notice each), then runs the
 * settlements that fell due.
 */
/** Prepared once: every merchant call asks it. */
const dueReversals = (db: Db) =>
  db
    .select()
    .from(freepayPayments)
    .where(
      and(
        eq(freepayPayments.tenantId, sql.placeholder('tenantId')),
        eq(freepayPayments.status, 'failed'),
        isNotNull(freepayPayments.reversalDueAtMs),
        isNull(freepayPayments.reversedAtMs),
        lte(freepayPayments.reversalDueAtMs, sql.placeholder('nowMs')),
      ),
    )
    .prepare();

export function catchUpFreepay(deps: AppDeps, tenantId: string, nowMs: number): void {
  const due = prepared(deps.db, dueReversals).all({ tenantId, nowMs });
  for (const payment of due) reverse(deps, payment);
  settleDue(deps, tenantId, nowMs);
}

function reverse(deps: AppDeps, p: PaymentRow): void {
  const atMs = p.reversalDueAtMs!;
  deps.db.transaction(() => {
    const marked = deps.db
      .update(freepayPayments)
      .set({ reversedAtMs: atMs })
      .where(and(eq(freepayPayments.authority, p.authority), isNull(freepayPayments.reversedAtMs)))
      .run();
    if (marked.changes !== 1) return;
    recordFreepay(deps.db, p.tenantId, 'FREEPAY_HELD', -p.amountRial, `returned to card ${p.cardPan} (authority ${p.authority})`, atMs);
    const tenant = getTenant(deps.db, p.tenantId);
    if (tenant) emitPaymentChange(deps, tenant, findPayment(deps.db, p.authority)!, 'freepay.payment.reversed', atMs);
    const text = `فری‌پی: مبلغ ${p.amountRial.toLocaleString('fa-IR')} ریال تراکنش ناموفق ${p.authority} به کارت ${p.cardPan} بازگشت داده شد.`;
    if (p.mobile) {
      deps.outbox.send({ tenantId: p.tenantId, atMs, provider: 'freepay', channel: 'sms', recipient: p.mobile, text });
    } else {
      deps.outbox.send({
        tenantId: p.tenantId,
        atMs,
        provider: 'freepay',
        channel: 'webhook',
        recipient: p.callback,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: { authority: p.authority, event: 'reversed', amount: p.amountRial, reason: failureReasons[p.failure as FailureReason] },
      });
    }
  });
}
