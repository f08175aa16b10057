// Webhook deliveries (core, every provider): each tenant's endpoint per provider, the events to
// send and every attempt to send them. The tables are the delivery queue: a restart reads what is
// due from them, so nothing waits in memory alone.
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const webhookEndpoints = sqliteTable(
  'webhook_endpoints',
  {
    tenantId: text('tenant_id').notNull(),
    provider: text('provider').notNull(),
    url: text('url').notNull(),
    /** Signs every delivery. */
    secret: text('secret').notNull(),
    /** The secret before the last rotation: it signs too until previousUntilMs (tenant clock). */
    previousSecret: text('previous_secret'),
    previousUntilMs: integer('previous_until_ms'),
    paused: integer('paused', { mode: 'boolean' }).notNull().default(false),
    /** Events go one at a time in the order they happened; false: each on its own schedule. */
    ordered: integer('ordered', { mode: 'boolean' }).notNull().default(true),
    /** Tenant clock. */
    updatedAtMs: integer('updated_at_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.provider] })],
);

export const webhookEvents = sqliteTable(
  'webhook_events',
  {
    /** Order of emission: per endpoint, events are sent in this order. */
    seq: integer('seq').primaryKey(),
    /** whe_…: the Mahak-Webhook-Id header. */
    id: text('id').notNull().unique(),
    tenantId: text('tenant_id').notNull(),
    provider: text('provider').notNull(),
    type: text('type').notNull(),
    /** JSON: the event's data. */
    payload: text('payload').notNull(),
    /** Tenant clock. */
    occurredAtMs: integer('occurred_at_ms').notNull(),
    /** no_endpoint: none was set when it happened; it is sent only when redelivered. */
    state: text('state', { enum: ['pending', 'delivered', 'failed', 'no_endpoint'] }).notNull(),
    /** Attempts made since the event was last queued (emitted or redelivered): where it is in the schedule. */
    tries: integer('tries').notNull().default(0),
    /** When the next attempt is due: by the tenant clock, or by the wall clock, whichever comes first; null unless pending. */
    nextAtMs: integer('next_at_ms'),
    nextWallMs: integer('next_wall_ms'),
    /** JSON: the delivery fault a scenario rule put on the event, and how much of it is spent (core/webhooks/faults.ts). */
    fault: text('fault'),
  },
  // webhook_events_pending: the delivery loop reads only the queue, in order.
  (t) => [index('webhook_events_tenant').on(t.tenantId, t.provider, t.seq), index('webhook_events_pending').on(t.state, t.seq)],
);

export const webhookAttempts = sqliteTable(
  'webhook_attempts',
  {
    id: integer('id').primaryKey(),
    eventId: text('event_id').notNull(),
    tenantId: text('tenant_id').notNull(),
    /** 1, 2, …: every attempt the event ever had, redeliveries included. */
    number: integer('number').notNull(),
    /** Tenant clock, when the attempt started. */
    atMs: integer('at_ms').notNull(),
    /** Wall clock, when the attempt started. */
    wallAtMs: integer('wall_at_ms').notNull(),
    url: text('url').notNull(),
    /** null while the attempt is in flight (recorded before the POST, so a restart knows of it). */
    result: text('result', { enum: ['succeeded', 'failed'] }),
    /** The HTTP status answered, if any. */
    status: integer('status'),
    latencyMs: integer('latency_ms'),
    /** Why it failed: a non-2xx status, a timeout, a refused connection, an interruption. */
    error: text('error'),
    /** The first 2 KiB of the answer's body. */
    responseHead: text('response_head'),
    /** What a scenario's delivery fault did to this attempt (a bad signature, a duplicate, a held or skipped send). */
    fault: text('fault'),
  },
  // webhook_attempts_open: the attempts a stop cut off, found at start-up.
  (t) => [
    index('webhook_attempts_event').on(t.eventId, t.number),
    index('webhook_attempts_tenant').on(t.tenantId),
    index('webhook_attempts_open').on(t.eventId).where(sql`${t.result} IS NULL`),
  ],
);
