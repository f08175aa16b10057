// The panel's four tabs as queries: a business's requests by tab, searched by national code,
// national ID, mobile or tracking code, newest first, a page at a time, with each tab's count.
// The rejected tab lists both refusals: rejected by the person and expired unanswered.
import { and, count, desc, eq, inArray, ne, or, sql, type Column } from 'drizzle-orm';
import type { Db } from '../../../db/index.js';
import { iceReports } from '../../../db/schema/index.js';
import type { ReportRow, ReportState } from './row.js';

export const tabs = ['pending', 'viewable', 'rejected', 'archived'] as const;
export type Tab = (typeof tabs)[number];

/** The states each tab lists; `expired` narrows the rejected tab to the requests nobody answered. */
export const tabStates: Record<Tab | 'expired', readonly ReportState[]> = {
  pending: ['pending'],
  viewable: ['viewable'],
  rejected: ['rejected', 'expired'],
  archived: ['archived'],
  expired: ['expired'],
};

export interface ListFilter {
  state?: Tab | 'expired' | undefined;
  /** ASCII digits: part of a national code, national ID, mobile or tracking code. */
  q?: string | undefined;
  page: number;
  size: number;
}

const ofBusiness = (tenantId: string, businessId: string) =>
  and(eq(iceReports.tenantId, tenantId), eq(iceReports.businessId, businessId), ne(iceReports.state, 'deleted'));

const contains = (column: Column, q: string) => sql`instr(${column}, ${q}) > 0`;

/** Each state's count among the business's requests (deleted ones are gone). */
export function stateCounts(db: Db, tenantId: string, businessId: string): Record<Exclude<ReportState, 'deleted'>, number> {
  const counts = { pending: 0, viewable: 0, rejected: 0, expired: 0, archived: 0 };
  const rows = db.select({ state: iceReports.state, n: count() }).from(iceReports).where(ofBusiness(tenantId, businessId)).groupBy(iceReports.state).all();
  for (const { state, n } of rows) if (state !== 'deleted') counts[state] = n;
  return counts;
}

export const tabCounts = (counts: ReturnType<typeof stateCounts>): Record<Tab, number> => ({
  pending: counts.pending,
  viewable: counts.viewable,
  rejected: counts.rejected + counts.expired,
  archived: counts.archived,
});

export function listReports(db: Db, tenantId: string, businessId: string, filter: ListFilter): { rows: ReportRow[]; total: number } {
  const where = and(
    ofBusiness(tenantId, businessId),
    filter.state ? inArray(iceReports.state, [...tabStates[filter.state]]) : undefined,
    filter.q
      ? or(
          contains(iceReports.nationalCode, filter.q),
          contains(iceReports.nationalId, filter.q),
          contains(iceReports.mobile, filter.q),
          contains(iceReports.trackingCode, filter.q),
        )
      : undefined,
  );
  const total = db.select({ n: count() }).from(iceReports).where(where).get()?.n ?? 0;
  const rows = db
    .select()
    .from(iceReports)
    .where(where)
    // rowid breaks ties between requests of the same millisecond: the later insert first.
    .orderBy(desc(iceReports.requestedAtMs), desc(sql`rowid`))
    .limit(filter.size)
    .offset((filter.page - 1) * filter.size)
    .all();
  return { rows, total };
}
