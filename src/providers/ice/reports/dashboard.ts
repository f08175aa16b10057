// The panel's dashboard (spec/ice.md §6): the requests by state, the balance, and its two charts.
// "Reports in the last 7 hours by state": the requests made in each of the 7 hours before now
// (rolling hours, oldest first), counted by their state now in three series: pending, viewable
// (approved: viewable or since archived) and rejected (by the person or expired). "Reports viewed
// during the week": the approvals on each of the last 7 Tehran days, today last.
import { and, count, eq, gt, lte, ne, sql } from 'drizzle-orm';
import { tehranJalaliDay } from '../../../core/calendar.js';
import { toGregorian, toJalaali } from 'jalaali-js';
import type { Db } from '../../../db/index.js';
import { iceReports } from '../../../db/schema/index.js';
import type { BusinessRow } from '../business.js';
import { jalaliParts, shownTime } from '../time.js';
import { stateCounts, tabCounts } from './query.js';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;
const halfHourMs = hourMs / 2;
/** The longest consent lifetime the settings allow (30 days). */
const maxConsentMs = 30 * dayMs;
// Sunday first, as Date.getUTCDay counts.
const weekdays = ['یکشنبه', 'دوشنبه', 'سه‌شنبه', 'چهارشنبه', 'پنجشنبه', 'جمعه', 'شنبه'];
const series = { pending: 'pending', viewable: 'viewable', archived: 'viewable', rejected: 'rejected', expired: 'rejected' } as const;

const pad = (n: number) => String(n).padStart(2, '0');

/** The 7 Jalali days ending today in Tehran, by calendar arithmetic (no 24-hour steps across a clock change). */
function lastSevenDays(nowMs: number): { date: string; weekday: string }[] {
  const [jy, jm, jd] = jalaliParts(nowMs).date.split('/').map(Number) as [number, number, number];
  const g = toGregorian(jy, jm, jd);
  return Array.from({ length: 7 }, (_, i) => {
    const day = new Date(Date.UTC(g.gy, g.gm - 1, g.gd - (6 - i)));
    const j = toJalaali(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate());
    return { date: `${j.jy}/${pad(j.jm)}/${pad(j.jd)}`, weekday: weekdays[day.getUTCDay()]! };
  });
}

export function dashboardOf(db: Db, business: BusinessRow, priceRial: number, nowMs: number) {
  const mine = and(eq(iceReports.tenantId, business.tenantId), eq(iceReports.businessId, business.id), ne(iceReports.state, 'deleted'));
  const counts = stateCounts(db, business.tenantId, business.id);

  const startMs = nowMs - 7 * hourMs;
  const lastHours = Array.from({ length: 7 }, (_, i) => ({
    from: shownTime(startMs + i * hourMs),
    to: shownTime(startMs + (i + 1) * hourMs),
    pending: 0,
    viewable: 0,
    rejected: 0,
  }));
  // Counted in SQL by hour and state (grouped by the select's 1st and 2nd columns): a business's
  // history can be long. Bound numbers may arrive as REAL, hence the casts.
  const recent = db
    .select({ state: iceReports.state, bucket: sql<number>`CAST((${iceReports.requestedAtMs} - ${startMs}) / ${hourMs} AS INTEGER)`, n: count() })
    .from(iceReports)
    .where(and(mine, gt(iceReports.requestedAtMs, startMs), lte(iceReports.requestedAtMs, nowMs)))
    .groupBy(sql`1`, sql`2`)
    .all();
  for (const { state, bucket, n } of recent) {
    const hour = lastHours[Math.min(6, bucket)];
    if (hour && state !== 'deleted') hour[series[state]] += n;
  }

  // Approvals by half hour (Tehran's midnight falls on a UTC half hour, so each lies in one day);
  // an approval comes within the consent lifetime of its request, which bounds the requests read.
  const days = lastSevenDays(nowMs).map((d) => ({ ...d, viewed: 0 }));
  const byDay = new Map(days.map((d) => [d.date.replaceAll('/', ''), d]));
  const approvals = db
    .select({ halfHour: sql<number>`CAST(${iceReports.approvedAtMs} / ${halfHourMs} AS INTEGER)`, n: count() })
    .from(iceReports)
    .where(
      and(
        mine,
        gt(iceReports.requestedAtMs, nowMs - 8 * dayMs - maxConsentMs),
        gt(iceReports.approvedAtMs, nowMs - 8 * dayMs),
        lte(iceReports.approvedAtMs, nowMs),
      ),
    )
    .groupBy(sql`1`)
    .all();
  for (const { halfHour, n } of approvals) {
    const day = byDay.get(tehranJalaliDay(halfHour * halfHourMs));
    if (day) day.viewed += n;
  }

  return {
    counts,
    tabs: tabCounts(counts),
    balanceRial: business.balanceRial,
    lowBalance: business.balanceRial < priceRial,
    reportPriceRial: priceRial,
    lastHours,
    viewedThisWeek: days,
    lastUpdate: shownTime(nowMs),
  };
}
