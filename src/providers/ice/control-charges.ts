// Acting as the payer on a charge's bank page without a browser:
// POST /_sandbox/tenants/{id}/ice/charges/{chargeId}/pay, the same payCharge as the page.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../core/http.js';
import { clockOf } from '../../core/tenants.js';
import { SandboxError, jsonResponse, problemResponse } from '../../sandbox/errors.js';
import { requireTenant } from '../../sandbox/tenant-view.js';
import { TenantParams } from '../../sandbox/routes/tenant-get.js';
import { catchUpIce } from './catch-up.js';
import { chargeById, payCharge } from './charges.js';

const PayBody = z
  .union([
    z.object({ card: z.string().min(1).max(64).openapi({ example: '6037990000010013' }), email: z.string().max(200).optional() }).strict(),
    z.object({ cancel: z.literal(true) }).strict(),
  ])
  .openapi('IceChargePayerAction', { description: '{"card": "<card number>"} pays (PIN2, CVV2 and expiry filled in as valid, no captcha); {"cancel": true} cancels' });

const pay = createRoute({
  method: 'post',
  path: '/tenants/{id}/ice/charges/{chargeId}/pay',
  tags: ['Sandbox'],
  summary: "Act as the payer on an ICE charge's bank page (a wallet charge or a person's report payment): pay with a card, or cancel",
  request: {
    params: TenantParams.extend({ chargeId: z.string().min(1).openapi({ param: { name: 'chargeId', in: 'path' } }) }),
    body: { required: true, content: { 'application/json': { schema: PayBody } } },
  },
  responses: {
    200: jsonResponse(z.object({ redirect: z.string() }), 'The return URL the browser would be sent to, with chargeId and status'),
    400: problemResponse('The page would refuse the card (the reason says why)'),
    404: problemResponse('No such tenant, or no charge of the tenant with this id'),
    409: problemResponse('The charge can no longer be paid: expired, paid, failed or cancelled'),
  },
});

export function registerIceChargeControl(app: OpenAPIHono<AppEnv>) {
  app.openapi(pay, async (c) => {
    const deps = c.get('deps');
    const { id, chargeId } = c.req.valid('param');
    const tenant = requireTenant(deps, id);
    const charge = chargeById(deps.db, id, chargeId);
    if (!charge) throw new SandboxError(404, 'not_found', `charge ${chargeId} of tenant ${id} does not exist`);
    const body = c.req.valid('json');
    const clock = clockOf(tenant, deps.wall);
    catchUpIce(deps, id, clock.now());
    const result = await payCharge(deps, charge, 'cancel' in body ? { cancel: true } : { card: body.card, email: body.email }, () => clock.now());
    if (result.kind === 'closed') throw new SandboxError(409, 'charge_closed', `charge ${chargeId} can no longer be paid: it is ${result.status}`, { status: result.status });
    if (result.kind === 'invalid') throw new SandboxError(400, 'card_refused', Object.values(result.errors).join('; '), { errors: result.errors });
    return c.json({ redirect: result.url }, 200);
  });
}
