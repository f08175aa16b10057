// The Saman and Mellat pages of a charge, drawn with the shared card page in the bank's skin:
// the form (again with its errors and kept values), or the page that says it can no longer be paid.
import type { AppContext } from '../../../core/http.js';
import { captchaOf, faDigits, formAlert, renderCardPage, renderClosedPage, type ClosedReason, type FormErrors, type FormValues, type Skin } from '../../../web/index.js';
import { businessById, profileOf } from '../business.js';
import { failureMessageOf, icePayeeName, paymentPathOf, returnUrlOf, type ChargeRow, type ReturnStatus } from '../charges.js';

/** The captcha's answer, for tools that fill the page in (it is also shown beside the field). */
export const captchaHeader = 'X-Sandbox-Captcha';

/** A form past the body limit (README "Limits"): the page again, saying so, with nothing of it kept. */
export const tooLargeAlert = 'فرم ارسالی بزرگ‌تر از حد مجاز است؛ لطفاً دوباره تلاش کنید.';

/** Who the payer pays: ICE for a wallet charge; for a report, the business that asked for it. */
export function payeeOf(c: AppContext, charge: ChargeRow): string {
  // A wallet charge and the API invoice pay ICE itself.
  if (charge.purpose !== 'report') return icePayeeName;
  const business = businessById(c.get('deps').db, charge.tenantId, charge.businessId);
  return business ? (business.officialName ?? profileOf(business).businessName) : icePayeeName;
}

const purposeOf = (charge: ChargeRow) =>
  charge.purpose === 'wallet'
    ? 'افزایش اعتبار کیف پول'
    : charge.purpose === 'api-invoice'
      ? 'هزینه ماهانه وب سرویس (پیش فاکتور درخواست API)'
      : `گزارش اعتباری${charge.trackingCode ? ` (کد رهگیری ${faDigits(charge.trackingCode)})` : ''}`;

export interface FormPage {
  values?: FormValues;
  errors?: FormErrors;
  status?: 200 | 413 | 422;
  alert?: string;
}

export function formPage(c: AppContext, charge: ChargeRow, nowMs: number, page: FormPage = {}): Response {
  const errors = page.errors ?? {};
  const refused = Object.keys(errors).length > 0;
  const html = renderCardPage({
    skin: charge.bank,
    action: paymentPathOf(charge),
    payeeName: payeeOf(c, charge),
    amountRial: charge.amountRial,
    description: purposeOf(charge),
    reference: charge.id,
    expiresInSeconds: Math.max(0, Math.floor((charge.expiresAtMs - nowMs) / 1000)),
    nowMs,
    captcha: captchaOf(charge.paymentToken),
    values: page.values,
    errors,
    alert: page.alert ?? (refused ? formAlert : undefined),
  });
  c.set('answerBody', page.alert === tooLargeAlert ? { page: 'form', refused: 'body_too_large' } : refused ? { page: 'form', errors } : { page: 'form' });
  c.header(captchaHeader, captchaOf(charge.paymentToken));
  return c.html(html, page.status ?? 200);
}

/** What a closed page says after its reason: which way a finished charge went, or why none is here. */
export interface ClosedPage {
  skin: Skin;
  reason: ClosedReason;
  status: 404 | 410 | 503;
  charge?: ChargeRow | undefined;
  detail?: string | undefined;
}

export function closedPage(c: AppContext, page: ClosedPage): Response {
  const { charge, reason } = page;
  const finished = reason === 'paid' || reason === 'failed' || reason === 'cancelled';
  const html = renderClosedPage({
    skin: page.skin,
    reason,
    payeeName: charge ? payeeOf(c, charge) : undefined,
    detail: page.detail ?? (charge && reason === 'failed' ? (failureMessageOf(charge.failure) ?? undefined) : undefined),
    // A finished charge links back with its outcome, as the redirect did.
    returnUrl: charge && finished ? returnUrlOf(charge, reason as ReturnStatus) : undefined,
  });
  c.set('answerBody', { page: 'closed', reason });
  return c.html(html, page.status);
}
