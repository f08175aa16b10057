// The business's wallet: its balance in Rial and the ledger rows that explain it. Every move
// writes the balance and its row in one transaction; a row with a once-key (a refund, a charge's
// credit) can be written only once, so no retry, race or repeated return moves money twice.
import { and, eq, sql } from 'drizzle-orm';
import { prepared } from '../../core/prepared.js';
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

// Prepared once: a report request moves money on every call, and the query builder cost more than the writes.
const statements = (db: Db) => {
  const p = (name: string) => sql.placeholder(name);
  const business = and(eq(iceBusinesses.tenantId, p('tenantId')), eq(iceBusinesses.id, p('businessId')));
  return {
    doneBefore: db.select({ id: iceLedger.id }).from(iceLedger).where(eq(iceLedger.onceKey, p('onceKey'))).prepare(),
    move: db
      .update(iceBusinesses)
      .set({ balanceRial: sql`${iceBusinesses.balanceRial} + ${p('amountRial')}` })
      // A debit never takes the balance below zero.
      .where(and(business, sql`${iceBusinesses.balanceRial} + ${p('amountRial')} >= 0`))
      .returning({ balance: iceBusinesses.balanceRial })
      .prepare(),
    exists: db.select({ id: iceBusinesses.id }).from(iceBusinesses).where(business).prepare(),
    balance: db.select({ balance: iceBusinesses.balanceRial }).from(iceBusinesses).where(business).prepare(),
    record: db
      .insert(iceLedger)
      .values({
        tenantId: p('tenantId'),
        businessId: p('businessId'),
        amountRial: p('amountRial'),
        balanceAfterRial: p('balanceAfterRial'),
        description: p('description'),
        kind: p('kind'),
        trackingCode: p('trackingCode'),
        chargeId: p('chargeId'),
        onceKey: p('onceKey'),
        atMs: p('atMs'),
      })
      .returning({ id: iceLedger.id })
      .prepare(),
  };
};

/**
 * Moves money and records it, in one transaction (joining the caller's, if any, as a savepoint).
 * A debit larger than the balance moves nothing; a once-key already written moves nothing.
 */
export function moveMoney(db: Db, move: Move): MoveResult {
  const s = prepared(db, statements);
  return db.$client.transaction((): MoveResult => {
    if (move.onceKey !== undefined && s.doneBefore.get({ onceKey: move.onceKey })) return { moved: false, reason: 'done-before' };
    const which = { tenantId: move.tenantId, businessId: move.businessId };
    const updated = s.move.get({ ...which, amountRial: move.amountRial });
    if (!updated) return { moved: false, reason: s.exists.get(which) ? 'insufficient' : 'no-business' };
    const row = s.record.get({
      ...which,
      amountRial: move.amountRial,
      balanceAfterRial: updated.balance,
      description: move.description,
      kind: move.kind,
      trackingCode: move.trackingCode ?? null,
      chargeId: move.chargeId ?? null,
      onceKey: move.onceKey ?? null,
      atMs: move.atMs,
    })!;
    return { moved: true, balanceAfterRial: updated.balance, ledgerId: row.id };
  })();
}

export function walletBalance(db: Db, tenantId: string, businessId: string): number {
  return prepared(db, statements).balance.get({ tenantId, businessId })?.balance ?? 0;
}
