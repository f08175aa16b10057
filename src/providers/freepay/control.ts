// The tenant's Freepay merchant (PATCH /_sandbox/tenants/{id}/freepay) and acting as the buyer
// without a browser (POST …/freepay/payments/{authority}/pay): the same code path as the page;
// Shaparak's blacklist has its own routes (control-blacklist.ts).
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { clockOf, getTenant } from '../../core/tenants.js';
import { tehranJalaliDay } from '../../core/calendar.js';
import { registerFreepayBlacklist } from './control-blacklist.js';
import { merchantBlacklisted } from './blacklist.js';
import { submitPayment } from './flow.js';
import { FreepayMerchantPatch, applyFreepaySettings, freepayMerchant } from './merchant.js';
import { findPayment } from './payments.js';
import { freepayCodes } from './catalog.js';
import { SandboxError, jsonResponse, problemResponse } from '../../sandbox/errors.js';
import { requireTenant, tenantView } from '../../sandbox/tenant-view.js';
import { TenantParams } from '../../sandbox/routes/tenant-get.js';

const patch = createRoute({
  method: 'patch',
  path: '/tenants/{id}/freepay',
  tags: ['Sandbox'],
  summary: "Change a tenant's Freepay merchant: name, sites, settlement account, status, amount limits, authority lifetime",
  request: { params: TenantParams, body: { required: true, content: { 'application/json': { schema: FreepayMerchantPatch } } } },
  responses: { 200: jsonResponse(z.record(z.string(), z.unknown()), 'The tenant after the change'), 400: problemResponse('Invalid settings'), 404: problemResponse('No such tenant') },
});

const PayBody = z
  .union([
    z.object({ card: z.string().min(1).openapi({ example: '6037990000010013' }), email: z.string().optional() }).strict(),
    z.object({ cancel: z.literal(true) }).strict(),
  ])
  .openapi('FreepayBuyerAction', { description: '{"card": "<card number>"} pays (PIN2, CVV2, expiry and captcha filled in as valid); {"cancel": true} cancels' });

const pay = createRoute({
  method: 'post',
  path: '/tenants/{id}/freepay/payments/{authority}/pay',
  tags: ['Sandbox'],
  summary: 'Act as the buyer on the payment page: pay with a card, or cancel',
  request: {
    params: TenantParams.extend({ authority: z.string().min(1).openapi({ param: { name: 'authority', in: 'path' } }) }),
    body: { required: true, content: { 'application/json': { schema: PayBody } } },
  },
  responses: {
    200: jsonResponse(z.object({ redirect: z.string() }), 'The callback URL the browser would be sent to'),
    400: problemResponse('The page would refuse the card (the reason says why)'),
    404: problemResponse('No such tenant, or no payment of the tenant with this authority'),
    403: problemResponse("The merchant is blacklisted (its status, or its identity on Shaparak's list): the page would refuse"),
    409: problemResponse('The payment can no longer be made: expired, paid, failed or cancelled'),
  },
});

export function registerFreepayControl(app: OpenAPIHono<AppEnv>) {
  registerFreepayBlacklist(app);

  app.openapi(patch, (c) => {
    const deps = c.get('deps');
    const { id } = c.req.valid('param');
    requireTenant(deps, id);
    const refusal = applyFreepaySettings(deps, id, c.req.valid('json'));
    if (refusal) throw new SandboxError(400, 'invalid_request', refusal);
    return c.json(tenantView(getTenant(deps.db, id)!, deps), 200);
  });

  app.openapi(pay, async (c) => {
    const deps = c.get('deps');
    const { id, authority } = c.req.valid('param');
    const tenant = requireTenant(deps, id);
    const payment = findPayment(deps.db, authority);
    if (!payment || payment.tenantId !== id) throw new SandboxError(404, 'not_found', `payment ${authority} of tenant ${id} does not exist`);
    const body = c.req.valid('json');
    // The page of a blacklisted merchant refuses the buyer, so acting as the buyer is refused too.
    if (merchantBlacklisted(deps.db, freepayMerchant(tenant))) {
      throw new SandboxError(403, 'merchant_blacklisted', `payment ${authority} cannot be made: the merchant is blacklisted, as Freepay answers with ${freepayCodes.merchantBlacklisted.status}: ${freepayCodes.merchantBlacklisted.message}`);
    }
    const clock = clockOf(tenant, deps.wall);
    // What a buyer types besides the card: valid values, expiry two years ahead on the Jalali calendar.
    const yy = String((Number(tehranJalaliDay(clock.now()).slice(0, 4)) + 2) % 100).padStart(2, '0');
    const action =
      'cancel' in body
        ? ({ cancel: true } as const)
        : { form: { card: body.card, pin2: '12345', cvv2: '123', expMonth: '12', expYear: yy, email: body.email }, checkCaptcha: false };
    const result = await submitPayment(undefined, deps, tenant, payment, () => clock.now(), action);
    if (result.kind === 'closed') throw new SandboxError(409, 'payment_closed', `payment ${authority} can no longer be made: it is ${result.status}`, { status: result.status });
    if (result.kind === 'invalid') {
      throw new SandboxError(400, 'card_refused', Object.values(result.errors).join('; '), { errors: result.errors });
    }
    return c.json({ redirect: result.url }, 200);
  });
}
