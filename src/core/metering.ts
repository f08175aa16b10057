// Daily limits and charges. A call is counted and charged only when it succeeds; the check
// before the work is advisory, the commit re-checks inside one transaction, so concurrent
// calls can never overspend a wallet or pass a limit.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { usage } from '../db/schema/index.js';
import { adjustWallet, walletBalance, type WalletType } from './ledger.js';
import type { Billing } from './tenants.js';

export interface MeteredCall {
  tenantId: string;
  endpointId: string;
  /** Jalali yyyyMMdd in Asia/Tehran, from the tenant clock. */
  tehranDay: string;
  dailyLimit: number;
  priceRial: number;
  billing: Billing;
}

export type Refusal = 'limit' | 'balance';

const walletFor = (billing: Billing): WalletType => (billing === 'prepaid' ? 'PRF' : 'POF');

export function usedToday(db: Pick<Db, 'select'>, call: Pick<MeteredCall, 'tenantId' | 'endpointId' | 'tehranDay'>): number {
  const row = db
    .select({ count: usage.count })
    .from(usage)
    .where(and(eq(usage.tenantId, call.tenantId), eq(usage.tehranDay, call.tehranDay), eq(usage.endpointId, call.endpointId)))
    .get();
  return row?.count ?? 0;
}

/** Would this call be refused right now? Reads only. */
export function checkCall(db: Db, call: MeteredCall): Refusal | undefined {
  if (usedToday(db, call) >= call.dailyLimit) return 'limit';
  if (call.billing === 'prepaid' && walletBalance(db, call.tenantId, 'PRF') < call.priceRial) return 'balance';
  return undefined;
}

/** Counts and charges a successful call atomically, or refuses it without changing anything. */
export function commitCall(db: Db, call: MeteredCall, atMs: number): Refusal | undefined {
  return db.transaction((tx) => {
    if (usedToday(tx, call) >= call.dailyLimit) return 'limit';
    const wallet = walletFor(call.billing);
    if (call.billing === 'prepaid' && walletBalance(tx, call.tenantId, wallet) < call.priceRial) return 'balance';
    if (call.priceRial > 0) adjustWallet(tx, call.tenantId, wallet, -call.priceRial, 'charge', atMs, call.endpointId);
    tx.insert(usage)
      .values({ tenantId: call.tenantId, tehranDay: call.tehranDay, endpointId: call.endpointId, count: 1 })
      .onConflictDoUpdate({ target: [usage.tenantId, usage.tehranDay, usage.endpointId], set: { count: sql`${usage.count} + 1` } })
      .run();
    return undefined;
  }, { behavior: 'immediate' });
}

export function usageOnDay(db: Db, tenantId: string, tehranDay: string): { endpointId: string; count: number }[] {
  return db
    .select({ endpointId: usage.endpointId, count: usage.count })
    .from(usage)
    .where(and(eq(usage.tenantId, tenantId), eq(usage.tehranDay, tehranDay)))
    .all();
}
