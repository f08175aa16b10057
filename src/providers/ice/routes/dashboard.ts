// GET /api/v1/dashboard: the panel's first page (spec/ice.md §6): requests by state, the balance
// and its warning, and the two chart series (reports/dashboard.ts says what each counts).
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../../../core/http.js';
import { dashboardOf } from '../reports/dashboard.js';
import { iceRoute, reply } from '../route.js';
import { iceSettingsOf } from '../settings.js';

const Time = z.object({ at: z.string(), date: z.string(), time: z.string() });
const n = z.number().int();

export const IceDashboard = z
  .object({
    counts: z.object({ pending: n, viewable: n, rejected: n, expired: n, archived: n }).openapi({ description: 'Requests in each state (deleted ones are gone)' }),
    tabs: z.object({ pending: n, viewable: n, rejected: n, archived: n }).openapi({ description: "Each tab's count: rejected = rejected + expired" }),
    balanceRial: n,
    lowBalance: z.boolean().openapi({ description: 'The balance does not pay for one report' }),
    reportPriceRial: n,
    lastHours: z
      .array(z.object({ from: Time, to: Time, pending: n, viewable: n, rejected: n }))
      .openapi({ description: 'Reports in the last 7 hours by state: 7 rolling hours, oldest first; requests made in each hour counted by their state now (viewable includes since archived, rejected includes expired)' }),
    viewedThisWeek: z
      .array(z.object({ date: z.string(), weekday: z.string(), viewed: n }))
      .openapi({ description: 'Reports viewed during the week: approvals on each of the last 7 Tehran days, today last' }),
    lastUpdate: Time,
  })
  .openapi('IceDashboard');

export function registerDashboard(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/dashboard',
      endpointId: 'dashboard',
      access: 'business',
      summary: 'Counts by state, the balance and the two chart series',
      answer: { status: 200, schema: IceDashboard, description: 'The dashboard as of the tenant clock' },
    },
    (c, { business, nowMs }) => {
      const db = c.get('deps').db;
      const settings = iceSettingsOf(db, business!.tenantId);
      return reply(c, dashboardOf(db, business!, settings.reportPriceRial + settings.vatRial, nowMs));
    },
  );
}
