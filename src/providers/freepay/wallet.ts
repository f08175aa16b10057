// The merchant's two Freepay wallets in the shared ledger: a balance is the wallet's newest
// ledger row, and every movement is one row written in the transaction that caused it.
import { and, desc, eq, sql } from 'drizzle-orm';
import { prepared } from '../../core/prepared.js';
import type { Db } from '../../db/index.js';
import { ledger } from '../../db/schema/index.js';

export type FreepayWallet = 'FREEPAY' | 'FREEPAY_HELD';

// Prepared once: a verify and a payment each move money, and the query builder cost more than the query.
const statements = (db: Db) => {
  const p = (name: string) => sql.placeholder(name);
  return {
    balance: db
      .select({ balance: ledger.balanceAfterRial })
      .from(ledger)
      .where(and(eq(ledger.tenantId, p('tenantId')), eq(ledger.wallet, p('wallet'))))
      .orderBy(desc(ledger.id))
      .limit(1)
      .prepare(),
    record: db
      .insert(ledger)
      .values({ tenantId: p('tenantId'), wallet: p('wallet'), amountRial: p('amountRial'), balanceAfterRial: p('balanceAfterRial'), reason: p('reason'), endpointId: null, atMs: p('atMs') })
      .prepare(),
  };
};

export function freepayBalance(db: Db, tenantId: string, wallet: FreepayWallet): number {
  return prepared(db, statements).balance.get({ tenantId, wallet })?.balance ?? 0;
}

/** Records a movement of the merchant's Freepay money; call inside the transaction that caused it. */
export function recordFreepay(db: Db, tenantId: string, wallet: FreepayWallet, amountRial: number, reason: string, atMs: number): void {
  const balanceAfterRial = freepayBalance(db, tenantId, wallet) + amountRial;
  prepared(db, statements).record.run({ tenantId, wallet, amountRial, balanceAfterRial, reason, atMs });
}
