// Daily settlement, run by the tenant clock: at 10:00 Tehran on each business day (not a Friday,
// not an official holiday of holidays.json), the verified payments not yet settled are summed
// into one settlement paid to the merchant's account. Each payment is settled once: the
// settlement and the marks on its payments are written in one transaction.
import { and, asc, eq, isNull, lt, min, sql, type Placeholder } from 'drizzle-orm';
import { prepared } from '../../core/prepared.js';
import type { Db } from '../../db/index.js';
import { nextJalaliDay, tehranInstant, tehranJalaliDay } from '../../core/calendar.js';
import type { AppDeps } from '../../core/http.js';
import { newId } from '../../core/ids.js';
import { getTenant } from '../../core/tenants.js';
import { freepayPayments, freepaySettlements } from '../../db/schema/index.js';
import { settlementHour } from './catalog.js';
import { freepayMerchant } from './merchant.js';
import { recordFreepay } from './wallet.js';
import { isBusinessDay } from './business-days.js';
import { emitSettlement } from './webhooks.js';


const unsettled = (tenantId: string | Placeholder) =>
  and(eq(freepayPayments.tenantId, tenantId), eq(freepayPayments.status, 'verified'), isNull(freepayPayments.settlementId));

/** Prepared once: every merchant call asks it. */
const earliestUnsettled = (db: Db) =>
  db.select({ at: min(freepayPayments.verifiedAtMs) }).from(freepayPayments).where(unsettled(sql.placeholder('tenantId'))).prepare();

/** Runs every settlement due by `nowMs` that has not run. */
export function settleDue(deps: AppDeps, tenantId: string, nowMs: number): void {
  for (;;) {
    const earliest = prepared(deps.db, earliestUnsettled).get({ tenantId })?.at;
    if (earliest === null || earliest === undefined) return;
    // The first business day's settlement time after the earliest unsettled payment.
    let day = tehranJalaliDay(earliest);
    let at = tehranInstant(day, settlementHour);
    while (!isBusinessDay(day) || at <= earliest) {
      day = nextJalaliDay(day);
      at = tehranInstant(day, settlementHour);
    }
    if (at > nowMs) return;
    settle(deps, tenantId, day, at);
  }
}

function settle(deps: AppDeps, tenantId: string, day: string, atMs: number): void {
  const tenant = getTenant(deps.db, tenantId);
  if (!tenant) return;
  const iban = freepayMerchant(tenant).settlementIban;
  deps.db.transaction((tx) => {
    const due = tx
      .select()
      .from(freepayPayments)
      .where(and(unsettled(tenantId), lt(freepayPayments.verifiedAtMs, atMs)))
      .orderBy(asc(freepayPayments.verifiedAtMs))
      .all();
    if (due.length === 0) return;
    const id = newId('settlement');
    const amountRial = due.reduce((sum, p) => sum + p.amountRial, 0);
    const settlement = tx.insert(freepaySettlements).values({ id, tenantId, tehranDay: day, atMs, amountRial, payments: due.length, iban }).returning().get();
    for (const p of due) tx.update(freepayPayments).set({ settlementId: id }).where(eq(freepayPayments.authority, p.authority)).run();
    recordFreepay(deps.db, tenantId, 'FREEPAY', -amountRial, `settlement ${id} of ${due.length} payments to ${iban}`, atMs);
    emitSettlement(deps, tenant, settlement);
  });
}
