// The merchant panel's transaction listing as SQL whose cost does not grow with the merchant's
// history: one indexed filter leads (authority, tracking code, order id, card, amount, status,
// else none), the page walks its index newest first and stops at the page; other filters are
// applied to the newest `panelWindow` transactions the leading filter selects. Totals come from the running counts
// (freepay_payment_counts) when only status is filtered, else from a count capped at the window.
import type { Db } from '../../db/index.js';
import { countedStatusSql } from '../../db/schema/index.js';
import { prepared } from '../../core/prepared.js';
import { maxAuthorityLifetimeSeconds } from './merchant.js';
import type { PaymentRow, ShownStatus } from './payments.js';

/** The most transactions a listing pages through or counts, newest first. */
export const panelWindow = 10_000;

export interface PanelFilter {
  status?: ShownStatus | undefined;
  fromMs?: number | undefined;
  toMs?: number | undefined;
  amount?: number | undefined;
  minAmount?: number | undefined;
  maxAmount?: number | undefined;
  /** The card's last four digits. */
  card?: string | undefined;
  /** The masked card (first six, last four) when a whole or masked card was given. */
  cardPan?: string | undefined;
  /** The tracking code the buyer was shown. */
  refId?: string | undefined;
  authority?: string | undefined;
  orderId?: string | undefined;
}

export interface PanelPage {
  total: number;
  /** More transactions match than the window holds: total counts those among the newest panelWindow. */
  capped: boolean;
  rows: PaymentRow[];
}

type Params = Record<string, string | number>;

const columns = `authority, tenant_id AS tenantId, amount_rial AS amountRial, callback, description, mobile, email, order_id AS orderId,
  status, failure, card_pan AS cardPan, ref_id AS refId, created_at_ms AS createdAtMs, expires_at_ms AS expiresAtMs,
  paid_at_ms AS paidAtMs, verified_at_ms AS verifiedAtMs, reversal_due_at_ms AS reversalDueAtMs, reversed_at_ms AS reversedAtMs,
  settlement_id AS settlementId, history`;
const newestFirst = 'ORDER BY created_at_ms DESC, authority DESC';

/**
 * A pending payment is one not past its lifetime, so created within the longest lifetime: the
 * bound on created_at_ms keeps the walk to that span instead of every abandoned payment.
 */
function statusSql(status: ShownStatus): string {
  if (status === 'pending') return `${countedStatusSql} = 'pending' AND created_at_ms > @windowStartMs AND expires_at_ms > @nowMs`;
  if (status === 'expired') return `${countedStatusSql} = 'pending' AND expires_at_ms <= @nowMs`;
  return `${countedStatusSql} = @status`;
}

/** The filter whose index leads, then the rest; each as SQL over named parameters. */
function split(f: PanelFilter): { lead: string[]; rest: string[] } {
  const lead: string[] = [];
  const rest: string[] = [];
  const candidates: [boolean, string][] = [
    [f.authority !== undefined, 'authority = @authority'],
    [f.refId !== undefined, 'ref_id = @refId'],
    [f.orderId !== undefined, 'order_id = @orderId'],
    [f.card !== undefined, 'substr(card_pan, -4) = @card'],
    [f.amount !== undefined, 'amount_rial = @amount'],
    [f.status !== undefined, f.status === undefined ? '' : statusSql(f.status)],
  ];
  for (const [present, sql] of candidates) if (present) (lead.length === 0 ? lead : rest).push(sql);
  // Every listing index continues with created_at_ms, so a date range narrows the leading walk.
  if (f.fromMs !== undefined) lead.push('created_at_ms >= @fromMs');
  if (f.toMs !== undefined) lead.push('created_at_ms < @toMs');
  // The card's last four lead by their index; the first six then narrow.
  if (f.cardPan !== undefined) rest.push('card_pan = @cardPan');
  if (f.minAmount !== undefined) rest.push('amount_rial >= @minAmount');
  if (f.maxAmount !== undefined) rest.push('amount_rial <= @maxAmount');
  return { lead, rest };
}

const cache = () => new Map<string, ReturnType<Db['$client']['prepare']>>();
function statement(db: Db, sql: string) {
  const statements = prepared(db, cache);
  let s = statements.get(sql);
  if (!s) statements.set(sql, (s = db.$client.prepare(sql)));
  return s;
}

const countsSql = 'SELECT status, count FROM freepay_payment_counts WHERE tenant_id = ?';

/** Exact totals of the unfiltered and status-only listings, from the running counts. */
function countedTotal(db: Db, tenantId: string, status: ShownStatus | undefined, params: Params): number {
  const counts = new Map((statement(db, countsSql).all(tenantId) as { status: string; count: number }[]).map((r) => [r.status, r.count]));
  if (status === undefined) return [...counts.values()].reduce((a, b) => a + b, 0);
  if (status !== 'pending' && status !== 'expired') return counts.get(status) ?? 0;
  const live = (statement(db, `SELECT count(*) AS n FROM freepay_payments WHERE tenant_id = @tenantId AND ${statusSql('pending')}`).get(params) as { n: number }).n;
  return status === 'pending' ? live : (counts.get('pending') ?? 0) - live;
}

export function panelTransactions(db: Db, tenantId: string, f: PanelFilter, nowMs: number, page: number, perPage: number): PanelPage {
  const { lead, rest } = split(f);
  const params: Params = { tenantId, nowMs, windowStartMs: nowMs - maxAuthorityLifetimeSeconds * 1000, window: panelWindow };
  for (const [key, value] of Object.entries(f)) if (value !== undefined) params[key] = value;
  const leading = ['tenant_id = @tenantId', ...lead].join(' AND ');
  const candidates = `SELECT ${columns} FROM freepay_payments WHERE ${leading} ${newestFirst}`;
  // The window keeps the table's own column names for the filters that follow; a co-routine
  // hands its rows on in the order it read them, newest first.
  const window = `SELECT * FROM freepay_payments WHERE ${leading} ${newestFirst} LIMIT @window`;
  const pageParams = { ...params, limit: perPage, offset: (page - 1) * perPage };
  const rows = (rest.length === 0
    ? statement(db, `${candidates} LIMIT @limit OFFSET @offset`).all(pageParams)
    : statement(db, `SELECT ${columns} FROM (${window}) WHERE ${rest.join(' AND ')} LIMIT @limit OFFSET @offset`).all(pageParams)) as PaymentRow[];
  const narrowed = [f.fromMs, f.toMs, f.amount, f.minAmount, f.maxAmount, f.card, f.authority, f.refId, f.orderId].some((v) => v !== undefined);
  if (!narrowed) return { total: countedTotal(db, tenantId, f.status, params), capped: false, rows };
  const seen = (statement(db, `SELECT count(*) AS n FROM (SELECT 1 FROM freepay_payments WHERE ${leading} LIMIT @window + 1)`).get(params) as { n: number }).n;
  const total =
    rest.length === 0
      ? Math.min(seen, panelWindow)
      : (statement(db, `SELECT count(*) AS n FROM (${window}) WHERE ${rest.join(' AND ')}`).get(params) as { n: number }).n;
  return { total, capped: seen > panelWindow, rows };
}
