// The merchant panel as an API (Authorization: Bearer <merchant API key>): transactions with
// filters and paging, one transaction in detail with its history, and the settlements.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { desc, eq } from 'drizzle-orm';
import { answer, bearerCredential, identify, type AppContext, type AppEnv } from '../../../core/http.js';
import { tenantByFreepayApiKey, type TenantRow } from '../../../core/tenants.js';
import { toAsciiDigits } from '../../../core/world/numbers.js';
import { freepaySettlements } from '../../../db/schema/index.js';
import { freepayCodes, panelFilters } from '../catalog.js';
import { FreepayError } from '../errors.js';
import { catchUpFreepay } from '../money.js';
import { maxPerPage, readPanelQuery, shownStatuses } from '../panel-filters.js';
import { panelTransactions, panelWindow } from '../panel-query.js';
import { findPayment } from '../payments.js';
import { detail, settlementView, summary } from '../views.js';
import { beforeWork } from '../pipeline.js';
import { registerMerchantAccounts } from '../accounts/index.js';

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

export function registerPanel(app: OpenAPIHono<AppEnv>) {
  documentPanel(app);
  // Sign-up, documents, settings, sites and bank accounts (accounts/).
  registerMerchantAccounts(app);

  app.get('/panel/transactions', (c) =>
    panelCall(c, 'panel-transactions', (tenant, nowMs) => {
      const { filter, page, perPage } = readPanelQuery(c.req.query());
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
    description: `Filters: ${Object.values(panelFilters).join(', ')}. status is one of ${shownStatuses.join(', ')}; from/to take a Jalali day (1405/09/02), a Jalali date-time as the panel shows it (1405/09/02 10:30, seconds optional; to includes the minute or second written), an ISO date (whole Tehran days) or an ISO date-time; card is the last four digits, the whole card number (spaces or dashes allowed; matched on its first six and last four, the digits payments keep) or the masked card; ref_id is the tracking code; any other parameter answers -1; per_page at most ${maxPerPage}. Pages reach the newest ${panelWindow} matches (page × per_page at most ${panelWindow}); with filters other than status, the search covers the newest ${panelWindow} transactions the first indexed filter selects, and total_capped: true says more lie beyond them.`,
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
