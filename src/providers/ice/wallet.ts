// The business's wallet: its balance in Rial and the ledger rows that explain it. Every move
// writes the balance and its row in one transaction; a row with a once-key (a refund, a charge's
// credit) can be written only once, so no retry, race or repeated return moves money twice.
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { iceBusinesses, iceLedger } from '../../db/schema/index.js';

export type LedgerKind = (typeof iceLedger.$inferInsert)['kind'];

export interface Move {
  tenantId: string;
  businessId: string;
  /** Positive: credit; negative: debit. */
  amountRial: number;
  /** Persian, as the panel's ledger shows it. */
  description: string;
  kind: LedgerKind;
  trackingCode?: string | undefined;
  chargeId?: string | undefined;
  /** Set for a move that must happen at most once, e.g. `refund:<tracking code>`. */
  onceKey?: string | undefined;
  atMs: number;
}

export type MoveResult = { moved: true; balanceAfterRial: number; ledgerId: number } | { moved: false; reason: 'insufficient' | 'done-before' | 'no-business' };

/**
 * Moves money and records it, in one transaction (joining the caller's, if any). A debit
 * larger than the balance moves nothing; a once-key already written moves nothing.
 */
export function moveMoney(db: Db, move: Move): MoveResult {
  return db.transaction((tx) => {
    if (move.onceKey !== undefined && tx.select({ id: iceLedger.id }).from(iceLedger).where(eq(iceLedger.onceKey, move.onceKey)).get()) {
      return { moved: false, reason: 'done-before' } as const;
    }
    const updated = tx
      .update(iceBusinesses)
      .set({ balanceRial: sql`${iceBusinesses.balanceRial} + ${move.amountRial}` })
      .where(
        and(
          eq(iceBusinesses.tenantId, move.tenantId),
          eq(iceBusinesses.id, move.businessId),
          // A debit never takes the balance below zero.
          sql`${iceBusinesses.balanceRial} + ${move.amountRial} >= 0`,
        ),
      )
      .returning({ balance: iceBusinesses.balanceRial })
      .get();
    if (!updated) {
      const exists = tx.select({ id: iceBusinesses.id }).from(iceBusinesses).where(and(eq(iceBusinesses.tenantId, move.tenantId), eq(iceBusinesses.id, move.businessId))).get();
      return { moved: false, reason: exists ? 'insufficient' : 'no-business' } as const;
    }
    const row = tx
      .insert(iceLedger)
      .values({
        tenantId: move.tenantId,
        businessId: move.businessId,
        amountRial: move.amountRial,
        balanceAfterRial: updated.balance,
        description: move.description,
        kind: move.kind,
        trackingCode: move.trackingCode ?? null,
        chargeId: move.chargeId ?? null,
        onceKey: move.onceKey ?? null,
        atMs: move.atMs,
      })
      .returning({ id: iceLedger.id })
      .get();
    return { moved: true, balanceAfterRial: updated.balance, ledgerId: row.id } as const;
  });
}

export function walletBalance(db: Db, tenantId: string, businessId: string): number {
  return db.select({ balance: iceBusinesses.balanceRial }).from(iceBusinesses).where(and(eq(iceBusinesses.tenantId, tenantId), eq(iceBusinesses.id, businessId))).get()?.balance ?? 0;
}
