// The buyer's submission and the merchant's verify: the one code path the gateway page and
// the control API's "act as the buyer" call share, and the idempotent verify.
import type { AppContext, AppDeps } from '../../core/http.js';
import { journalCallNow } from '../../core/journal-calls.js';
import type { TenantRow } from '../../core/tenants.js';
import { answerFields, freepayCodes, type FreepayCodeName } from './catalog.js';
import { FreepayError } from './errors.js';
import { failedPaymentError } from './failures.js';
import { freepayMerchant } from './merchant.js';
import { takesMoney } from './card-return.js';
import { catchUpFreepay } from './money.js';
import { sendReceipt } from './receipt.js';
import { recordFreepay } from './wallet.js';
import { emitPaymentChange } from './webhooks.js';
import { checkCardForm, outcomeOf, type CardForm } from '../../web/index.js';
import { findPayment, movePayment, settleSubmission, shownStatus, type PaymentRow, type Submission } from './payments.js';

export type BuyerAction = { cancel: true } | { form: CardForm; checkCaptcha: boolean };

/**
 * What submitting the page does: the form checked, the issuer asked (a card whose issuer never
 * answers holds the answer for the merchant's issuerTimeoutMs), the payment moved on, and the
 * callback URL the buyer is sent to.
 */
export async function submitPayment(c: AppContext | undefined, deps: AppDeps, tenant: TenantRow, payment: PaymentRow, nowMs: () => number, action: BuyerAction): Promise<Submission> {
  catchUpFreepay(deps, tenant.id, nowMs());
  const before = shownStatus(findPayment(deps.db, payment.authority)!, nowMs());
  if (before !== 'pending') return { kind: 'closed', status: before };
  if ('cancel' in action) {
    return deps.db.transaction(() => {
      const atMs = nowMs();
      return announced(deps, tenant, settleSubmission(deps.db, payment, atMs, { cancel: true }), atMs);
    });
  }
  const checked = checkCardForm(action.form, payment.authority, nowMs(), action.checkCaptcha);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
  const { card } = checked;
  if (outcomeOf(card) === 'issuer_timeout') await deps.holds.hold(c, freepayMerchant(tenant).issuerTimeoutMs);
  return deps.db.transaction(() => {
    // One instant for the change and everything written with it.
    const atMs = nowMs();
    const result = settleSubmission(deps.db, payment, atMs, { card, ...(checked.email ? { email: checked.email } : {}) });
    if (result.kind === 'redirect' && takesMoney(result.payment.failure)) {
      recordFreepay(deps.db, tenant.id, 'FREEPAY_HELD', payment.amountRial, `taken from card ${result.payment.cardPan}, payment failed (authority ${payment.authority})`, atMs);
    }
    if (result.kind === 'redirect') sendReceipt(deps, tenant, result.payment, atMs);
    return announced(deps, tenant, result, atMs);
  });
}

/** Emits the page's outcome (paid, failed or cancelled) of a submission that moved the payment on at `atMs`. */
function announced(deps: AppDeps, tenant: TenantRow, result: Submission, atMs: number): Submission {
  if (result.kind === 'redirect') {
    const p = result.payment;
    const status = p.status === 'paid' || p.status === 'failed' ? p.status : 'cancelled';
    emitPaymentChange(deps, tenant, p, `freepay.payment.${status}`, atMs);
  }
  return result;
}

const paymentData = (p: PaymentRow) => ({
  [answerFields.amount]: p.amountRial,
  [answerFields.authority]: p.authority,
  [answerFields.refId]: p.refId,
  [answerFields.cardPan]: p.cardPan,
  [answerFields.orderId]: p.orderId,
  [answerFields.paidAt]: p.paidAtMs === null ? null : new Date(p.paidAtMs).toISOString(),
});

/**
 * Verify, all in one synchronous transaction: the first verify of a paid payment marks it
 * verified and credits the merchant once; any later one answers "already verified" with the
 * same data. Every other state answers its own code. The answer's journal entry is written in
 * the same transaction, so a credit never stands without its record. Returns the answer body.
 */
export function verifyPayment(c: AppContext, merchant: TenantRow, authority: string, amountRial: number, nowMs: number): Record<string, unknown> {
  const deps = c.get('deps');
  catchUpFreepay(deps, merchant.id, nowMs);
  deps.journal.flush();
  return deps.db.transaction(() => {
    const p = findPayment(deps.db, authority);
    if (!p) throw new FreepayError('unknownAuthority');
    if (p.tenantId !== merchant.id) throw new FreepayError('otherMerchant');
    if (p.amountRial !== amountRial) throw new FreepayError('amountMismatch');
    const status = shownStatus(p, nowMs);
    const refusal: Partial<Record<typeof status, FreepayCodeName>> = {
      expired: 'authorityExpired',
      pending: 'notPaid',
      cancelled: 'cancelled',
    };
    if (status === 'failed' || status === 'reversed') {
      throw failedPaymentError(p);
    }
    const refused = refusal[status];
    if (refused) throw new FreepayError(refused);
    if (status !== 'verified') {
      if (!movePayment(deps.db, p, 'paid', { status: 'verified', verifiedAtMs: nowMs }, nowMs)) throw new Error(`payment ${p.authority} changed inside its transaction`);
      recordFreepay(deps.db, merchant.id, 'FREEPAY', p.amountRial, `payment ${p.authority} verified`, nowMs);
      emitPaymentChange(deps, merchant, findPayment(deps.db, p.authority)!, 'freepay.payment.verified', nowMs);
    }
    const code = freepayCodes[status === 'verified' ? 'alreadyVerified' : 'ok'];
    const body = { [answerFields.status]: code.status, [answerFields.message]: code.message, ...paymentData(p) };
    c.set('answerBody', body);
    journalCallNow(c, 200);
    return body;
  });
}
