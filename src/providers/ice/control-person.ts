// Acting as the person on a report request without a browser (spec/ice.md §4): approve (a
// person-paid request is paid first, through the same payCharge as the bank page), reject, or pay
// only. POST /_sandbox/tenants/{id}/ice/reports/{trackingCode}/approve | reject | pay.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppContext, AppDeps, AppEnv } from '../../core/http.js';
import type { Clock } from '../../core/clock.js';
import { clockOf } from '../../core/tenants.js';
import { SandboxError, jsonResponse, problemResponse } from '../../sandbox/errors.js';
import { requireTenant } from '../../sandbox/tenant-view.js';
import { TenantParams } from '../../sandbox/routes/tenant-get.js';
import { testCards } from '../../web/index.js';
import { catchUpIce } from './catch-up.js';
import { banks, failureMessageOf, payCharge, type Bank } from './charges.js';
import { consentPathOf } from './consent/routes.js';
import { openPersonCharge, settledReport } from './consent/person-charge.js';
import { approveReport, rejectReport, reportByTrackingCode, type Refused, type ReportRow } from './reports/lifecycle.js';
import { IceReportRequest, requestView } from './reports/view.js';

/** The card a person pays with when the call names none: the test card that pays. */
export const defaultPersonCard = testCards.find((card) => card.outcome === 'success')!.number;

const card = z.string().min(1).max(64).openapi({ description: 'A test card (GET /_sandbox/test-values) or any valid card, which pays', example: defaultPersonCard });
const bank = z.enum(banks).openapi({ description: 'The bank page the payment goes through (default saman)' });
const ApproveBody = z.object({ card: card.optional(), bank: bank.optional() }).strict().openapi('IcePersonApprove');
const PayBody = z.object({ card, bank: bank.optional() }).strict().openapi('IcePersonPay');

const Params = TenantParams.extend({ trackingCode: z.string().min(1).max(64).openapi({ param: { name: 'trackingCode', in: 'path' }, example: '4815162342' }) });

const answers = {
  200: jsonResponse(IceReportRequest, 'The request after the person’s answer, as GET /ice/api/v1/reports/{trackingCode} shows it'),
  404: problemResponse('No such tenant, or no request of the tenant with this tracking code'),
  409: problemResponse('The request is no longer pending (details.state says what it is)'),
};
const paying = {
  400: problemResponse('A body that does not fit, or a card the bank page would refuse (details.errors)'),
  402: problemResponse('The payment failed or was cancelled: the request stays pending (details say why)'),
};

const path = (name: string) => `/tenants/{id}/ice/reports/{trackingCode}/${name}`;

const approve = createRoute({
  method: 'post',
  path: path('approve'),
  tags: ['Sandbox'],
  summary: 'Act as the person: approve an ICE report request (a person-paid one is paid first)',
  description: `A wallet-paid request becomes viewable. A person-paid one is paid through the bank page's own path with \`card\` (default ${defaultPersonCard}, which pays) on \`bank\`; a card that fails leaves it pending and answers 402.`,
  request: { params: Params, body: { required: false, content: { 'application/json': { schema: ApproveBody } } } },
  responses: { ...answers, ...paying },
});

const reject = createRoute({
  method: 'post',
  path: path('reject'),
  tags: ['Sandbox'],
  summary: 'Act as the person: reject an ICE report request',
  description: 'A wallet-paid request is refunded with the seed’s two ledger rows.',
  request: { params: Params },
  responses: answers,
});

const pay = createRoute({
  method: 'post',
  path: path('pay'),
  tags: ['Sandbox'],
  summary: "Act as the person: pay a person-paid ICE report request's price with a card (approves it when paid)",
  description: 'As the consent page’s Approve followed by the bank page’s Pay. A wallet-paid request has nothing to pay (409).',
  request: { params: Params, body: { required: true, content: { 'application/json': { schema: PayBody } } } },
  responses: { ...answers, ...paying },
});

const notPending = (r: ReportRow) => new SandboxError(409, 'report_not_pending', `report ${r.trackingCode} is ${r.state}, no longer pending`, { state: r.state });

interface Acting {
  deps: AppDeps;
  clock: Clock;
  r: ReportRow;
  /** This call found the person had paid (the browser never came back) and approved the request. */
  paidJustNow: boolean;
}

/** The tenant's request as it is now: a payment the person made settled as of its time, then the due work. */
function acting(c: AppContext, id: string, trackingCode: string): Acting {
  const deps = c.get('deps');
  const clock = clockOf(requireTenant(deps, id), deps.wall);
  const before = reportByTrackingCode(deps.db, id, trackingCode);
  if (!before) throw new SandboxError(404, 'not_found', `report ${trackingCode} of tenant ${id} does not exist`);
  const settled = settledReport(deps, before);
  catchUpIce(deps, id, clock.now());
  const paidJustNow = before.state === 'pending' && settled?.state === 'viewable';
  return { deps, clock, paidJustNow, r: reportByTrackingCode(deps.db, id, trackingCode)! };
}

function answered(c: AppContext, deps: AppDeps, result: ReportRow | Refused, r: ReportRow) {
  if ('refused' in result) throw notPending(reportByTrackingCode(deps.db, r.tenantId, r.trackingCode) ?? r);
  return c.json(requestView(result), 200);
}

/** The person pays the request's price on `bank` with `number`, as the bank page would, then approves. */
async function payAndApprove(c: AppContext, { deps, clock, r }: Acting, number: string, bankName: Bank) {
  const origin = new URL(c.req.url).origin;
  const charge = openPersonCharge(deps, r, bankName, `${origin}${consentPathOf(r)}/return`, clock.now());
  const result = await payCharge(deps, charge, { card: number }, () => clock.now());
  if (result.kind === 'invalid') throw new SandboxError(400, 'card_refused', Object.values(result.errors).join('; '), { errors: result.errors });
  const paid = result.charge;
  if (result.kind === 'closed') throw new SandboxError(409, 'charge_closed', `charge ${paid.id} can no longer be paid: it is ${result.status}`, { chargeId: paid.id, status: result.status });
  if (result.status !== 'paid') {
    const failure = result.status === 'failed' ? { failure: paid.failure, failureMessage: failureMessageOf(paid.failure) } : {};
    const why = result.status === 'failed' ? `the payment failed (${paid.failure})` : 'the payment was cancelled';
    throw new SandboxError(402, result.status === 'failed' ? 'payment_failed' : 'payment_cancelled', `${why}; report ${r.trackingCode} stays pending`, {
      chargeId: paid.id,
      status: result.status,
      ...failure,
      state: 'pending',
    });
  }
  // The payment itself approved the request (approvePaidCharge in the lifecycle).
  const now = reportByTrackingCode(deps.db, r.tenantId, r.trackingCode)!;
  if (now.chargeId === paid.id) return c.json(requestView(now), 200);
  return answered(c, deps, approveReport(deps, r, paid.finishedAtMs!, { chargeId: paid.id }), r);
}

export function registerIcePersonControl(app: OpenAPIHono<AppEnv>) {
  app.openapi(approve, async (c) => {
    const { id, trackingCode } = c.req.valid('param');
    const body = c.req.valid('json') ?? {};
    const a = acting(c, id, trackingCode);
    if (a.paidJustNow) return c.json(requestView(a.r), 200);
    if (a.r.state !== 'pending') throw notPending(a.r);
    if (a.r.payer === 'credit') {
      if (body.card !== undefined || body.bank !== undefined) {
        throw new SandboxError(400, 'invalid_request', `report ${trackingCode} is paid from the business's credit: the person pays nothing, so no card or bank is taken`);
      }
      return answered(c, a.deps, approveReport(a.deps, a.r, a.clock.now()), a.r);
    }
    return payAndApprove(c, a, body.card ?? defaultPersonCard, body.bank ?? 'saman');
  });

  app.openapi(reject, (c) => {
    const { id, trackingCode } = c.req.valid('param');
    const a = acting(c, id, trackingCode);
    if (a.r.state !== 'pending') throw notPending(a.r);
    return answered(c, a.deps, rejectReport(a.deps, a.r, a.clock.now()), a.r);
  });

  app.openapi(pay, async (c) => {
    const { id, trackingCode } = c.req.valid('param');
    const body = c.req.valid('json');
    const a = acting(c, id, trackingCode);
    if (a.paidJustNow) return c.json(requestView(a.r), 200);
    if (a.r.state !== 'pending') throw notPending(a.r);
    if (a.r.payer === 'credit') {
      throw new SandboxError(409, 'not_person_paid', `report ${trackingCode} is paid from the business's credit: the person has nothing to pay`, { payer: 'credit' });
    }
    return payAndApprove(c, a, body.card, body.bank ?? 'saman');
  });
}
