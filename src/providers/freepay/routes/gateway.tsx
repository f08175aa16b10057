/** @jsxImportSource hono/jsx */
// GET /payment/gateway:{authority}: the payment page; POST to the same address: the buyer's
// Pay or Cancel. Both end in a redirect to the merchant's callback, or the page again with the
// errors and the form kept, or a page that says the payment can no longer be made.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { identify, type AppContext, type AppEnv } from '../../../core/http.js';
import { getTenant } from '../../../core/tenants.js';
import { toAsciiDigits } from '../../../core/world/numbers.js';
import { merchantBlacklisted } from '../blacklist.js';
import { freepayCodes } from '../catalog.js';
import { FreepayError } from '../errors.js';
import { submitPayment } from '../flow.js';
import { freepayMerchant } from '../merchant.js';
import { catchUpFreepay } from '../money.js';
import { captchaOf, CardPage, ClosedCardPage, formAlert, keptValues, type CardForm, type FormErrors, type FormValues } from '../../../web/index.js';
import { findPayment, shownStatus, type PaymentRow, type ShownStatus } from '../payments.js';
import { beforeWork, readForm } from '../pipeline.js';
import { documentGateway } from './openapi.js';

export const gatewayPrefix = 'gateway:';
export const captchaHeader = 'X-Sandbox-Captcha';

const closedReason = (status: ShownStatus) => (status === 'expired' ? 'expired' : 'used');

/** A form past the body limit (README "Limits"): the page again, saying so, with nothing of it kept. */
const tooLargeAlert = 'فرم ارسالی بزرگ‌تر از حد مجاز است؛ لطفاً دوباره تلاش کنید.';

function pageFor(c: AppContext, p: PaymentRow, nowMs: number, values: FormValues = {}, errors: FormErrors = {}, status = 200, alert?: string) {
  const tenant = c.get('tenant')!;
  const html = (
    <CardPage
      skin="freepay"
      action={`/freepay/payment/${gatewayPrefix}${p.authority}`}
      payeeName={freepayMerchant(tenant).name}
      amountRial={p.amountRial}
      description={p.description}
      reference={p.authority}
      expiresInSeconds={Math.max(0, Math.floor((p.expiresAtMs - nowMs) / 1000))}
      nowMs={nowMs}
      captcha={captchaOf(p.authority)}
      values={values}
      errors={errors}
      alert={alert ?? (Object.keys(errors).length > 0 ? formAlert : undefined)}
    />
  );
  c.set('answerBody', alert === tooLargeAlert ? { page: 'form', refused: 'body_too_large' } : Object.keys(errors).length > 0 ? { page: 'form', errors } : { page: 'form' });
  // The captcha's answer, for tools that fill the page in (it is also shown beside the field).
  c.header(captchaHeader, captchaOf(p.authority));
  return c.html(html, status as 200);
}

function closedPage(c: AppContext, reason: 'expired' | 'used' | 'unknown' | 'unavailable' | 'refused', status: number) {
  const tenant = c.get('tenant');
  c.set('answerBody', { page: 'closed', reason });
  // A refusal says why, in the words of the code behind it.
  const detail = reason === 'refused' ? freepayCodes.merchantBlacklisted.message : undefined;
  return c.html(<ClosedCardPage skin="freepay" reason={reason} payeeName={tenant ? freepayMerchant(tenant).name : undefined} detail={detail} />, status as 200);
}

/** The page refuses every buyer of a blacklisted merchant, for payments requested before the listing too (line 229). */
function refuseBlacklisted(c: AppContext): void {
  if (merchantBlacklisted(c.get('deps').db, freepayMerchant(c.get('tenant')!))) throw new FreepayError('merchantBlacklisted');
}

/** The payment behind /payment/gateway:{authority}, with its tenant known for the journal. */
function paymentOf(c: AppContext): PaymentRow | undefined {
  const slug = c.req.param('slug') ?? '';
  if (!slug.startsWith(gatewayPrefix)) return undefined;
  const deps = c.get('deps');
  const payment = findPayment(deps.db, toAsciiDigits(slug.slice(gatewayPrefix.length)));
  if (payment) identify(c, getTenant(deps.db, payment.tenantId));
  return payment;
}

/** Errors on the page are pages: a forced or scenario code included. */
async function asPage(c: AppContext, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof FreepayError)) throw error;
    c.set('answerCode', String(error.body.status));
    const reasons: Partial<Record<typeof error.code, 'expired' | 'unknown' | 'unavailable' | 'refused'>> = {
      authorityExpired: 'expired',
      unknownAuthority: 'unknown',
      serviceUnavailable: 'unavailable',
      merchantBlacklisted: 'refused',
    };
    const reason = reasons[error.code] ?? 'used';
    return closedPage(c, reason, error.http);
  }
}

export function registerGateway(app: OpenAPIHono<AppEnv>) {
  documentGateway(app);

  app.get('/payment/:slug', (c) => {
    if (!(c.req.param('slug') ?? '').startsWith(gatewayPrefix)) return c.notFound();
    const payment = paymentOf(c);
    return asPage(c, () =>
      beforeWork(c, 'payment-gateway', undefined, async () => {
        if (!payment) throw new FreepayError('unknownAuthority');
        const nowMs = c.get('clock')!.now();
        catchUpFreepay(c.get('deps'), payment.tenantId, nowMs);
        refuseBlacklisted(c);
        const status = shownStatus(payment, nowMs);
        if (status !== 'pending') return closedPage(c, closedReason(status), 410);
        return pageFor(c, payment, nowMs);
      }),
    );
  });

  app.post('/payment/:slug', async (c) => {
    if (!(c.req.param('slug') ?? '').startsWith(gatewayPrefix)) return c.notFound();
    const payment = paymentOf(c);
    // undefined: the form was past the body limit (or broke off) and was not read.
    const fields = await readForm(c, true).catch((error: unknown) => {
      if (error instanceof FreepayError) return undefined;
      throw error;
    });
    return asPage(c, () =>
      beforeWork(c, 'payment-gateway', fields, async () => {
        if (!payment) throw new FreepayError('unknownAuthority');
        const deps = c.get('deps');
        const tenant = c.get('tenant')!;
        const clock = c.get('clock')!;
        refuseBlacklisted(c);
        if (fields === undefined) {
          const nowMs = clock.now();
          catchUpFreepay(deps, payment.tenantId, nowMs);
          const status = shownStatus(payment, nowMs);
          if (status !== 'pending') return closedPage(c, closedReason(status), 410);
          return pageFor(c, payment, nowMs, {}, {}, 413, tooLargeAlert);
        }
        const form: CardForm = { card: fields.card, pin2: fields.pin2, cvv2: fields.cvv2, expMonth: fields.expMonth, expYear: fields.expYear, captcha: fields.captcha, email: fields.email };
        const action = fields.action === 'cancel' ? ({ cancel: true } as const) : { form, checkCaptcha: true };
        const result = await submitPayment(c, deps, tenant, payment, () => clock.now(), action);
        if (result.kind === 'closed') return closedPage(c, closedReason(result.status), 410);
        if (result.kind === 'invalid') {
          // The form is kept, but never the card's secrets.
          return pageFor(c, payment, clock.now(), keptValues(form), result.errors, 422);
        }
        c.set('answerBody', { redirect: result.url });
        return c.redirect(result.url, 303);
      }),
    );
  });
}
