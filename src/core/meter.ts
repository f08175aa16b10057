// Daily limits and charges. While the sandbox runs, a tenant's wallets and usage counters
// live here, in memory: a check and its charge happen in one synchronous step, so
// concurrent calls can never overspend a wallet or pass a limit. Every change is also
// written to SQLite a few milliseconds later, in batches (write-behind.ts): what a tenant owes
// the database (ledger rows, wallet moves, usage counts) is one entry of the batch, forgotten
// only once its batch commits. A tenant's money the database will not take is taken back in
// memory too, so the balances answered always match the ledger.
import type { Db } from '../db/index.js';
import { ledgerStatements, storedBalance, walletTypes, type LedgerEntry, type WalletType } from './ledger.js';
import { prepared } from './prepared.js';
import type { Billing } from './tenants.js';
import { WriteBehind } from './write-behind.js';

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

interface Counter {
  tenantId: string;
  tehranDay: string;
  endpointId: string;
  count: number;
  /** Counted here, not yet in the database. */
  unwritten: number;
}

interface TenantMoney {
  tenantId: string;
  wallets: Record<WalletType, number>;
  /** Wallet moves not yet in the database. */
  unwritten: Record<WalletType, number>;
  /** Successful calls by Tehran day, then endpoint. */
  usage: Map<string, Map<string, Counter>>;
}

const usageStatements = ({ $client: client }: Db) => ({
  used: client.prepare<[string, string, string], { count: number }>(
    'SELECT count FROM usage WHERE tenant_id = ? AND tehran_day = ? AND endpoint_id = ?',
  ),
  count: client.prepare<[string, string, string, number, number]>(
    `INSERT INTO usage (tenant_id, tehran_day, endpoint_id, count) VALUES (?, ?, ?, ?)
     ON CONFLICT (tenant_id, tehran_day, endpoint_id) DO UPDATE SET count = count + ?`,
  ),
  day: client.prepare<[string, string], { endpointId: string; count: number }>(
    'SELECT endpoint_id AS endpointId, count FROM usage WHERE tenant_id = ? AND tehran_day = ?',
  ),
});

const walletFor = (billing: Billing): WalletType => (billing === 'prepaid' ? 'PRF' : 'POF');

type LedgerRow = Omit<LedgerEntry, 'id'> & { tenantId: string };

/** What one tenant owes the database: one entry of the write-behind batch. */
interface Owed {
  money: TenantMoney;
  ledger: LedgerRow[];
  counters: Set<Counter>;
}

export class Meter {
  readonly #db: Db;
  readonly #writes: WriteBehind;
  readonly #tenants = new Map<string, TenantMoney>();
  /** Owed to the database, per tenant. */
  readonly #owed = new Map<TenantMoney, Owed>();

  constructor(db: Db, writes: WriteBehind) {
    this.#db = db;
    this.#writes = writes;
    writes.register<Owed>('meter', {
      pending: () => [...this.#owed.values()],
      write: (owed) => this.#write(owed),
      written: (owed) => {
        for (const o of owed) {
          o.money.unwritten = { PRF: 0, POF: 0 };
          for (const c of o.counters) c.unwritten = 0;
          this.#owed.delete(o.money);
        }
      },
      drop: (o) => {
        this.#owed.delete(o.money);
        // Read again from the database: the calls it could not record are not charged or counted.
        if (this.#tenants.get(o.money.tenantId) === o.money) this.#tenants.delete(o.money.tenantId);
        const moves = walletTypes.filter((type) => o.money.unwritten[type] !== 0).map((type) => `${type} ${o.money.unwritten[type]}`);
        const calls = [...o.counters].reduce((n, c) => n + c.unwritten, 0);
        const entries = `${o.ledger.length} ledger ${o.ledger.length === 1 ? 'entry' : 'entries'}`;
        return `money of tenant ${o.money.tenantId}: ${[entries, ...moves, `${calls} counted ${calls === 1 ? 'call' : 'calls'}`].join(', ')}`;
      },
    });
  }

  #owing(money: TenantMoney): Owed {
    let owed = this.#owed.get(money);
    if (!owed) this.#owed.set(money, (owed = { money, ledger: [], counters: new Set() }));
    return owed;
  }

  #money(tenantId: string): TenantMoney {
    let money = this.#tenants.get(tenantId);
    if (!money) {
      const wallets = { PRF: 0, POF: 0 };
      for (const type of walletTypes) wallets[type] = storedBalance(this.#db, tenantId, type);
      money = { tenantId, wallets, unwritten: { PRF: 0, POF: 0 }, usage: new Map() };
      this.#tenants.set(tenantId, money);
    }
    return money;
  }

  #counter(tenantId: string, tehranDay: string, endpointId: string): Counter {
    const money = this.#money(tenantId);
    let day = money.usage.get(tehranDay);
    if (!day) money.usage.set(tehranDay, (day = new Map()));
    let counter = day.get(endpointId);
    if (!counter) {
      const count = prepared(this.#db, usageStatements).used.get(tenantId, tehranDay, endpointId)?.count ?? 0;
      day.set(endpointId, (counter = { tenantId, tehranDay, endpointId, count, unwritten: 0 }));
    }
    return counter;
  }

  used(tenantId: string, tehranDay: string, endpointId: string): number {
    return this.#counter(tenantId, tehranDay, endpointId).count;
  }

  balances(tenantId: string): Record<WalletType, number> {
    return { ...this.#money(tenantId).wallets };
  }

  /** Would this call be refused right now? */
  check(call: MeteredCall): Refusal | undefined {
    if (this.used(call.tenantId, call.tehranDay, call.endpointId) >= call.dailyLimit) return 'limit';
    if (call.billing === 'prepaid' && this.#money(call.tenantId).wallets.PRF < call.priceRial) return 'balance';
    return undefined;
  }

  /** Counts and charges a successful call, or refuses it without changing anything. */
  commit(call: MeteredCall, atMs: number): Refusal | undefined {
    const refusal = this.check(call);
    if (refusal) return refusal;
    if (call.priceRial > 0) this.adjust(call.tenantId, walletFor(call.billing), -call.priceRial, 'charge', atMs, call.endpointId);
    const counter = this.#counter(call.tenantId, call.tehranDay, call.endpointId);
    counter.count += 1;
    counter.unwritten += 1;
    this.#owing(this.#money(call.tenantId)).counters.add(counter);
    this.#writes.changed();
    return undefined;
  }

  /** Adds `amountRial` (negative to debit) with its ledger entry; returns the new balance. */
  adjust(tenantId: string, wallet: WalletType, amountRial: number, reason: string, atMs: number, endpointId?: string): number {
    const money = this.#money(tenantId);
    const balanceAfterRial = (money.wallets[wallet] += amountRial);
    money.unwritten[wallet] += amountRial;
    this.#owing(money).ledger.push({ tenantId, wallet, amountRial, balanceAfterRial, reason, endpointId: endpointId ?? null, atMs });
    this.#writes.changed();
    return balanceAfterRial;
  }

  /** Sets a wallet to an absolute amount through one adjustment. */
  set(tenantId: string, wallet: WalletType, amountRial: number, reason: string, atMs: number): void {
    const delta = amountRial - this.#money(tenantId).wallets[wallet];
    if (delta !== 0) this.adjust(tenantId, wallet, delta, reason, atMs);
  }

  /** Successful calls per endpoint on a Tehran day, from the database brought up to date. */
  usageOnDay(tenantId: string, tehranDay: string): { endpointId: string; count: number }[] {
    this.#writes.flush();
    return prepared(this.#db, usageStatements).day.all(tenantId, tehranDay);
  }

  /**
   * Drops what is kept of a tenant, after writing it out (the tenant is deleted or reset). While
   * the database refuses writes its money stays: read back without what it owes, it would be wrong.
   */
  forget(tenantId: string): void {
    this.#writes.flush();
    const money = this.#tenants.get(tenantId);
    if (money && !this.#owed.has(money)) this.#tenants.delete(tenantId);
  }

  /** Runs inside the write-behind transaction; forgets nothing, as it may roll back. */
  #write(owed: readonly Owed[]): void {
    const ledger = prepared(this.#db, ledgerStatements);
    const usage = prepared(this.#db, usageStatements);
    for (const { money, ledger: rows, counters } of owed) {
      for (const r of rows) ledger.record.run(r.tenantId, r.wallet, r.amountRial, r.balanceAfterRial, r.reason, r.endpointId, r.atMs);
      for (const type of walletTypes) if (money.unwritten[type] !== 0) ledger.add.run(money.unwritten[type], money.tenantId, type);
      for (const c of counters) usage.count.run(c.tenantId, c.tehranDay, c.endpointId, c.unwritten, c.unwritten);
    }
  }
}
