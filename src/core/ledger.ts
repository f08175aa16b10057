// Wallets and their ledger. Money moves only here, each move with its ledger entry, inside
// the caller's transaction (better-sqlite3 transactions are synchronous: no await inside).
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { ledger, wallets } from '../db/schema/index.js';

export type WalletType = 'PRF' | 'POF';
type Tx = Pick<Db, 'select' | 'update' | 'insert'>;

export function walletBalance(tx: Tx, tenantId: string, type: WalletType): number {
  const row = tx
    .select({ amount: wallets.amountRial })
    .from(wallets)
    .where(and(eq(wallets.tenantId, tenantId), eq(wallets.type, type)))
    .get();
  return row?.amount ?? 0;
}

/** Adds `amountRial` (negative to debit) and records the move; returns the new balance. */
export function adjustWallet(
  tx: Tx,
  tenantId: string,
  type: WalletType,
  amountRial: number,
  reason: string,
  atMs: number,
  endpointId?: string,
): number {
  const row = tx
    .update(wallets)
    .set({ amountRial: sql`${wallets.amountRial} + ${amountRial}` })
    .where(and(eq(wallets.tenantId, tenantId), eq(wallets.type, type)))
    .returning({ amount: wallets.amountRial })
    .get();
  if (!row) throw new Error(`wallet ${type} of tenant ${tenantId} is missing`);
  tx.insert(ledger)
    .values({ tenantId, wallet: type, amountRial, balanceAfterRial: row.amount, reason, endpointId, atMs })
    .run();
  return row.amount;
}

/** Sets a wallet to an absolute amount through one adjustment entry. */
export function setWallet(tx: Tx, tenantId: string, type: WalletType, amountRial: number, reason: string, atMs: number): void {
  const delta = amountRial - walletBalance(tx, tenantId, type);
  if (delta !== 0) adjustWallet(tx, tenantId, type, delta, reason, atMs);
}

export function balances(tx: Tx, tenantId: string): Record<WalletType, number> {
  return { PRF: walletBalance(tx, tenantId, 'PRF'), POF: walletBalance(tx, tenantId, 'POF') };
}

export function ledgerEntries(db: Db, tenantId: string, limit = 100) {
  return db.select().from(ledger).where(eq(ledger.tenantId, tenantId)).orderBy(desc(ledger.id)).limit(limit).all();
}
