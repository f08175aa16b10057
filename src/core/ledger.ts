// Wallet and ledger rows in the database. The Meter (meter.ts) owns a tenant's money while
// the sandbox runs and writes through these; tenant creation writes opening balances directly.
import type { Statement } from 'better-sqlite3';
import type { Db } from '../db/index.js';
import { prepared } from './prepared.js';

export type WalletType = 'PRF' | 'POF';
export const walletTypes: readonly WalletType[] = ['PRF', 'POF'];

export interface LedgerEntry {
  id: number;
  wallet: WalletType;
  amountRial: number;
  balanceAfterRial: number;
  reason: string;
  endpointId: string | null;
  atMs: number;
}

// Written out so that declaration files can name the statements' type.
interface LedgerStatements {
  balance: Statement<[string, string], { amount: number }>;
  open: Statement<[string, string, number]>;
  add: Statement<[number, string, string]>;
  record: Statement<[string, string, number, number, string, string | null, number]>;
  entries: Statement<[string, number], LedgerEntry>;
}

export const ledgerStatements = ({ $client: client }: Db): LedgerStatements => ({
  balance: client.prepare<[string, string], { amount: number }>('SELECT amount_rial AS amount FROM wallets WHERE tenant_id = ? AND type = ?'),
  open: client.prepare<[string, string, number]>('INSERT INTO wallets (tenant_id, type, amount_rial) VALUES (?, ?, ?)'),
  add: client.prepare<[number, string, string]>('UPDATE wallets SET amount_rial = amount_rial + ? WHERE tenant_id = ? AND type = ?'),
  record: client.prepare<[string, string, number, number, string, string | null, number]>(
    'INSERT INTO ledger (tenant_id, wallet, amount_rial, balance_after_rial, reason, endpoint_id, at_ms) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ),
  entries: client.prepare<[string, number], LedgerEntry>(
    `SELECT id, wallet, amount_rial AS amountRial, balance_after_rial AS balanceAfterRial, reason, endpoint_id AS endpointId, at_ms AS atMs
     FROM ledger WHERE tenant_id = ? ORDER BY id DESC LIMIT ?`,
  ),
});

/** Creates both wallets with their opening amounts, each recorded in the ledger. */
export function openWallets(db: Db, tenantId: string, amounts: Record<WalletType, number>, atMs: number): void {
  const s = prepared(db, ledgerStatements);
  for (const type of walletTypes) {
    s.open.run(tenantId, type, amounts[type]);
    if (amounts[type] !== 0) s.record.run(tenantId, type, amounts[type], amounts[type], 'opening balance', null, atMs);
  }
}

export function storedBalance(db: Db, tenantId: string, type: WalletType): number {
  return prepared(db, ledgerStatements).balance.get(tenantId, type)?.amount ?? 0;
}

export function ledgerEntries(db: Db, tenantId: string, limit = 100): LedgerEntry[] {
  return prepared(db, ledgerStatements).entries.all(tenantId, limit);
}
