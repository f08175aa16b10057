// Daily limits and charges. A call is counted and charged only when it succeeds; the check
// before the work is advisory, the commit re-checks inside one immediate transaction, so
// concurrent calls can never overspend a wallet or pass a limit.
import type { Db } from '../db/index.js';
import { adjustWallet, walletBalance, type WalletType } from './ledger.js';
import { prepared } from './prepared.js';
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

const statements = ({ $client: client }: Db) => ({
  used: client.prepare<[string, string, string], { count: number }>(
    'SELECT count FROM usage WHERE tenant_id = ? AND tehran_day = ? AND endpoint_id = ?',
  ),
  count: client.prepare<[string, string, string]>(
    `INSERT INTO usage (tenant_id, tehran_day, endpoint_id, count) VALUES (?, ?, ?, 1)
     ON CONFLICT (tenant_id, tehran_day, endpoint_id) DO UPDATE SET count = count + 1`,
  ),
  day: client.prepare<[string, string], { endpointId: string; count: number }>(
    'SELECT endpoint_id AS endpointId, count FROM usage WHERE tenant_id = ? AND tehran_day = ?',
  ),
});

export function usedToday(db: Db, call: Pick<MeteredCall, 'tenantId' | 'endpointId' | 'tehranDay'>): number {
  return prepared(db, statements).used.get(call.tenantId, call.tehranDay, call.endpointId)?.count ?? 0;
}

/** Would this call be refused right now? Reads only. */
export function checkCall(db: Db, call: MeteredCall): Refusal | undefined {
  if (usedToday(db, call) >= call.dailyLimit) return 'limit';
  if (call.billing === 'prepaid' && walletBalance(db, call.tenantId, 'PRF') < call.priceRial) return 'balance';
  return undefined;
}

const commits = ({ $client: client }: Db) => ({
  commit: client.transaction((db: Db, call: MeteredCall, atMs: number): Refusal | undefined => {
    const refusal = checkCall(db, call);
    if (refusal) return refusal;
    if (call.priceRial > 0) adjustWallet(db, call.tenantId, walletFor(call.billing), -call.priceRial, 'charge', atMs, call.endpointId);
    prepared(db, statements).count.run(call.tenantId, call.tehranDay, call.endpointId);
    return undefined;
  }),
});

/** Counts and charges a successful call atomically, or refuses it without changing anything. */
export function commitCall(db: Db, call: MeteredCall, atMs: number): Refusal | undefined {
  return prepared(db, commits).commit.immediate(db, call, atMs);
}

export function usageOnDay(db: Db, tenantId: string, tehranDay: string): { endpointId: string; count: number }[] {
  return prepared(db, statements).day.all(tenantId, tehranDay);
}
