// GET /bank/{bank}/{paymentToken}: a charge's Saman or Mellat page; POST to the same address:
// the payer's Pay or Cancel. Both end in a redirect to the charge's return URL, the page again
// with its errors and the form kept, or a page that says the charge can no longer be paid.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { identify, type AppContext, type AppEnv } from '../../../core/http.js';
import { getTenant } from '../../../core/tenants.js';
import { keptValues, testCards, type CardForm, type ClosedReason } from '../../../web/index.js';
import { iceEndpoints } from '../catalog.js';
import { catchUpIce } from '../catch-up.js';
import { bankNames, banks, chargeByToken, chargeStatus, payCharge, type Bank, type ChargeRow, type ChargeStatus } from '../charges.js';
import { IceError } from '../errors.js';
import { beforeWork } from '../pipeline.js';
import { closedPage, formPage, tooLargeAlert } from './page.js';
import { readBankForm } from './form.js';

export const bankPagePath = '/bank/:bank/:paymentToken';

const isBank = (name: string | undefined): name is Bank => (banks as readonly string[]).includes(name ?? '');

/** The charge behind the address, with its tenant known for the journal, the clock and scenarios. */
function chargeOf(c: AppContext): ChargeRow | undefined {
  const charge = chargeByToken(c.get('deps').db, c.req.param('paymentToken') ?? '');
  if (charge) identify(c, getTenant(c.get('deps').db, charge.tenantId));
  return charge;
}

/** The page for a charge that is no longer pending: expired, or finished one way or another. */
function finishedPage(c: AppContext, charge: ChargeRow, status: Exclude<ChargeStatus, 'pending'>): Response {
  return closedPage(c, { skin: charge.bank, reason: status satisfies ClosedReason, status: 410, charge });
}

/** No charge of this bank has the token: unknown, or one paid on the other bank's page. */
function unknownPage(c: AppContext, bank: Bank, charge: ChargeRow | undefined): Response {
  const detail = charge ? `این پرداخت در درگاه ${bankNames[charge.bank]} انجام می‌شود، نه در این درگاه.` : undefined;
  return closedPage(c, { skin: bank, reason: 'unknown', status: 404, detail });
}

/** An emulated outage (scenario or X-Sandbox-Error) is a page too; a wrong X-Sandbox-Error stays JSON, saying why. */
async function asPage(c: AppContext, bank: Bank, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof IceError) || error.code !== 'serviceUnavailable') throw error;
    c.set('answerCode', error.code);
    return closedPage(c, { skin: bank, reason: 'unavailable' satisfies ClosedReason, status: 503 });
  }
}

/** The charge's status now, after the tenant's due work. */
function statusNow(c: AppContext, charge: ChargeRow): { nowMs: number; status: ChargeStatus } {
  const nowMs = c.get('clock')!.now();
  catchUpIce(c.get('deps'), charge.tenantId, nowMs);
  return { nowMs, status: chargeStatus(charge, nowMs) };
}

function document(app: OpenAPIHono<AppEnv>) {
  const params = z.object({
    bank: z.enum(banks).openapi({ param: { name: 'bank', in: 'path' } }),
    paymentToken: z.string().openapi({ param: { name: 'paymentToken', in: 'path' }, description: 'From the charge’s paymentUrl' }),
  });
  const html = (description: string) => ({ description, content: { 'text/html': { schema: z.string() } } });
  const codes = `Endpoint id \`bank-page\` (scenarios, X-Sandbox-Error: ${iceEndpoints['bank-page'].join(', ')}). The captcha's answer is in the X-Sandbox-Captcha header. Test cards: ${testCards.map((t) => `${t.number} (${t.outcome})`).join(', ')}; any other valid card pays.`;
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/bank/{bank}/{paymentToken}',
    tags: ['ICE'],
    summary: 'The Saman or Mellat bank page of a charge (Persian, right to left, phone-sized)',
    description: codes,
    request: { params },
    responses: { 200: html('The card form'), 404: html('No charge of this bank has the token'), 410: html('Expired, paid, failed or cancelled'), 503: html('An emulated outage') },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/bank/{bank}/{paymentToken}',
    tags: ['ICE'],
    summary: "The bank page's Pay or Cancel: a redirect to the return URL with chargeId and status (paid, failed, cancelled)",
    description: codes,
    request: {
      params,
      body: {
        required: true,
        content: {
          'application/x-www-form-urlencoded': {
            schema: z.object({
              action: z.enum(['pay', 'cancel']),
              card: z.string().optional(),
              pin2: z.string().optional(),
              cvv2: z.string().optional(),
              expMonth: z.string().optional(),
              expYear: z.string().optional(),
              captcha: z.string().optional(),
              email: z.string().optional(),
            }),
          },
        },
      },
    },
    responses: {
      303: { description: 'Paid, failed or cancelled: to the return URL' },
      404: html('No charge of this bank has the token'),
      410: html('Expired, paid, failed or cancelled before'),
      413: html('The form was past the body limit: the page again, saying so'),
      422: html('The form refused: the page again with its errors'),
      503: html('An emulated outage'),
    },
  });
}

export function registerBankPages(app: OpenAPIHono<AppEnv>) {
  document(app);

  app.get(bankPagePath, (c) => {
    const bank = c.req.param('bank');
    if (!isBank(bank)) return c.notFound();
    const charge = chargeOf(c);
    return asPage(c, bank, () =>
      beforeWork(c, 'bank-page', undefined, async () => {
        if (!charge || charge.bank !== bank) return unknownPage(c, bank, charge);
        const { nowMs, status } = statusNow(c, charge);
        if (status !== 'pending') return finishedPage(c, charge, status);
        return formPage(c, charge, nowMs);
      }),
    );
  });

  app.post(bankPagePath, async (c) => {
    const bank = c.req.param('bank');
    if (!isBank(bank)) return c.notFound();
    const charge = chargeOf(c);
    // undefined: the form was past the body limit (or broke off) and was not read.
    const fields = await readBankForm(c);
    return asPage(c, bank, () =>
      beforeWork(c, 'bank-page', fields, async () => {
        if (!charge || charge.bank !== bank) return unknownPage(c, bank, charge);
        const { nowMs, status } = statusNow(c, charge);
        if (status !== 'pending') return finishedPage(c, charge, status);
        if (fields === undefined) return formPage(c, charge, nowMs, { status: 413, alert: tooLargeAlert });
        const form: CardForm = { card: fields.card, pin2: fields.pin2, cvv2: fields.cvv2, expMonth: fields.expMonth, expYear: fields.expYear, captcha: fields.captcha, email: fields.email };
        const clock = c.get('clock')!;
        const action = fields.action === 'cancel' ? ({ cancel: true } as const) : { form, checkCaptcha: true };
        const result = await payCharge(c.get('deps'), charge, action, () => clock.now(), c);
        if (result.kind === 'closed') return finishedPage(c, result.charge, result.status as Exclude<ChargeStatus, 'pending'>);
        // The form is kept, but never the card's secrets.
        if (result.kind === 'invalid') return formPage(c, charge, clock.now(), { values: keptValues(form), errors: result.errors, status: 422 });
        c.set('answerBody', { redirect: result.url });
        return c.redirect(result.url, 303);
      }),
    );
  });
}
