// Scenarios loaded from files or uploaded, and what the sandbox records for a tenant to look at: every provider call (journal) and every
// SMS or webhook it "sends" (outbox).
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const journal = sqliteTable(
  'journal',
  {
    id: integer('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    /** Tenant clock. */
    atMs: integer('at_ms').notNull(),
    provider: text('provider').notNull(),
    /** Catalog endpoint id; null when the request reached no endpoint. */
    endpointId: text('endpoint_id'),
    method: text('method').notNull(),
    path: text('path').notNull(),
    /** JSON: query parameters (a repeated one as a list). */
    query: text('query').notNull(),
    /** JSON: the request body as parsed, secrets masked; null without a body. */
    requestBody: text('request_body'),
    /** JSON: the request headers worth keeping (tracking id, sandbox headers). */
    headers: text('headers').notNull(),
    status: integer('status').notNull(),
    /** JSON: the response body, secrets masked. */
    responseBody: text('response_body'),
    errorCode: text('error_code'),
    chargedRial: integer('charged_rial').notNull(),
    /** The scenario rule that decided the answer, if one did. */
    rule: text('rule'),
    latencyMs: integer('latency_ms').notNull(),
  },
  // One index per filter of the listing, each ending in id so the newest matches come first
  // and a LIMIT stops the read; `since` reads the tenant's rows from that time on.
  (t) => [
    index('journal_tenant').on(t.tenantId, t.id),
    index('journal_tenant_provider').on(t.tenantId, t.provider, t.id),
    index('journal_tenant_endpoint').on(t.tenantId, t.endpointId, t.id),
    index('journal_tenant_status').on(t.tenantId, t.status, t.id),
    // Most calls answer no error code: only those that do are indexed, for less work per call.
    index('journal_tenant_code').on(t.tenantId, t.errorCode, t.id).where(sql`${t.errorCode} IS NOT NULL`),
    index('journal_tenant_at').on(t.tenantId, t.atMs),
  ],
);

export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey(),
    tenantId: text('tenant_id').notNull(),
    atMs: integer('at_ms').notNull(),
    provider: text('provider').notNull(),
    // A text column without a CHECK: a new channel needs no migration.
    channel: text('channel', { enum: ['sms', 'email', 'webhook'] }).notNull(),
    /** A mobile number for an SMS, an address for an email, a URL for a webhook. */
    recipient: text('recipient').notNull(),
    /** JSON: the message: an SMS's text, an email's subject and text, a webhook's method, headers and body. */
    message: text('message').notNull(),
  },
  // As for the journal: one index per filter of the listing.
  (t) => [
    index('outbox_tenant').on(t.tenantId, t.id),
    index('outbox_tenant_channel').on(t.tenantId, t.channel, t.id),
    index('outbox_tenant_provider').on(t.tenantId, t.provider, t.id),
    index('outbox_tenant_recipient').on(t.tenantId, t.recipient, t.id),
    index('outbox_tenant_at').on(t.tenantId, t.atMs),
  ],
);

export const scenarios = sqliteTable('scenarios', {
  name: text('name').primaryKey(),
  provider: text('provider').notNull(),
  /** Where it came from: a file path under the scenarios folder, or 'upload'. */
  origin: text('origin').notNull(),
  /** The text as written (YAML or JSON), for GET and for re-validation. */
  source: text('source').notNull(),
  /** JSON: the validated definition. */
  definition: text('definition').notNull(),
  loadedAtMs: integer('loaded_at_ms').notNull(),
});
