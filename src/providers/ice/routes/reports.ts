// The report requests of the panel (spec/ice.md §4, §8): request one, the four tabs with search
// and paging, one request, its credit report while viewable, and deleting it. A deleted request
// is gone: every route answers it as reportNotFound.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { toAsciiDigits } from '../../../core/world/numbers.js';
import { CreditReport, creditReportFor } from '../report/index.js';
import { IceError } from '../errors.js';
import { iceRoute, reply } from '../route.js';
import { checkedOrder, requestReport } from '../reports/create.js';
import { deleteReport, reportByTrackingCode, type ReportRow } from '../reports/lifecycle.js';
import { listReports, stateCounts, tabCounts, tabs } from '../reports/query.js';
import { IceReportListRow, IceReportRequest, listRow, requestView } from '../reports/view.js';
import { shownTime } from '../time.js';

const digits = (example: string) => z.string().min(1).max(32).openapi({ description: 'ASCII, Persian or Arabic digits', example });
const payer = z.enum(['credit', 'person']).openapi({ description: 'credit: debited from the wallet now; person: the person pays on the consent page' });

const ReportBody = z
  .discriminatedUnion('personType', [
    z.object({ personType: z.literal('natural'), nationalCode: digits('0020000014'), mobile: digits('09120000001'), payer }).strict(),
    z.object({ personType: z.literal('legal'), nationalId: digits('10101234508'), mobile: digits('09120000001'), payer }).strict(),
  ], { error: 'یکی از این مقادیر: natural، legal' })
  .openapi('IceReportCreate');

const TrackingParams = z.object({ trackingCode: z.string().max(64).openapi({ param: { name: 'trackingCode', in: 'path' }, example: '4815162342' }) });

const ListQuery = z
  .object({
    state: z.enum([...tabs, 'expired']).optional().openapi({ description: 'The tab; rejected lists rejected and expired requests, expired only the latter. Absent: every request' }),
    q: z.string().max(64).optional().openapi({ description: 'Part of a national code, national ID, mobile or tracking code' }),
    page: z.coerce.number().int().min(1).max(1_000_000).default(1),
    size: z.coerce.number().int().min(1).max(100).default(10),
  })
  .strict();

const TabCounts = z.object({ pending: z.number().int(), viewable: z.number().int(), rejected: z.number().int(), archived: z.number().int() });

const IceReportList = z
  .object({ items: z.array(IceReportListRow), total: z.number().int(), page: z.number().int(), size: z.number().int(), pages: z.number().int(), tabs: TabCounts })
  .openapi('IceReportList');

const IceCreditReportAnswer = z
  .object({ trackingCode: z.string(), viewableUntil: z.object({ at: z.string(), date: z.string(), time: z.string() }), report: CreditReport })
  .openapi('IceCreditReportAnswer');

const IceDeletedReport = IceReportRequest.extend({
  deletedAt: z.object({ at: z.string(), date: z.string(), time: z.string() }),
  stateBeforeDelete: z.string().nullable(),
}).openapi('IceDeletedReport');

/** The business's request, or reportNotFound (another business's, or deleted). */
function ownRequest(tenantId: string, businessId: string, trackingCode: string, db: Parameters<typeof reportByTrackingCode>[0]): ReportRow {
  const r = reportByTrackingCode(db, tenantId, toAsciiDigits(trackingCode.trim()));
  if (!r || r.businessId !== businessId || r.state === 'deleted') throw new IceError('reportNotFound');
  return r;
}

export function registerReports(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'post',
      path: '/api/v1/reports',
      endpointId: 'report-create',
      access: 'api',
      summary: "Request a person's credit report: the person gets an SMS with the consent link",
      description:
        'Payer credit debits the price from the wallet now (refunded if the person rejects or the consent lapses); payer person leaves the wallet alone. Refused before the legal review approves the business. Test mobiles answer by themselves (GET /_sandbox/test-values).',
      body: ReportBody,
      answer: { status: 201, schema: IceReportRequest, description: 'Requested: pending until the person answers' },
    },
    (c, { body, business, nowMs }) => {
      const row = requestReport(c.get('deps'), business!, checkedOrder(body), nowMs, new URL(c.req.url).origin);
      return reply(c, requestView(row), 201);
    },
  );

  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/reports',
      endpointId: 'report-list',
      access: 'api',
      summary: 'The four tabs (pending, viewable, rejected, archived): search, paging, newest first',
      query: ListQuery,
      answer: { status: 200, schema: IceReportList, description: 'One page of the tab' },
    },
    (c, { query, business }) => {
      const db = c.get('deps').db;
      const q = query.q === undefined ? undefined : toAsciiDigits(query.q.trim()) || undefined;
      const { rows, total } = listReports(db, business!.tenantId, business!.id, { state: query.state, q, page: query.page, size: query.size });
      const first = (query.page - 1) * query.size;
      return reply(c, {
        items: rows.map((r, i) => listRow(r, first + i + 1)),
        total,
        page: query.page,
        size: query.size,
        pages: Math.ceil(total / query.size),
        tabs: tabCounts(stateCounts(db, business!.tenantId, business!.id)),
      });
    },
  );

  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/reports/{trackingCode}',
      endpointId: 'report-get',
      access: 'api',
      summary: 'One request, with every time it passed through',
      params: TrackingParams,
      answer: { status: 200, schema: IceReportRequest, description: 'The request' },
    },
    (c, { params, business }) => reply(c, requestView(ownRequest(business!.tenantId, business!.id, params.trackingCode, c.get('deps').db))),
  );

  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/reports/{trackingCode}/credit-report',
      endpointId: 'report-body',
      access: 'api',
      summary: 'The credit report, only while the request is viewable',
      description: 'Issued as of the approval, so every read in the window answers the same report. Outside the window: reportNotViewable with `state`.',
      params: TrackingParams,
      answer: { status: 200, schema: IceCreditReportAnswer, description: 'The report' },
    },
    (c, { params, business }) => {
      const deps = c.get('deps');
      const r = ownRequest(business!.tenantId, business!.id, params.trackingCode, deps.db);
      if (r.state !== 'viewable') throw new IceError('reportNotViewable', { state: r.state });
      const subject = r.personType === 'natural' ? { personType: 'natural' as const, nationalCode: r.nationalCode! } : { personType: 'legal' as const, nationalId: r.nationalId! };
      const report = creditReportFor(deps.world, { ...subject, mobile: r.mobile }, r.approvedAtMs!);
      // The numbers were checked when the request was made, so a report always exists.
      if (!report) throw new Error(`no credit report for request ${r.trackingCode}`);
      return reply(c, { trackingCode: r.trackingCode, viewableUntil: shownTime(r.viewableUntilMs!), report });
    },
  );

  iceRoute(
    app,
    {
      method: 'delete',
      path: '/api/v1/reports/{trackingCode}',
      endpointId: 'report-delete',
      access: 'api',
      summary: 'Delete a request: it leaves the tabs; a pending wallet-paid one is refunded',
      params: TrackingParams,
      answer: { status: 200, schema: IceDeletedReport, description: 'The request as deleted' },
    },
    (c, { params, business, nowMs }) => {
      const deps = c.get('deps');
      const deleted = deleteReport(deps, ownRequest(business!.tenantId, business!.id, params.trackingCode, deps.db), nowMs);
      if (!deleted) throw new IceError('reportNotFound');
      return reply(c, { ...requestView(deleted), deletedAt: shownTime(nowMs), stateBeforeDelete: deleted.stateBeforeDelete });
    },
  );
}
