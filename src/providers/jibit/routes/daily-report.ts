// GET /v1/reports/daily?yearMonthDay=yyMMdd: how many billed calls each service had on a
// Jalali day (Tehran), exactly the calls that were charged and counted against the limits.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { parseJalaliYyMmDd } from '../../../core/calendar.js';
import type { AppEnv } from '../../../core/http.js';
import { endpointIds } from '../catalog.js';
import { Report } from '../schemas.js';
import { answer, callContext } from '../serve.js';
import { servicePersianName } from '../settings.js';
import { jibitRoute, registerJibitRoute } from './route.js';
import { asciiDigits, param } from '../validation.js';

const route = jibitRoute({
  method: 'get',
  path: '/v1/reports/daily',
  endpoints: ['daily-report'],
  request: {
    query: z.object({
      yearMonthDay: param({
        missing: 'invalid.request_body',
        invalid: 'invalid.request_body',
        check: (v) => parseJalaliYyMmDd(v) !== undefined,
        description: 'Jalali day as yyMMdd (000708 = 1400/07/08; years below 50 are 14xx)',
        example: '000708',
      }),
    }),
  },
  response: z.object({ report: z.array(Report) }),
});

const catalogOrder = (id: string) => endpointIds.indexOf(id);

export function registerDailyReport(app: OpenAPIHono<AppEnv>) {
  registerJibitRoute(app, route, (c) => {
    const { tenant } = callContext(c);
    const day = parseJalaliYyMmDd(asciiDigits(c.req.valid('query').yearMonthDay.trim()))!;
    const services = c.get('deps').meter
      .usageOnDay(tenant.id, day)
      .sort((a, b) => catalogOrder(a.endpointId) - catalogOrder(b.endpointId))
      .map((u) => ({ Service: u.endpointId, persianName: servicePersianName(u.endpointId), count: u.count }));
    return answer(c, { report: [{ services }] });
  });
}
