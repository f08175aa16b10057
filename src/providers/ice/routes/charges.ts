// POST /api/v1/wallet/charges: a business charges its wallet through the Saman or Mellat page;
// GET /api/v1/wallet/charges/{chargeId}: how that charge stands (expiry read on the tenant clock).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { banks, chargeById, chargeView, createCharge, paymentUrlOf } from '../charges.js';
import { IceError, invalidFields } from '../errors.js';
import { requireApproved } from '../business.js';
import { iceSettingsOf } from '../settings.js';
import { shownTime } from '../time.js';
import { iceRoute, reply } from '../route.js';

const ShownTime = z.object({ at: z.string(), date: z.string(), time: z.string() }).openapi('IceTime');

const ChargeBody = z
  .object({
    // Any number: one that is not a whole Rial within the limits is invalidAmount, not a type error.
    amountRial: z.number().openapi({ description: "Whole Rial within the tenant's chargeMinRial..chargeMaxRial", example: 5_000_000 }),
    bank: z.enum(banks).openapi({ example: 'saman' }),
    returnUrl: z.string().max(2_000).openapi({ description: 'http(s) address the bank page sends the browser back to, with chargeId and status (paid, failed, cancelled) added', example: 'http://localhost:3000/wallet/return' }),
  })
  .strict()
  .openapi('IceChargeCreate');

export const IceChargeCreated = z
  .object({ chargeId: z.string(), paymentUrl: z.string(), amountRial: z.number().int(), bank: z.enum(banks), expiresAt: ShownTime })
  .openapi('IceChargeCreated');

export const IceCharge = z
  .object({
    chargeId: z.string(),
    status: z.enum(['pending', 'paid', 'failed', 'cancelled', 'expired']),
    amountRial: z.number().int(),
    bank: z.enum(banks),
    bankName: z.string(),
    paymentUrl: z.string(),
    returnUrl: z.string(),
    failure: z.string().nullable().openapi({ description: 'Why a failed charge failed: the test card’s outcome name' }),
    failureMessage: z.string().nullable().openapi({ description: 'The same, in Persian' }),
    cardPan: z.string().nullable().openapi({ description: 'The card, first six and last four digits' }),
    reference: z.string().nullable().openapi({ description: "The bank's reference number of a paid charge" }),
    createdAt: ShownTime,
    expiresAt: ShownTime,
    finishedAt: ShownTime.nullable(),
  })
  .openapi('IceCharge');

const isHttpUrl = (text: string) => {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
};

export function registerCharges(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/wallet/charges',
      endpointId: 'charge-create',
      access: 'business',
      summary: 'Charge the wallet through the Saman or Mellat bank page',
      description:
        "Open `paymentUrl` in a browser (or act as the payer with POST /_sandbox/tenants/{id}/ice/charges/{chargeId}/pay). A paid charge credits the wallet once, with one ledger row. Refused before the legal review approves the business. `paymentUrl` is built on the origin this call reached.",
      body: ChargeBody,
      answer: { status: 201, schema: IceChargeCreated, description: 'The charge, waiting on its bank page' },
    },
    (c, { body, business, nowMs }) => {
      const deps = c.get('deps');
      requireApproved(business!);
      const { chargeMinRial, chargeMaxRial } = iceSettingsOf(deps.db, business!.tenantId);
      if (!Number.isSafeInteger(body.amountRial) || body.amountRial < chargeMinRial || body.amountRial > chargeMaxRial) {
        throw new IceError('invalidAmount', { minRial: chargeMinRial, maxRial: chargeMaxRial });
      }
      if (!isHttpUrl(body.returnUrl)) throw invalidFields({ returnUrl: 'نشانی بازگشت باید نشانی کامل http یا https باشد' });
      const charge = createCharge(deps, { tenantId: business!.tenantId, businessId: business!.id, purpose: 'wallet', amountRial: body.amountRial, bank: body.bank, returnUrl: body.returnUrl }, nowMs);
      return reply(
        c,
        { chargeId: charge.id, paymentUrl: paymentUrlOf(new URL(c.req.url).origin, charge), amountRial: charge.amountRial, bank: charge.bank, expiresAt: shownTime(charge.expiresAtMs) },
        201,
      );
    },
  );

  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/wallet/charges/{chargeId}',
      endpointId: 'charge-get',
      access: 'business',
      summary: 'One wallet charge: pending, paid, failed, cancelled or expired',
      description: 'A pending charge whose page outlived bankPageLifetimeMinutes on the tenant clock reads as expired. Reading a charge never credits the wallet: only its payment does, once.',
      params: z.object({ chargeId: z.string().min(1).max(64).openapi({ param: { name: 'chargeId', in: 'path' }, example: 'chg_…' }) }),
      answer: { status: 200, schema: IceCharge, description: 'The charge' },
    },
    (c, { params, business, nowMs }) => {
      const charge = chargeById(c.get('deps').db, business!.tenantId, params.chargeId);
      // A person's payment for a report is the report's, not one of the wallet's charges.
      if (!charge || charge.businessId !== business!.id || charge.purpose !== 'wallet') throw new IceError('chargeNotFound');
      return reply(c, chargeView(charge, new URL(c.req.url).origin, nowMs));
    },
  );
}
