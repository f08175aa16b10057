// ICE's bank charges: a business charging its wallet, or a person paying for a report, on the
// Saman or Mellat page (or through the control API acting as the payer: the same payCharge).
// A charge is settled in one synchronous SQLite transaction, so it finishes once, and a paid
// wallet charge credits the wallet once (its ledger row's once-key is `charge:<charge id>`) and
// emits ice.charge.<paid|failed|cancelled> in the same transaction.
import { and, eq } from 'drizzle-orm';
import type { AppContext, AppDeps } from '../../core/http.js';
import { tehranJalaliDay } from '../../core/calendar.js';
import type { Db } from '../../db/index.js';
import { iceCharges } from '../../db/schema/index.js';
import { checkCardForm, failureReasons, maskPan, outcomeOf, type CardForm, type FailureReason, type FormErrors } from '../../web/index.js';
import { newDigits, newIceId, newUrlToken } from './ids.js';
import { iceSettingsOf } from './settings.js';
import { approvePaidCharge } from './reports/lifecycle.js';
import { shownTime, shownTimeOrNull } from './time.js';
import { moveMoney } from './wallet.js';
import { emitIce, type IceEmitDeps } from './webhooks.js';

export type ChargeRow = typeof iceCharges.$inferSelect;
export type ChargeStatus = ChargeRow['status'];
export type Bank = ChargeRow['bank'];
export type ChargePurpose = ChargeRow['purpose'];

export const banks = ['saman', 'mellat'] as const satisfies readonly Bank[];

/** The gateway each bank's page is, in the panel's words. */
export const bankNames: Record<Bank, string> = { saman: 'بانک سامان', mellat: 'به‌پرداخت ملت' };

/** The ledger row of a paid wallet charge, as the panel words it. */
export const chargeDescriptions: Record<Bank, string> = {
  saman: 'افزایش اعتبار از طریق درگاه بانک سامان',
  mellat: 'افزایش اعتبار از طریق درگاه به‌پرداخت ملت',
};

/** Who a wallet charge pays: ICE itself. A report charge pays the business that asked. */
export const icePayeeName = 'آیس | اعتبار یکپارچه سپهر';


/** A pending charge past its page's lifetime shows as expired (on the tenant clock). */
export function chargeStatus(charge: ChargeRow, nowMs: number): ChargeStatus {
  return charge.status === 'pending' && nowMs >= charge.expiresAtMs ? 'expired' : charge.status;
}

export interface NewCharge {
  tenantId: string;
  businessId: string;
  purpose: ChargePurpose;
  /** The report a person pays for (purpose report). */
  trackingCode?: string | undefined;
  amountRial: number;
  bank: Bank;
  /** Where the page sends the browser back, with chargeId and status added. */
  returnUrl: string;
}

/** A pending charge whose page lives for the tenant's bankPageLifetimeMinutes. */
export function createCharge(deps: Pick<AppDeps, 'db'>, input: NewCharge, nowMs: number): ChargeRow {
  const lifetimeMs = iceSettingsOf(deps.db, input.tenantId).bankPageLifetimeMinutes * 60_000;
  return deps.db
    .insert(iceCharges)
    .values({
      id: newIceId('charge'),
      tenantId: input.tenantId,
      businessId: input.businessId,
      purpose: input.purpose,
      trackingCode: input.trackingCode ?? null,
      amountRial: input.amountRial,
      bank: input.bank,
      returnUrl: input.returnUrl,
      paymentToken: newUrlToken(),
      status: 'pending',
      createdAtMs: nowMs,
      expiresAtMs: nowMs + lifetimeMs,
    })
    .returning()
    .get();
}

export function chargeById(db: Db, tenantId: string, id: string): ChargeRow | undefined {
  return db.select().from(iceCharges).where(and(eq(iceCharges.tenantId, tenantId), eq(iceCharges.id, id))).get();
}

export function chargeByToken(db: Db, paymentToken: string): ChargeRow | undefined {
  return db.select().from(iceCharges).where(eq(iceCharges.paymentToken, paymentToken)).get();
}

/** The bank page of a charge, under ICE's base path. */
export const paymentPathOf = (charge: Pick<ChargeRow, 'bank' | 'paymentToken'>) => `/ice/bank/${charge.bank}/${charge.paymentToken}`;

/** The bank page's absolute address, on the origin the caller reached the sandbox at. */
export const paymentUrlOf = (origin: string, charge: Pick<ChargeRow, 'bank' | 'paymentToken'>) => `${origin}${paymentPathOf(charge)}`;

export type ReturnStatus = 'paid' | 'failed' | 'cancelled';

/** The return URL with the charge's id and outcome added (any query it had is kept). */
export function returnUrlOf(charge: ChargeRow, status: ReturnStatus): string {
  const url = new URL(charge.returnUrl);
  url.searchParams.set('chargeId', charge.id);
  url.searchParams.set('status', status);
  return url.toString();
}

/**
 * What the payer does: the page's form (checked, captcha included when `checkCaptcha`), a card
 * alone (the control API and the consent flow: PIN2, CVV2 and expiry filled in as valid), or cancel.
 */
export type PayAction = { form: CardForm; checkCaptcha: boolean } | { card: string; email?: string | undefined } | { cancel: true };

export type ChargeSubmission =
  | { kind: 'redirect'; url: string; status: ReturnStatus; charge: ChargeRow }
  | { kind: 'invalid'; errors: FormErrors }
  | { kind: 'closed'; status: ChargeStatus; charge: ChargeRow };

/** The form a payer with only a card would type: valid values, expiry two years ahead (Jalali). */
export function filledForm(card: string, nowMs: number, email?: string): CardForm {
  const yy = String((Number(tehranJalaliDay(nowMs).slice(0, 4)) + 2) % 100).padStart(2, '0');
  return { card, pin2: '12345', cvv2: '123', expMonth: '12', expYear: yy, email };
}

/**
 * Submitting the bank page: the form checked, the issuer asked (the card whose issuer never
 * answers holds the answer for the tenant's issuerTimeoutMs, ended early if `c`'s client goes away),
 * then the charge settled. `nowMs` may be a clock, read again after the wait.
 */
export async function payCharge(deps: Pick<AppDeps, 'holds'> & IceEmitDeps, charge: ChargeRow, action: PayAction, nowMs: number | (() => number), c?: AppContext): Promise<ChargeSubmission> {
  const now = typeof nowMs === 'function' ? nowMs : () => nowMs;
  const current = chargeById(deps.db, charge.tenantId, charge.id) ?? charge;
  const before = chargeStatus(current, now());
  if (before !== 'pending') return { kind: 'closed', status: before, charge: current };
  if ('cancel' in action) return settle(deps, charge, now(), { cancel: true });
  const form = 'form' in action ? action.form : filledForm(action.card, now(), action.email);
  const checked = checkCardForm(form, charge.paymentToken, now(), 'form' in action && action.checkCaptcha);
  if (!checked.ok) return { kind: 'invalid', errors: checked.errors };
  if (outcomeOf(checked.card) === 'issuer_timeout') await deps.holds.hold(c, iceSettingsOf(deps.db, charge.tenantId).issuerTimeoutMs);
  const settled = settle(deps, charge, now(), { card: checked.card });
  // A person's payment for a report is their consent: the request is approved with it, not when the browser returns.
  if (settled.kind === 'redirect') approvePaidCharge(deps, settled.charge);
  return settled;
}

/** One transaction: the charge moves on from pending only if it still is, and a paid wallet charge credits the wallet. */
function settle(deps: IceEmitDeps, charge: ChargeRow, nowMs: number, action: { cancel: true } | { card: string }): ChargeSubmission {
  const { db } = deps;
  return db.transaction((tx) => {
    const current = chargeById(db, charge.tenantId, charge.id)!;
    const status = chargeStatus(current, nowMs);
    if (status !== 'pending') return { kind: 'closed', status, charge: current } as const;
    let change: Partial<ChargeRow> & { status: ReturnStatus };
    if ('cancel' in action) change = { status: 'cancelled' };
    else {
      const outcome = outcomeOf(action.card);
      const cardPan = maskPan(action.card);
      if (outcome === 'success') change = { status: 'paid', cardPan, reference: newDigits(12) };
      else if (outcome === 'buyer_cancels') change = { status: 'cancelled', cardPan };
      else change = { status: 'failed', cardPan, failure: outcome };
    }
    const moved = tx
      .update(iceCharges)
      .set({ ...change, finishedAtMs: nowMs })
      .where(and(eq(iceCharges.id, current.id), eq(iceCharges.status, 'pending')))
      .returning()
      .get();
    // Inside one synchronous transaction nothing else can have moved it; kept as a guard.
    if (!moved) return { kind: 'closed', status: chargeStatus(chargeById(db, charge.tenantId, charge.id)!, nowMs), charge: current } as const;
    if (moved.status === 'paid' && moved.purpose === 'wallet') {
      moveMoney(db, {
        tenantId: moved.tenantId,
        businessId: moved.businessId,
        amountRial: moved.amountRial,
        description: chargeDescriptions[moved.bank],
        kind: 'charge',
        chargeId: moved.id,
        onceKey: `charge:${moved.id}`,
        atMs: nowMs,
      });
    }
    // A report's or the API invoice's payment is told by the report's and the onboarding's own events.
    if (moved.purpose === 'wallet') emitIce(deps, moved.tenantId, `ice.charge.${moved.status}`, chargePayload(moved), nowMs);
    return { kind: 'redirect', url: returnUrlOf(moved, change.status), status: change.status, charge: moved } as const;
  });
}

export const failureMessageOf = (failure: string | null) => (failure ? (failureReasons[failure as FailureReason] ?? failure) : null);

/** What every showing of a charge says of it, whatever the caller's origin and clock. */
function chargeFacts(charge: ChargeRow) {
  return {
    amountRial: charge.amountRial,
    bank: charge.bank,
    bankName: bankNames[charge.bank],
    failure: charge.failure,
    failureMessage: failureMessageOf(charge.failure),
    cardPan: charge.cardPan,
    reference: charge.reference,
    createdAt: shownTime(charge.createdAtMs),
    expiresAt: shownTime(charge.expiresAtMs),
    finishedAt: shownTimeOrNull(charge.finishedAtMs),
  };
}

/** A settled wallet charge in its webhook event: the charge's view without the page's addresses, which need the caller's origin. */
export function chargePayload(charge: ChargeRow) {
  return { chargeId: charge.id, purpose: charge.purpose, status: charge.status, ...chargeFacts(charge) };
}

/** A charge as GET /api/v1/wallet/charges/{chargeId} shows it. */
export function chargeView(charge: ChargeRow, origin: string, nowMs: number) {
  return { chargeId: charge.id, status: chargeStatus(charge, nowMs), ...chargeFacts(charge), paymentUrl: paymentUrlOf(origin, charge), returnUrl: charge.returnUrl };
}
