// The buyer's email receipt: "if an email is entered, the payment receipt is emailed to you"
// (seed 002 line 132), for a failed payment too, so the buyer keeps what is needed to trace it
// (line 137). It holds what a receipt shows: merchant, amount, tracking code, masked card and the
// Jalali date and time (Tehran). Sent once, when the page's outcome is known; verify sends none.
import { tehranJalaliDateTime } from '../../core/calendar.js';
import type { AppDeps } from '../../core/http.js';
import type { TenantRow } from '../../core/tenants.js';
import { failureReasons, type FailureReason } from './catalog.js';
import { freepayMerchant } from './merchant.js';
import type { PaymentRow } from './payments.js';

/** Emails the receipt of a payment the page just paid or failed, when the buyer gave an email. */
export function sendReceipt(deps: AppDeps, tenant: TenantRow, p: PaymentRow, atMs: number): void {
  if (!p.email || (p.status !== 'paid' && p.status !== 'failed')) return;
  const merchant = freepayMerchant(tenant).name;
  const paid = p.status === 'paid';
  const reason = p.failure ? failureReasons[p.failure as FailureReason] ?? p.failure : null;
  const lines = [
    'رسید پرداخت اینترنتی فری‌پی',
    paid ? 'وضعیت: موفق' : `وضعیت: ناموفق${reason ? ` (${reason})` : ''}`,
    `پذیرنده: ${merchant}`,
    `مبلغ: ${p.amountRial.toLocaleString('fa-IR')} ریال`,
    // Only a paid payment has a tracking code; the payment id traces a failed one.
    ...(p.refId ? [`کد پیگیری: ${p.refId}`] : []),
    `شناسه پرداخت: ${p.authority}`,
    ...(p.cardPan ? [`کارت: ${p.cardPan}`] : []),
    `تاریخ: ${tehranJalaliDateTime(atMs)}`,
  ];
  deps.outbox.send({
    tenantId: tenant.id,
    atMs,
    provider: 'freepay',
    channel: 'email',
    recipient: p.email,
    subject: `${paid ? 'رسید پرداخت موفق' : 'رسید پرداخت ناموفق'}: ${merchant}`,
    text: lines.join('\n'),
  });
}
