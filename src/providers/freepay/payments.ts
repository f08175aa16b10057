// Freepay payments: created by a request, paid or cancelled on the gateway page (or by the
// control API acting as the buyer: one code path), verified by the merchant exactly once.
// Every change is one synchronous SQLite transaction, so concurrent calls cannot interleave.
import { and, eq, sql } from 'drizzle-orm';
import { prepared } from '../../core/prepared.js';
import type { Db } from '../../db/index.js';
import { freepayPayments } from '../../db/schema/index.js';
import { newDigits } from '../../core/ids.js';
import { failureReasons, maskPan, outcomeOf, type FailureReason, type FormErrors } from '../../web/index.js';
import { callbackParams, callbackStatus } from './catalog.js';
import { returnDueAtMs, takesMoney } from './card-return.js';
import type { FreepayMerchant } from './merchant.js';

export type PaymentRow = typeof freepayPayments.$inferSelect;
export type PaymentStatus = PaymentRow['status'];
/** A pending payment past its lifetime shows as expired. */
export type ShownStatus = PaymentStatus | 'expired' | 'reversed';

// The page's captcha, kept under this name for the tests that fill the page in.
export { captchaOf } from '../../web/index.js';

export function shownStatus(p: PaymentRow, nowMs: number): ShownStatus {
  if (p.status === 'pending' && nowMs >= p.expiresAtMs) return 'expired';
  if (p.status === 'failed' && p.reversedAtMs !== null) return 'reversed';
  return p.status;
}

export interface NewPayment {
  tenantId: string;
  amountRial: number;
  callback: string;
  description?: string | undefined;
  mobile?: string | undefined;
  email?: string | undefined;
  orderId?: string | undefined;
}

/** Prepared once: a payment request inserts one row, and building the INSERT cost more than running it. */
const insertPayment = (db: Db) =>
  db
    .insert(freepayPayments)
    .values({
      authority: sql.placeholder('authority'),
      tenantId: sql.placeholder('tenantId'),
      amountRial: sql.placeholder('amountRial'),
      callback: sql.placeholder('callback'),
      description: sql.placeholder('description'),
      mobile: sql.placeholder('mobile'),
      email: sql.placeholder('email'),
      orderId: sql.placeholder('orderId'),
      status: 'pending',
      createdAtMs: sql.placeholder('createdAtMs'),
      expiresAtMs: sql.placeholder('expiresAtMs'),
      history: sql.placeholder('history'),
    })
    .onConflictDoNothing()
    .returning()
    .prepare();

export function createPayment(db: Db, input: NewPayment, merchant: FreepayMerchant, nowMs: number): PaymentRow {
  for (;;) {
    const row = prepared(db, insertPayment).get({
      authority: newDigits(14),
      tenantId: input.tenantId,
      amountRial: input.amountRial,
      callback: input.callback,
      description: input.description ?? null,
      mobile: input.mobile ?? null,
      email: input.email ?? null,
      orderId: input.orderId ?? null,
      createdAtMs: nowMs,
      expiresAtMs: nowMs + merchant.authorityLifetimeSeconds * 1000,
      history: JSON.stringify([{ status: 'pending', atMs: nowMs }]),
    });
    if (row) return row;
  }
}

const byAuthority = (db: Db) => db.select().from(freepayPayments).where(eq(freepayPayments.authority, sql.placeholder('authority'))).prepare();

export function findPayment(db: Db, authority: string): PaymentRow | undefined {
  return prepared(db, byAuthority).get({ authority });
}

type Move = ReturnType<typeof moveStatement>;
const moveStatement = (db: Db, columns: readonly string[]) =>
  db
    .update(freepayPayments)
    .set(Object.fromEntries(columns.map((column) => [column, sql.placeholder(column)])))
    .where(and(eq(freepayPayments.authority, sql.placeholder('whereAuthority')), eq(freepayPayments.status, sql.placeholder('whereStatus'))))
    .prepare();
/** One statement per set of columns a move changes (a handful: paid, verified, failed, reversed...). */
const moves = () => new Map<string, Move>();

/** Moves a payment on from `from`, appending to its history; false when it was no longer `from`. */
export function movePayment(db: Db, p: PaymentRow, from: PaymentStatus, change: Partial<PaymentRow> & { status: PaymentStatus }, atMs: number): boolean {
  const history = [...(JSON.parse(p.history) as unknown[]), { status: change.status, atMs }];
  const values: Record<string, unknown> = { ...change, history: JSON.stringify(history) };
  const columns = Object.keys(values).filter((column) => values[column] !== undefined);
  const statements = prepared(db, moves);
  const key = columns.join(',');
  let statement = statements.get(key);
  if (!statement) statements.set(key, (statement = moveStatement(db, columns)));
  const moved = statement.run({ ...values, whereAuthority: p.authority, whereStatus: from });
  return moved.changes === 1;
}

export const callbackUrl = (p: PaymentRow, status: string) => {
  const url = new URL(p.callback);
  url.searchParams.set(callbackParams.authority, p.authority);
  url.searchParams.set(callbackParams.status, status);
  return url.toString();
};

export type Submission =
  | { kind: 'redirect'; url: string; payment: PaymentRow }
  | { kind: 'invalid'; errors: FormErrors }
  | { kind: 'closed'; status: ShownStatus };

/** Cancelling, or paying with a checked card whose outcome is known (after any issuer wait). */
export function settleSubmission(db: Db, p: PaymentRow, nowMs: number, action: { cancel: true } | { card: string; email?: string }): Submission {
  const current = findPayment(db, p.authority)!;
  const status = shownStatus(current, nowMs);
  if (status !== 'pending') return { kind: 'closed', status };
  if ('cancel' in action) return moved(db, current, { status: 'cancelled' }, nowMs, callbackStatus.cancelled);
  const outcome = outcomeOf(action.card);
  const cardPan = maskPan(action.card);
  const email = action.email ?? current.email;
  if (outcome === 'success') {
    return moved(db, current, { status: 'paid', cardPan, email, refId: newDigits(12), paidAtMs: nowMs }, nowMs, callbackStatus.paid);
  }
  if (outcome === 'buyer_cancels') return moved(db, current, { status: 'cancelled', cardPan, email }, nowMs, callbackStatus.cancelled);
  const failure: FailureReason = outcome;
  return moved(
    db,
    current,
    { status: 'failed', failure, cardPan, email, ...(takesMoney(failure) ? { reversalDueAtMs: returnDueAtMs(failure, nowMs) } : {}) },
    nowMs,
    callbackStatus.failed,
  );
}

function moved(db: Db, p: PaymentRow, change: Partial<PaymentRow> & { status: PaymentStatus }, nowMs: number, callback: string): Submission {
  if (!movePayment(db, p, 'pending', change, nowMs)) return { kind: 'closed', status: shownStatus(findPayment(db, p.authority)!, nowMs) };
  return { kind: 'redirect', url: callbackUrl(p, callback), payment: findPayment(db, p.authority)! };
}

export const failureMessage = (reason: string | null) => (reason ? failureReasons[reason as FailureReason] ?? reason : null);
