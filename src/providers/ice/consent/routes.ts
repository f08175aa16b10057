// GET /c/{consentToken}: the page the person's SMS links to; POST to the same address: Approve or
// Reject; GET /c/{consentToken}/return: where the bank page sends a paying person back. Each call
// belongs to the request's tenant (journal, clock, scenarios, X-Sandbox-Error).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { identify, type AppContext, type AppEnv } from '../../../core/http.js';
import { getTenant } from '../../../core/tenants.js';
import { catchUpIce } from '../catch-up.js';
import { bankNames, banks, chargeById, chargeStatus, failureMessageOf, paymentUrlOf, type Bank, type ChargeRow } from '../charges.js';
import { IceError } from '../errors.js';
import { beforeWork } from '../pipeline.js';
import { approveReport, rejectReport, reportByConsentToken, reportByTrackingCode, type Refused, type ReportRow } from '../reports/lifecycle.js';
import { iceSettingsOf } from '../settings.js';
import { readConsentForm } from './form.js';
import { documentConsentPage } from './openapi.js';
import { renderConsentPage, renderMissingPage, type PaidCharge } from './page.js';
import { chargeOfReport, openPersonCharge, settledReport } from './person-charge.js';

export const consentPagePath = '/c/:consentToken';

/** The page's address under the sandbox's origin, as the SMS links it. */
export const consentPathOf = (r: Pick<ReportRow, 'consentToken'>) => `/ice/c/${r.consentToken}`;

const tryAgain = 'درخواست همچنان در انتظار پاسخ شماست؛ می‌توانید دوباره تلاش کنید.';
export const consentAlerts = {
  noChoice: 'یکی از دو گزینه تأیید یا رد را انتخاب کنید.',
  unknownBank: 'درگاه پرداخت را از میان بانک سامان و به‌پرداخت ملت انتخاب کنید.',
  tooLarge: 'فرم ارسالی بزرگ‌تر از حد مجاز است؛ لطفاً دوباره تلاش کنید.',
  unknownCharge: 'پرداختی با این شناسه برای این درخواست یافت نشد.',
  paidTooLate: 'پرداخت شما انجام شد، اما این درخواست دیگر در انتظار پاسخ نبود.',
} as const;

/** Why a payment the person came back from did not approve the request. */
function unpaidAlert(charge: ChargeRow, status: ChargeRow['status'], r: ReportRow): string {
  const why: Record<Exclude<ChargeRow['status'], 'paid'>, string> = {
    failed: `پرداخت ناموفق بود${charge.failure ? `: ${failureMessageOf(charge.failure)}` : ''}.`,
    cancelled: 'پرداخت لغو شد.',
    expired: 'مهلت صفحه پرداخت به پایان رسید.',
    pending: 'پرداخت هنوز انجام نشده است.',
  };
  const first = status === 'paid' ? consentAlerts.paidTooLate : why[status];
  return r.state === 'pending' ? `${first} ${tryAgain}` : first;
}

/** The request behind the link, with its tenant known for the journal, the clock and scenarios. */
function reportOf(c: AppContext): ReportRow | undefined {
  const deps = c.get('deps');
  const report = reportByConsentToken(deps.db, c.req.param('consentToken') ?? '');
  if (report) identify(c, getTenant(deps.db, report.tenantId));
  return report;
}

/** The request now: a paid charge settled as of its payment, then the tenant's due work. */
function current(c: AppContext, report: ReportRow): { r: ReportRow; nowMs: number } {
  const deps = c.get('deps');
  settledReport(deps, report);
  const nowMs = c.get('clock')!.now();
  catchUpIce(deps, report.tenantId, nowMs);
  return { r: reportByTrackingCode(deps.db, report.tenantId, report.trackingCode) ?? report, nowMs };
}

function paidOf(c: AppContext, r: ReportRow): PaidCharge | undefined {
  const charge = r.chargeId ? chargeById(c.get('deps').db, r.tenantId, r.chargeId) : undefined;
  return charge && { amountRial: charge.amountRial, bankName: bankNames[charge.bank], reference: charge.reference };
}

function page(c: AppContext, r: ReportRow, options: { status?: 200 | 400 | 404 | 409 | 413; alert?: string } = {}): Response {
  const html = renderConsentPage({
    report: r,
    action: consentPathOf(r),
    viewableHours: iceSettingsOf(c.get('deps').db, r.tenantId).viewableHours,
    alert: options.alert,
    paid: r.state === 'viewable' || r.state === 'archived' ? paidOf(c, r) : undefined,
  });
  c.set('answerBody', { page: 'consent', state: r.state, ...(options.alert ? { alert: options.alert } : {}) });
  return c.html(html, options.status ?? 200);
}

function missing(c: AppContext): Response {
  c.set('answerBody', { page: 'missing', reason: 'unknown' });
  return c.html(renderMissingPage('unknown'), 404);
}

/** An emulated outage (scenario or X-Sandbox-Error) is a page too; a wrong X-Sandbox-Error stays JSON, saying why. */
async function asPage(c: AppContext, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof IceError) || error.code !== 'serviceUnavailable') throw error;
    c.set('answerCode', error.code);
    c.set('answerBody', { page: 'missing', reason: 'unavailable' });
    return c.html(renderMissingPage('unavailable'), 503);
  }
}

/** The answer taken, or the page as the request now is when another answer came first. */
function answered(c: AppContext, r: ReportRow, result: ReportRow | Refused): Response {
  if (!('refused' in result)) return page(c, result);
  return page(c, reportByTrackingCode(c.get('deps').db, r.tenantId, r.trackingCode) ?? r, { status: 409 });
}

const isBank = (name: string): name is Bank => (banks as readonly string[]).includes(name);

export function registerConsentPage(app: OpenAPIHono<AppEnv>) {
  documentConsentPage(app);

  app.get(consentPagePath, (c) => {
    const report = reportOf(c);
    return asPage(c, () =>
      beforeWork(c, 'consent-page', undefined, async () => {
        if (!report) return missing(c);
        return page(c, current(c, report).r);
      }),
    );
  });

  app.post(consentPagePath, async (c) => {
    const report = reportOf(c);
    // undefined: the form was past its limit (or broke off) and was not read.
    const form = await readConsentForm(c);
    return asPage(c, () =>
      beforeWork(c, 'consent-page', form ? { ...form } : undefined, async () => {
        if (!report) return missing(c);
        const deps = c.get('deps');
        const { r, nowMs } = current(c, report);
        if (r.state !== 'pending') return page(c, r, { status: 409 });
        if (form === undefined) return page(c, r, { status: 413, alert: consentAlerts.tooLarge });
        if (form.action === 'reject') return answered(c, r, rejectReport(deps, r, nowMs));
        if (form.action !== 'approve') return page(c, r, { status: 400, alert: consentAlerts.noChoice });
        if (r.payer === 'credit') return answered(c, r, approveReport(deps, r, nowMs));
        const bank = form.bank ?? 'saman';
        if (!isBank(bank)) return page(c, r, { status: 400, alert: consentAlerts.unknownBank });
        const origin = new URL(c.req.url).origin;
        const charge = openPersonCharge(deps, r, bank, `${origin}${consentPathOf(r)}/return`, nowMs);
        c.set('answerBody', { redirect: 'bank-page', bank, chargeId: charge.id });
        return c.redirect(paymentUrlOf(origin, charge), 303);
      }),
    );
  });

  app.get(`${consentPagePath}/return`, (c) => {
    const report = reportOf(c);
    return asPage(c, () =>
      beforeWork(c, 'consent-page', undefined, async () => {
        if (!report) return missing(c);
        const deps = c.get('deps');
        const chargeId = c.req.query('chargeId');
        const { r, nowMs } = current(c, report);
        const charge = chargeId ? chargeOfReport(deps, r, chargeId) : undefined;
        if (!charge) return page(c, r, { status: 404, alert: consentAlerts.unknownCharge });
        // The charge's own status decides: the query's `status` is only what the page said.
        const status = chargeStatus(charge, nowMs);
        if (status === 'paid' && r.chargeId === charge.id) return page(c, r);
        if (status === 'paid') return page(c, r, { status: 409, alert: unpaidAlert(charge, status, r) });
        return page(c, r, { alert: unpaidAlert(charge, status, r) });
      }),
    );
  });
}
