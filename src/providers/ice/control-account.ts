// The control API's view of a tenant's ICE businesses (so a test finds a new business's id) and
// the legal review decided by hand: approve, or reject with a reason, a review that is pending.
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import type { AppEnv } from '../../core/http.js';
import { clockOf } from '../../core/tenants.js';
import { iceBusinesses } from '../../db/schema/index.js';
import { SandboxError, jsonResponse, notFound, problemResponse } from '../../sandbox/errors.js';
import { catchUp } from '../../core/catch-up.js';
import { requireTenant } from '../../sandbox/tenant-view.js';
import { TenantParams } from '../../sandbox/routes/tenant-get.js';
import { businessById, profileOf } from './business.js';
import { decideReview } from './legal-review.js';
import { legalView } from './legal-view.js';
import { tehranIso } from './time.js';

const Listed = z
  .object({
    id: z.string(),
    username: z.string(),
    mobile: z.string(),
    businessName: z.string(),
    officialName: z.string().nullable(),
    legalStatus: z.enum(['none', 'pending', 'approved', 'rejected']),
    balanceRial: z.number().int(),
    createdAt: z.string(),
  })
  .openapi('IceBusinessListed');

const list = createRoute({
  method: 'get',
  path: '/tenants/{id}/ice/businesses',
  tags: ['Sandbox'],
  summary: "A tenant's ICE businesses, the oldest first: the ready one and every one signed up",
  request: { params: TenantParams },
  responses: { 200: jsonResponse(z.object({ businesses: z.array(Listed) }), 'The businesses'), 404: problemResponse('No such tenant') },
});

const ReviewParams = TenantParams.extend({ businessId: z.string().min(1).openapi({ param: { name: 'businessId', in: 'path' }, example: 'biz_Jq3…' }) });
const Decision = z
  .object({
    decision: z.enum(['approve', 'reject']),
    reason: z.string().trim().min(1).max(500).optional().openapi({ description: 'Persian, shown to the business; a rejection without one gives a general reason' }),
  })
  .strict()
  .openapi('IceLegalDecision');

const review = createRoute({
  method: 'post',
  path: '/tenants/{id}/ice/businesses/{businessId}/legal-review',
  tags: ['Sandbox'],
  summary: "Decide a business's pending legal review now: approve, or reject with a reason",
  request: { params: ReviewParams, body: { required: true, content: { 'application/json': { schema: Decision } } } },
  responses: {
    200: jsonResponse(z.record(z.string(), z.unknown()), 'The legal information after the decision, as GET /ice/api/v1/account/legal shows it'),
    400: problemResponse('Invalid decision'),
    404: problemResponse('No such tenant or business'),
    409: problemResponse('The review is not pending'),
  },
});

export function registerIceAccountControl(app: OpenAPIHono<AppEnv>) {
  app.openapi(list, (c) => {
    const deps = c.get('deps');
    const row = requireTenant(deps, c.req.valid('param').id);
    catchUp(deps, row);
    const businesses = deps.db.select().from(iceBusinesses).where(eq(iceBusinesses.tenantId, row.id)).orderBy(iceBusinesses.createdAtMs).all();
    const shown = businesses.map((b) => ({
      id: b.id,
      username: b.username,
      mobile: b.mobile,
      businessName: profileOf(b).businessName,
      officialName: b.officialName,
      legalStatus: b.legalStatus,
      balanceRial: b.balanceRial,
      createdAt: tehranIso(b.createdAtMs),
    }));
    return c.json({ businesses: shown }, 200);
  });

  app.openapi(review, (c) => {
    const deps = c.get('deps');
    const { id, businessId } = c.req.valid('param');
    const { decision, reason } = c.req.valid('json');
    const row = requireTenant(deps, id);
    // A review the tenant's setting decided by now is decided before this one is looked at.
    const nowMs = clockOf(row, deps.wall).now();
    catchUp(deps, row, nowMs);
    const business = businessById(deps.db, row.id, businessId);
    if (!business) throw notFound(`business ${businessId} of tenant ${row.id}`);
    if (!decideReview(deps.db, business, decision, reason, nowMs)) {
      throw new SandboxError(409, 'conflict', `the legal review of ${businessId} is ${business.legalStatus}, not pending`);
    }
    return c.json({ businessId, ...legalView(businessById(deps.db, row.id, businessId)!) }, 200);
  });
}
