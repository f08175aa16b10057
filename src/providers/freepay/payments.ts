// Freepay payments: created by a request, paid or cancelled on the gateway page (or by the
// control API acting as the buyer: one code path), verified by the merchant exactly once.
// Every change is one synchronous SQLite transaction, so concurrent calls cannot interleave.
import { and, eq } from 'drizzle-orm';
import { createHmac } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { freepayPayments } from '../../db/schema/index.js';
import { newDigits } from '../../core/ids.js';
import { isValidCardNumber, toAsciiDigits } from '../../core/world/numbers.js';
import { tehranJalaliDay } from '../../core/calendar.js';
import { callbackParams, callbackStatus, failureReasons, testCardByNumber, type FailureReason } from './catalog.js';
import type { FreepayMerchant } from './merchant.js';

export type PaymentRow = typeof freepayPayments.$inferSelect;
export type PaymentStatus = PaymentRow['status'];
/** A pending payment past its lifetime shows as expired. */
export type ShownStatus = PaymentStatus | 'expired' | 'reversed';

export const reversalDelayMs = 72 * 3600 * 1000;

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

export function createPayment(db: Db, input: NewPayment, merchant: FreepayMerchant, nowMs: number): PaymentRow {
  for (;;) {
    const authority = newDigits(14);
    const row = db
      .insert(freepayPayments)
      .values({
        authority,
        tenantId: input.tenantId,
        amountRial: input.amountRial,
        callback: input.callback,
        description: input.description ?? null,
        mobile: input.mobile ?? null,
        email: input.email ?? null,
        orderId: input.orderId ?? null,
        status: 'pending',
        createdAtMs: nowMs,
        expiresAtMs: nowMs + merchant.authorityLifetimeSeconds * 1000,
        history: JSON.stringify([{ status: 'pending', atMs: nowMs }]),
      })
      .onConflictDoNothing()
      .returning()
      .get();
    if (row) return row;
  }
}

export function findPayment(db: Db, authority: string): PaymentRow | undefined {
  return db.select().from(freepayPayments).where(eq(freepayPayments.authority, authority)).get();
}

/** Moves a payment on from `from`, appending to its history; false when it was no longer `from`. */
export function movePayment(db: Db, p: PaymentRow, from: PaymentStatus, change: Partial<PaymentRow> & { status: PaymentStatus }, atMs: number): boolean {
  const history = [...(JSON.parse(p.history) as unknown[]), { status: change.status, atMs }];
  const moved = db
    .update(freepayPayments)
    .set({ ...change, history: JSON.stringify(history) })
    .where(and(eq(freepayPayments.authority, p.authority), eq(freepayPayments.status, from)))
    .run();
  return moved.changes === 1;
}

/** The captcha of a payment's page: fixed per authority, shown beside the field in the sandbox. */
export const captchaOf = (authority: string) => String(parseInt(createHmac('sha256', 'mahak-captcha').update(authority).digest('hex').slice(0, 8), 16) % 90_000 + 10_000);

export const maskPan = (card: string) => `${card.slice(0, 6)}******${card.slice(-4)}`;

/** The buyer's form as typed; every field text. */
export interface CardForm {
  card?: string | undefined;
  pin2?: string | undefined;
  cvv2?: string | undefined;
  expMonth?: string | undefined;
  expYear?: string | undefined;
  captcha?: string | undefined;
  email?: string | undefined;
}

export type FormField = keyof CardForm;

/** What the page says of a field it refuses. */
export const formMessages = {
  cardRequired: 'شماره کارت را وارد کنید',
  cardInvalid: 'شماره کارت معتبر نیست',
  pin2Invalid: 'رمز دوم باید ۵ تا ۱۲ رقم باشد',
  cvv2Invalid: 'CVV2 باید ۳ یا ۴ رقم باشد',
  expiryInvalid: 'تاریخ انقضا را به صورت ماه (۱ تا ۱۲) و سال (دو رقم) وارد کنید',
  expiryPast: 'تاریخ انقضای کارت گذشته است',
  captchaWrong: 'کد امنیتی درست نیست',
  emailInvalid: 'نشانی ایمیل معتبر نیست',
} as const;

const digitsOnly = (v: string | undefined) => toAsciiDigits(v ?? '').replace(/[\s-]/g, '');

/**
 * The buyer's form checked as a gateway does, on the tenant's clock: Luhn, a Jalali expiry
 * (month and two-digit year, as printed on Iranian cards) not in the past, PIN2, CVV2 and the captcha.
 */
export function checkCardForm(
  form: CardForm,
  authority: string,
  nowMs: number,
  checkCaptcha: boolean,
): { ok: true; card: string; email?: string } | { ok: false; errors: Partial<Record<FormField, string>> } {
  const errors: Partial<Record<FormField, string>> = {};
  const card = digitsOnly(form.card);
  if (card === '') errors.card = formMessages.cardRequired;
  else if (!/^\d{16}$/.test(card) || !isValidCardNumber(card)) errors.card = formMessages.cardInvalid;
  if (!/^\d{5,12}$/.test(digitsOnly(form.pin2))) errors.pin2 = formMessages.pin2Invalid;
  if (!/^\d{3,4}$/.test(digitsOnly(form.cvv2))) errors.cvv2 = formMessages.cvv2Invalid;
  const month = Number(digitsOnly(form.expMonth));
  const yearText = digitsOnly(form.expYear);
  if (!/^\d{1,2}$/.test(digitsOnly(form.expMonth)) || month < 1 || month > 12 || !/^\d{2}$/.test(yearText)) {
    errors.expMonth = formMessages.expiryInvalid;
  } else {
    // yyMM against the Jalali month of the tenant's today (yyyyMMdd).
    const today = tehranJalaliDay(nowMs);
    const expiry = Number(yearText) * 100 + month;
    const current = (Number(today.slice(0, 4)) % 100) * 100 + Number(today.slice(4, 6));
    if (expiry < current) errors.expMonth = formMessages.expiryPast;
  }
  if (checkCaptcha && digitsOnly(form.captcha) !== captchaOf(authority)) errors.captcha = formMessages.captchaWrong;
  const email = form.email?.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = formMessages.emailInvalid;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, card, ...(email ? { email } : {}) };
}

export const callbackUrl = (p: PaymentRow, status: string) => {
  const url = new URL(p.callback);
  url.searchParams.set(callbackParams.authority, p.authority);
  url.searchParams.set(callbackParams.status, status);
  return url.toString();
};

export type Submission =
  | { kind: 'redirect'; url: string; payment: PaymentRow }
  | { kind: 'invalid'; errors: Partial<Record<FormField, string>> }
  | { kind: 'closed'; status: ShownStatus };

/** The outcome a card number leads to: a test card's, else success. */
export const outcomeOf = (card: string) => testCardByNumber.get(card)?.outcome ?? 'success';

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
    { status: 'failed', failure, cardPan, email, ...(failure === 'deducted_then_failed' ? { reversalDueAtMs: nowMs + reversalDelayMs } : {}) },
    nowMs,
    callbackStatus.failed,
  );
}

function moved(db: Db, p: PaymentRow, change: Partial<PaymentRow> & { status: PaymentStatus }, nowMs: number, callback: string): Submission {
  if (!movePayment(db, p, 'pending', change, nowMs)) return { kind: 'closed', status: shownStatus(findPayment(db, p.authority)!, nowMs) };
  return { kind: 'redirect', url: callbackUrl(p, callback), payment: findPayment(db, p.authority)! };
}

export const failureMessage = (reason: string | null) => (reason ? failureReasons[reason as FailureReason] ?? reason : null);
