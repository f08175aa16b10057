// Tenants and their money, limits and clocks: the shared mechanics of every provider.
import { integer, primaryKey, sqliteTable, text, index } from 'drizzle-orm/sqlite-core';

export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

export const tenants = sqliteTable('tenants', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAtMs: integer('created_at_ms').notNull(),
  jibitApiKey: text('jibit_api_key').notNull().unique(),
  jibitSecretKey: text('jibit_secret_key').notNull(),
  /** JSON: string[]; empty means any address may call. */
  allowedIps: text('allowed_ips').notNull().default('[]'),
  /** JSON: Record<catalog endpoint id, calls per Tehran day>. */
  dailyLimits: text('daily_limits').notNull().default('{}'),
  /** JSON: Record<catalog endpoint id, price in Rial>. */
  prices: text('prices').notNull().default('{}'),
  /** prepaid: calls debit PRF and stop when it runs out; postpaid: calls debit POF, which may go below zero. */
  billing: text('billing', { enum: ['prepaid', 'postpaid'] }).notNull().default('prepaid'),
  /** JSON: the tenant's other Jibit settings over their defaults (input strictness, account state, exhausted wallet). */
  jibitOptions: text('jibit_options').notNull().default('{}'),
  clockOffsetMs: integer('clock_offset_ms').notNull().default(0),
  clockFrozenAtMs: integer('clock_frozen_at_ms'),
  /** JSON: the settings the tenant was created with, so a reset can restore them. */
  initialConfig: text('initial_config').notNull().default('{}'),
  /** The Freepay merchant's API key; unique. */
  freepayApiKey: text('freepay_api_key').unique(),
  /** JSON: the Freepay merchant's settings (name, sites, settlement account, status, limits). */
  freepay: text('freepay').notNull().default('{}'),
  /** Name of the active scenario, whose rules apply before normal behaviour; null for none. */
  scenario: text('scenario'),
});

export const wallets = sqliteTable(
  'wallets',
  {
    tenantId: text('tenant_id').notNull(),
    /** PRF = prepaid, POF = postpaid (the Jibit document's balance types). */
    type: text('type', { enum: ['PRF', 'POF'] }).notNull(),
    amountRial: integer('amount_rial').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.type] })],
);

export const ledger = sqliteTable(
  'ledger',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    tenantId: text('tenant_id').notNull(),
    /** PRF/POF: Jibit wallets; FREEPAY: the merchant's gateway balance; FREEPAY_HELD: buyers' money taken by failed payments, until reversed. */
    wallet: text('wallet', { enum: ['PRF', 'POF', 'FREEPAY', 'FREEPAY_HELD'] }).notNull(),
    /** Negative for a charge, positive for a top-up or refund. */
    amountRial: integer('amount_rial').notNull(),
    balanceAfterRial: integer('balance_after_rial').notNull(),
    reason: text('reason').notNull(),
    endpointId: text('endpoint_id'),
    atMs: integer('at_ms').notNull(),
  },
  // ledger_tenant_wallet: a wallet's latest balance (balance_after_rial of its newest row) is one
  // index step, however many rows the tenant's other wallets have.
  (t) => [index('ledger_tenant').on(t.tenantId, t.id), index('ledger_tenant_wallet').on(t.tenantId, t.wallet, t.id)],
);

export const usage = sqliteTable(
  'usage',
  {
    tenantId: text('tenant_id').notNull(),
    /** Jalali calendar day in Asia/Tehran, yyyyMMdd (e.g. 14050902). */
    tehranDay: text('tehran_day').notNull(),
    endpointId: text('endpoint_id').notNull(),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.tehranDay, t.endpointId] })],
);
