// The merchant's two Freepay wallets in the shared ledger: a balance is the wallet's newest
// ledger row, and every movement is one row written in the transaction that caused it.
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { ledger } from '../../db/schema/index.js';

export type FreepayWallet = 'FREEPAY' | 'FREEPAY_HELD';

export function freepayBalance(db: Db, tenantId: string, wallet: FreepayWallet): number {
  const last = db
    .select({ balance: ledger.balanceAfterRial })
    .from(ledger)
    .where(and(eq(ledger.tenantId, tenantId), eq(ledger.wallet, wallet)))
    .orderBy(desc(ledger.id))
    .limit(1)
    .get();
  return last?.balance ?? 0;
}

/** Records a movement of the merchant's Freepay money; call inside the transaction that caused it. */
export function recordFreepay(db: Db, tenantId: string, wallet: FreepayWallet, amountRial: number, reason: string, atMs: number): void {
  const balanceAfterRial = freepayBalance(db, tenantId, wallet) + amountRial;
  db.insert(ledger).values({ tenantId, wallet, amountRial, balanceAfterRial, reason, endpointId: null, atMs }).run();
}
