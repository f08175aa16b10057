// The outbox: every SMS, email and webhook the sandbox "sends", kept per tenant so a test can see
// what went out (PRODUCT.md, "Journal and outbox"). Providers send through the Outbox interface
// and never reach the outside; SqliteOutbox is the implementation the sandbox runs with.
import type { Db } from '../db/index.js';
import { prepared, selectWhere } from './prepared.js';

export type OutboxChannel = 'sms' | 'email' | 'webhook';

interface Sent {
  tenantId: string;
  /** The provider that sends: 'freepay', 'ice', ... */
  provider: string;
  /** Tenant clock. */
  atMs: number;
}

export interface SmsMessage extends Sent {
  channel: 'sms';
  /** A mobile number, as the provider was given it. */
  recipient: string;
  text: string;
}

export interface EmailMessage extends Sent {
  channel: 'email';
  /** An email address, as the provider was given it. */
  recipient: string;
  subject: string;
  /** Plain text. */
  text: string;
}

export interface WebhookMessage extends Sent {
  channel: 'webhook';
  /** The URL called. */
  recipient: string;
  method: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: unknown;
}

export type OutboxMessage = SmsMessage | EmailMessage | WebhookMessage;

interface Listed {
  id: number;
  /** ISO-8601 in UTC, from the tenant clock. */
  at: string;
  provider: string;
  recipient: string;
}

export type OutboxEntry =
  | (Listed & { channel: 'sms'; message: { text: string } })
  | (Listed & { channel: 'email'; message: { subject: string; text: string } })
  | (Listed & { channel: 'webhook'; message: { method: 'GET' | 'POST'; headers: Record<string, string>; body: unknown } });

export interface OutboxFilter {
  channel?: OutboxChannel;
  provider?: string;
  /** Exact match: the mobile number, email address or URL as sent. */
  recipient?: string;
  /** Sent at or after this tenant-clock time. */
  sinceMs?: number;
  /** At most this many; every match when absent. */
  limit?: number;
}

export interface Outbox {
  /** Records a message as sent and answers it as the listing shows it. */
  send(message: OutboxMessage): OutboxEntry;
  /** The tenant's messages, the most recently sent first. */
  list(tenantId: string, filter?: OutboxFilter): OutboxEntry[];
  /** Forgets every message of the tenant. */
  clear(tenantId: string): void;
}

interface Row {
  id: number;
  atMs: number;
  provider: string;
  channel: OutboxChannel;
  recipient: string;
  message: string;
}

const statements = ({ $client: client }: Db) => ({
  insert: client.prepare<[string, number, string, OutboxChannel, string, string], { id: number }>(
    'INSERT INTO outbox (tenant_id, at_ms, provider, channel, recipient, message) VALUES (?, ?, ?, ?, ?, ?) RETURNING id',
  ),
  clear: client.prepare<[string]>('DELETE FROM outbox WHERE tenant_id = ?'),
});

function contentOf(message: OutboxMessage): OutboxEntry['message'] {
  if (message.channel === 'sms') return { text: message.text };
  if (message.channel === 'email') return { subject: message.subject, text: message.text };
  // JSON keeps no undefined: a webhook without a body lists body null.
  return { method: message.method, headers: message.headers ?? {}, body: message.body ?? null };
}

/** The stored message was written by contentOf for the row's own channel. */
function entryOf(row: Row): OutboxEntry {
  const { id, atMs, provider, channel, recipient } = row;
  return { id, at: new Date(atMs).toISOString(), provider, channel, recipient, message: JSON.parse(row.message) } as OutboxEntry;
}

/** Sends are rare (a payment callback, a consent SMS), so each is written at once, not behind. */
export class SqliteOutbox implements Outbox {
  constructor(private readonly db: Db) {}

  send(message: OutboxMessage): OutboxEntry {
    if (!Number.isSafeInteger(message.atMs)) throw new TypeError(`outbox: atMs must be whole milliseconds, got ${message.atMs}`);
    const content = JSON.stringify(contentOf(message));
    const { tenantId, atMs, provider, channel, recipient } = message;
    const { id } = prepared(this.db, statements).insert.get(tenantId, atMs, provider, channel, recipient, content)!;
    return entryOf({ id, atMs, provider, channel, recipient, message: content });
  }

  list(tenantId: string, filter: OutboxFilter = {}): OutboxEntry[] {
    const filters = [
      ['tenant_id = ?', tenantId],
      ['channel = ?', filter.channel],
      ['provider = ?', filter.provider],
      ['recipient = ?', filter.recipient],
      ['at_ms >= ?', filter.sinceMs],
    ] as const;
    const select = 'SELECT id, at_ms AS atMs, provider, channel, recipient, message FROM outbox';
    // -1: no limit (SQLite).
    return selectWhere<Row>(this.db, select, filters, 'ORDER BY id DESC LIMIT ?', filter.limit ?? -1).map(entryOf);
  }

  clear(tenantId: string): void {
    prepared(this.db, statements).clear.run(tenantId);
  }
}
