// The merchant panel as an API (Authorization: Bearer <merchant API key>): transactions with
// filters and paging, one transaction in detail with its history, and the settlements.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { desc, eq } from 'drizzle-orm';
import { parseJalaliYyMmDd, tehranInstant } from '../../../core/calendar.js';
import { answer, bearerCredential, identify, type AppContext, type AppEnv } from '../../../core/http.js';
import { tenantByFreepayApiKey, type TenantRow } from '../../../core/tenants.js';
import { toAsciiDigits } from '../../../core/world/numbers.js';
import { freepaySettlements } from '../../../db/schema/index.js';
import { freepayCodes, panelFilters } from '../catalog.js';
import { FreepayError } from '../errors.js';
import { catchUpFreepay } from '../money.js';
import { panelTransactions, panelWindow } from '../panel-query.js';
import { findPayment, type ShownStatus } from '../payments.js';
import { detail, settlementView, summary } from '../views.js';
import { beforeWork } from '../pipeline.js';

const shownStatuses: ShownStatus[] = ['pending', 'paid', 'verified', 'failed', 'cancelled', 'expired', 'reversed'];
const maxPerPage = 100;

/** The merchant named by Authorization: Bearer <API key>; none when the header is sent twice. */
function merchantOf(c: AppContext): TenantRow | undefined {
  const { token, repeated } = bearerCredential(c);
  const tenant = token && !repeated ? tenantByFreepayApiKey(c.get('deps').db, token) : undefined;
  identify(c, tenant);
  return tenant;
}

/**
 * A panel call: the merchant named by its key, the rules and X-Sandbox-Error, the tenant's
 * Freepay money caught up with its clock, then `{status: 1, ...what work returns}`.
 */
function panelCall(c: AppContext, endpointId: 'panel-transactions' | 'panel-transaction' | 'panel-settlements', work: (tenant: TenantRow, nowMs: number) => object): Promise<Response> {
  const tenant = merchantOf(c);
  return beforeWork(c, endpointId, undefined, async () => {
    if (!tenant) throw new FreepayError('invalidApiKey');
    const nowMs = c.get('clock')!.now();
    catchUpFreepay(c.get('deps'), tenant.id, nowMs);
    return answer(c, { status: freepayCodes.ok.status, ...work(tenant, nowMs) });
  });
}

const bad = (field: string) => new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${field})`);

/** A bound of the date filter: a Jalali day (1405/09/02, 14050902) or ISO date (whole Tehran day), or an ISO date-time. */
function bound(value: string | undefined, field: string, end: boolean): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const text = toAsciiDigits(value.trim());
  const jalaliDay = /^(\d{4})\/?(\d{2})\/?(\d{2})$/.exec(text);
  if (jalaliDay && Number(jalaliDay[1]) < 1700) {
    const day = parseJalaliYyMmDd(`${jalaliDay[1]!.slice(2)}${jalaliDay[2]}${jalaliDay[3]}`);
    if (!day || !day.startsWith(jalaliDay[1]!)) throw bad(field);
    return end ? tehranInstant(day, 24) : tehranInstant(day, 0);
  }
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const ms = Date.parse(`${text}T00:00:00+03:30`);
    if (Number.isNaN(ms)) throw bad(field);
    return end ? ms + 24 * 3600 * 1000 : ms;
  }
  const ms = z.iso.datetime({ offset: true }).safeParse(text).success ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw bad(field);
  return end ? ms + 1 : ms;
}

function positiveInt(value: string | undefined, field: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  if (value === undefined || value.trim() === '') return fallback;
  const text = toAsciiDigits(value.trim());
  if (!/^\d{1,15}$/.test(text) || Number(text) < 1 || Number(text) > max) throw bad(field);
  return Number(text);
}

export function registerPanel(app: OpenAPIHono<AppEnv>) {
  documentPanel(app);

  app.get('/panel/transactions', (c) =>
    panelCall(c, 'panel-transactions', (tenant, nowMs) => {
      const q = (name: string) => c.req.query(name);
      const status = q(panelFilters.status);
      if (status !== undefined && !shownStatuses.includes(status as ShownStatus)) throw bad(panelFilters.status);
      const from = bound(q(panelFilters.from), panelFilters.from, false);
      const to = bound(q(panelFilters.to), panelFilters.to, true);
      const amount = q(panelFilters.amount) === undefined ? undefined : positiveInt(q(panelFilters.amount), panelFilters.amount, 0);
      const minAmount = positiveInt(q(panelFilters.minAmount), panelFilters.minAmount, 0);
      const maxAmount = positiveInt(q(panelFilters.maxAmount), panelFilters.maxAmount, Number.MAX_SAFE_INTEGER);
      const card = q(panelFilters.card) === undefined ? undefined : toAsciiDigits(q(panelFilters.card)!.trim());
      if (card !== undefined && !/^\d{4}$/.test(card)) throw bad(panelFilters.card);
      const authority = q(panelFilters.authority)?.trim();
      const orderId = q(panelFilters.orderId)?.trim();
      const page = positiveInt(q(panelFilters.page), panelFilters.page, 1);
      const perPage = positiveInt(q(panelFilters.perPage), panelFilters.perPage, 20, maxPerPage);
      if (page * perPage > panelWindow) {
        throw new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${panelFilters.page}: the panel pages through the newest ${panelWindow} transactions; narrow with ${panelFilters.from}/${panelFilters.to})`);
      }
      const filter = {
        status: status as ShownStatus | undefined,
        fromMs: from,
        toMs: to,
        amount,
        minAmount: q(panelFilters.minAmount) === undefined ? undefined : minAmount,
        maxAmount: q(panelFilters.maxAmount) === undefined ? undefined : maxAmount,
        card,
        authority: authority || undefined,
        orderId: orderId || undefined,
      };
      const found = panelTransactions(c.get('deps').db, tenant.id, filter, nowMs, page, perPage);
      return {
        page,
        per_page: perPage,
        total: found.total,
        // Only beyond the window: filters other than status then count the newest panelWindow transactions.
        ...(found.capped ? { total_capped: true } : {}),
        transactions: found.rows.map((p) => summary(p, nowMs)),
      };
    }),
  );

  app.get('/panel/transactions/:authority', (c) =>
    panelCall(c, 'panel-transaction', (tenant, nowMs) => {
      const payment = findPayment(c.get('deps').db, toAsciiDigits(c.req.param('authority')));
      // Another merchant's payment is as unknown as no payment at all.
      if (!payment || payment.tenantId !== tenant.id) throw new FreepayError('unknownAuthority');
      return { transaction: detail(payment, nowMs) };
    }),
  );

  app.get('/panel/settlements', (c) =>
    panelCall(c, 'panel-settlements', (tenant) => {
      const rows = c.get('deps').db.select().from(freepaySettlements).where(eq(freepaySettlements.tenantId, tenant.id)).orderBy(desc(freepaySettlements.atMs)).all();
      return {
        settlements: rows.map(settlementView),
      };
    }),
  );
}

function documentPanel(app: OpenAPIHono<AppEnv>) {
  const security = [{ freepayKey: [] }];
  app.openAPIRegistry.registerComponent('securitySchemes', 'freepayKey', { type: 'http', scheme: 'bearer', description: "The merchant's Freepay API key" });
  const json = { 'application/json': { schema: z.record(z.string(), z.unknown()) } };
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/panel/transactions',
    tags: ['Freepay'],
    summary: "The merchant's transactions, newest first",
    description: `Filters: ${Object.values(panelFilters).join(', ')}. status is one of ${shownStatuses.join(', ')}; from/to take a Jalali day (1405/09/02), an ISO date (whole Tehran days) or an ISO date-time; card is the last four digits; per_page at most ${maxPerPage}. Pages reach the newest ${panelWindow} matches (page × per_page at most ${panelWindow}); with filters other than status, the search covers the newest ${panelWindow} transactions the first indexed filter selects, and total_capped: true says more lie beyond them.`,
    security,
    request: { query: z.object(Object.fromEntries(Object.values(panelFilters).map((f) => [f, z.string().optional()]))) },
    responses: { 200: { description: '{status, page, per_page, total, transactions}, and total_capped: true when the search stopped at its window', content: json } },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/panel/transactions/{authority}',
    tags: ['Freepay'],
    summary: 'One transaction: masked card, tracking codes, times in Jalali and ISO, status history',
    security,
    request: { params: z.object({ authority: z.string().openapi({ param: { name: 'authority', in: 'path' } }) }) },
    responses: { 200: { description: '{status, transaction}', content: json } },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/panel/settlements',
    tags: ['Freepay'],
    summary: 'Settlements paid to the merchant’s account, newest first',
    security,
    responses: { 200: { description: '{status, settlements}', content: json } },
  });
}
