// Tenants: isolated workspaces with their own credentials, allowlist, limits, prices,
// wallets and clock. Tests running in parallel each create one and never see each other.
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { journal, ledger, outbox, tenants, usage, wallets, webhookAttempts, webhookEndpoints, webhookEvents } from '../db/schema/index.js';
import { tenantClock, type Clock, type ClockState } from './clock.js';
import { openWallets, type WalletType } from './ledger.js';
import { prepared } from './prepared.js';
import type { Provider } from './provider.js';

export type TenantRow = typeof tenants.$inferSelect;
export type Billing = 'prepaid' | 'postpaid';

export interface TenantConfig {
  name: string;
  jibit: {
    apiKey: string;
    secretKey: string;
    allowedIps: string[];
    dailyLimits: Record<string, number>;
    prices: Record<string, number>;
    balances: Record<WalletType, number>;
    billing: Billing;
    /** The Jibit module's other settings, over its defaults (absent in tenants made before them). */
    options?: Record<string, unknown>;
  };
  freepay: {
    apiKey: string;
    /** Settings over the defaults (the Freepay merchant module). */
    settings: Record<string, unknown>;
  };
  /** Each other provider's part, under its id, as its tenancy.config made it. */
  readonly [providerId: string]: unknown;
}

/** Creates the tenant with its wallets, and each provider's own rows (tenancy.open), in one transaction. */
export function createTenant(db: Db, providers: readonly Provider[], id: string, config: TenantConfig, nowMs: number): TenantRow {
  return db.transaction((tx) => {
    const row = tx
      .insert(tenants)
      .values({
        id,
        name: config.name,
        createdAtMs: nowMs,
        jibitApiKey: config.jibit.apiKey,
        jibitSecretKey: config.jibit.secretKey,
        allowedIps: JSON.stringify(config.jibit.allowedIps),
        dailyLimits: JSON.stringify(config.jibit.dailyLimits),
        prices: JSON.stringify(config.jibit.prices),
        billing: config.jibit.billing,
        jibitOptions: JSON.stringify(config.jibit.options ?? {}),
        freepayApiKey: config.freepay.apiKey,
        freepay: JSON.stringify(config.freepay.settings),
        initialConfig: JSON.stringify(config),
      })
      .returning()
      .get();
    // Prepared statements on the same connection take part in the same transaction.
    openWallets(db, id, config.jibit.balances, nowMs);
    for (const provider of providers) provider.tenancy.open?.(db, id, config, nowMs);
    return row;
  });
}

const byId = (db: Db) => db.select().from(tenants).where(eq(tenants.id, sql.placeholder('id'))).prepare();
/** Rows read on every authenticated call; every write below goes through this module and drops its row. */
const rowCache = (_db: Db) => new Map<string, TenantRow>();

export function getTenant(db: Db, id: string): TenantRow | undefined {
  const cache = prepared(db, rowCache);
  let row = cache.get(id);
  if (!row) {
    row = prepared(db, byId).get({ id });
    if (row) cache.set(id, Object.freeze(row));
  }
  return row;
}

const dropRow = (db: Db, id: string) => prepared(db, rowCache).delete(id);

/** The API key lookups, prepared once: a query built per call cost more than the rest of a Freepay call's routing. */
const byKey = (db: Db) => ({
  freepay: db.select({ id: tenants.id }).from(tenants).where(eq(tenants.freepayApiKey, sql.placeholder('apiKey'))).prepare(),
  jibit: db.select().from(tenants).where(eq(tenants.jibitApiKey, sql.placeholder('apiKey'))).prepare(),
});

export function tenantByFreepayApiKey(db: Db, apiKey: string): TenantRow | undefined {
  const row = prepared(db, byKey).freepay.get({ apiKey });
  return row && getTenant(db, row.id);
}

/** Tenants from before Freepay get a merchant API key of their own. */
export function giveFreepayKeys(db: Db, newKey: (tenantId: string) => string): void {
  const missing = db.select({ id: tenants.id }).from(tenants).where(sql`${tenants.freepayApiKey} IS NULL`).all();
  for (const { id } of missing) {
    dropRow(db, id);
    db.update(tenants).set({ freepayApiKey: newKey(id) }).where(eq(tenants.id, id)).run();
  }
}

export function tenantByJibitApiKey(db: Db, apiKey: string): TenantRow | undefined {
  return prepared(db, byKey).jibit.get({ apiKey });
}

export function clockStateOf(row: TenantRow): ClockState {
  return { offsetMs: row.clockOffsetMs, frozenAtMs: row.clockFrozenAtMs };
}

export function clockOf(row: TenantRow, wall: Clock): Clock {
  return tenantClock(clockStateOf(row), wall);
}

export function saveClock(db: Db, id: string, state: ClockState): void {
  dropRow(db, id);
  db.update(tenants).set({ clockOffsetMs: state.offsetMs, clockFrozenAtMs: state.frozenAtMs }).where(eq(tenants.id, id)).run();
}

export function updateTenant(db: Db, id: string, values: Partial<Omit<TenantRow, 'id'>>): void {
  // A PATCH that only sets balances changes no column; drizzle refuses an empty SET.
  if (Object.keys(values).length === 0) return;
  dropRow(db, id);
  db.update(tenants).set(values).where(eq(tenants.id, id)).run();
}

/** What every tenant owns in core's tables; each provider removes its own (tenancy.remove). */
const owned = [wallets, ledger, usage, journal, outbox, webhookEndpoints, webhookEvents, webhookAttempts];

/** Removes the tenant and everything it owns. */
export function deleteTenant(db: Db, providers: readonly Provider[], id: string): void {
  dropRow(db, id);
  db.transaction((tx) => {
    for (const table of owned) tx.delete(table).where(eq(table.tenantId, id)).run();
    for (const provider of providers) provider.tenancy.remove?.(db, id);
    tx.delete(tenants).where(eq(tenants.id, id)).run();
  });
}

/**
 * Returns the tenant to the state it was created in: settings, wallets (with a fresh ledger),
 * usage, clock, journal, outbox, webhook endpoints and events, and active scenario. Its id and credentials stay.
 */
export function resetTenant(db: Db, providers: readonly Provider[], id: string, nowMs: number): void {
  const row = getTenant(db, id);
  if (!row) return;
  const initial = JSON.parse(row.initialConfig) as TenantConfig;
  dropRow(db, id);
  db.transaction((tx) => {
    for (const table of owned) tx.delete(table).where(eq(table.tenantId, id)).run();
    tx.update(tenants)
      .set({
        allowedIps: JSON.stringify(initial.jibit.allowedIps),
        dailyLimits: JSON.stringify(initial.jibit.dailyLimits),
        prices: JSON.stringify(initial.jibit.prices),
        billing: initial.jibit.billing,
        jibitOptions: JSON.stringify(initial.jibit.options ?? {}),
        clockOffsetMs: 0,
        clockFrozenAtMs: null,
        scenario: null,
      })
      .where(eq(tenants.id, id))
      .run();
    openWallets(db, id, initial.jibit.balances, nowMs);
    for (const provider of providers) provider.tenancy.reset?.(db, id, initial, nowMs);
  });
  dropRow(db, id);
}
