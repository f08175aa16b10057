// Wallets and their ledger. Money moves only here, each move with its ledger entry; callers
// that move money together with other writes do it inside one transaction (better-sqlite3
// transactions are synchronous: no await inside).
import type { Db } from '../db/index.js';
import { prepared } from './prepared.js';

export type WalletType = 'PRF' | 'POF';

const statements = ({ $client: client }: Db) => ({
  balance: client.prepare<[string, string], { amount: number }>('SELECT amount_rial AS amount FROM wallets WHERE tenant_id = ? AND type = ?'),
  add: client.prepare<[number, string, string], { amount: number }>(
    'UPDATE wallets SET amount_rial = amount_rial + ? WHERE tenant_id = ? AND type = ? RETURNING amount_rial AS amount',
  ),
  create: client.prepare<[string, string]>('INSERT INTO wallets (tenant_id, type, amount_rial) VALUES (?, ?, 0)'),
  record: client.prepare<[string, string, number, number, string, string | null, number]>(
    'INSERT INTO ledger (tenant_id, wallet, amount_rial, balance_after_rial, reason, endpoint_id, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  entries: client.prepare<[string, number], LedgerEntry>(
    `SELECT id, wallet, amount_rial AS amountRial, balance_after_rial AS balanceAfterRial, reason, endpoint_id AS endpointId, at_ms AS atMs
     FROM ledger WHERE tenant_id = ? ORDER BY id DESC LIMIT ?`,
  ),
});

export interface LedgerEntry {
  id: number;
  wallet: WalletType;
  amountRial: number;
  balanceAfterRial: number;
  reason: string;
  endpointId: string | null;
  atMs: number;
}

export function walletBalance(db: Db, tenantId: string, type: WalletType): number {
  return prepared(db, statements).balance.get(tenantId, type)?.amount ?? 0;
}

export function openWallets(db: Db, tenantId: string): void {
  const s = prepared(db, statements);
  for (const type of ['PRF', 'POF'] as const) s.create.run(tenantId, type);
}

/** Adds `amountRial` (negative to debit) and records the move; returns the new balance. */
export function adjustWallet(
  db: Db,
  tenantId: string,
  type: WalletType,
  amountRial: number,
  reason: string,
  atMs: number,
  endpointId?: string,
): number {
  const s = prepared(db, statements);
  const row = s.add.get(amountRial, tenantId, type);
  if (!row) throw new Error(`wallet ${type} of tenant ${tenantId} is missing`);
  s.record.run(tenantId, type, amountRial, row.amount, reason, endpointId ?? null, atMs);
  return row.amount;
}

/** Sets a wallet to an absolute amount through one adjustment entry. */
export function setWallet(db: Db, tenantId: string, type: WalletType, amountRial: number, reason: string, atMs: number): void {
  const delta = amountRial - walletBalance(db, tenantId, type);
  if (delta !== 0) adjustWallet(db, tenantId, type, delta, reason, atMs);
}

export function balances(db: Db, tenantId: string): Record<WalletType, number> {
  return { PRF: walletBalance(db, tenantId, 'PRF'), POF: walletBalance(db, tenantId, 'POF') };
}

export function ledgerEntries(db: Db, tenantId: string, limit = 100): LedgerEntry[] {
  return prepared(db, statements).entries.all(tenantId, limit);
}
