// The journal: every provider call a tenant makes, kept so a test can see what happened.
// Entries are recorded on the request path as plain objects and written behind in batches,
// secrets masked and each tenant's journal cut to its newest `limitPerTenant` entries.
import type { Db } from '../db/index.js';
import { prepared } from './prepared.js';
import type { WriteBehind } from './write-behind.js';

export interface JournalRecord {
  tenantId: string;
  atMs: number;
  provider: string;
  endpointId: string | null;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  requestBody: unknown;
  headers: Record<string, string>;
  status: number;
  responseBody: unknown;
  errorCode: string | null;
  chargedRial: number;
  rule: string | null;
  latencyMs: number;
}

export interface JournalEntry extends Omit<JournalRecord, 'tenantId' | 'atMs' | 'endpointId'> {
  id: number;
  at: string;
  endpoint: string | null;
}

export interface JournalFilter {
  provider?: string;
  endpoint?: string;
  status?: number;
  code?: string;
  sinceMs?: number;
  limit: number;
}

/** Field names whose values are credentials (Freepay's `api` key and card secrets included): never kept in full. */
const secretFields = new Set(['apikey', 'secretkey', 'accesstoken', 'refreshtoken', 'token', 'password', 'authorization', 'api', 'pin2', 'cvv2']);

/** `mahak-default-secret-key` → `maha…-key`; short values are starred out entirely. */
export function maskSecret(value: string): string {
  return value.length > 12 ? `${value.slice(0, 4)}…${value.slice(-4)}` : '****';
}

/** A copy of `value` with every credential field masked, at any depth. */
export function maskSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskSecrets);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, v]) => [key, secretFields.has(key.toLowerCase()) && typeof v === 'string' ? maskSecret(v) : maskSecrets(v)]),
  );
}

const statements = ({ $client: client }: Db) => ({
  insert: client.prepare<[string, number, string, string | null, string, string, string, string | null, string, number, string | null, string | null, number, string | null, number]>(
    `INSERT INTO journal (tenant_id, at_ms, provider, endpoint_id, method, path, query, request_body, headers, status,
       response_body, error_code, charged_rial, rule, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  count: client.prepare<[string], { n: number }>('SELECT count(*) AS n FROM journal WHERE tenant_id = ?'),
  /** Deletes the tenant's n oldest entries: reads only the rows it deletes. */
  dropOldest: client.prepare<[string, number]>(
    'DELETE FROM journal WHERE id IN (SELECT id FROM journal WHERE tenant_id = ? ORDER BY id ASC LIMIT ?)',
  ),
  clear: client.prepare<[string]>('DELETE FROM journal WHERE tenant_id = ?'),
});

interface Row {
  id: number;
  atMs: number;
  provider: string;
  endpointId: string | null;
  method: string;
  path: string;
  query: string;
  requestBody: string | null;
  headers: string;
  status: number;
  responseBody: string | null;
  errorCode: string | null;
  chargedRial: number;
  rule: string | null;
  latencyMs: number;
}

const mayHoldSecret = /"(apikey|secretkey|accesstoken|refreshtoken|token|password|authorization|api|pin2|cvv2)"\s*:/i;

/** JSON text with credentials masked; most bodies hold none and are written as they are. */
function json(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  const text = JSON.stringify(value);
  return mayHoldSecret.test(text) ? JSON.stringify(maskSecrets(value)) : text;
}

export class Journal {
  readonly #db: Db;
  readonly #writes: WriteBehind;
  #pending: JournalRecord[] = [];
  /** Stored entries per tenant, counted once and then kept up to date. */
  readonly #stored = new Map<string, number>();

  constructor(
    db: Db,
    writes: WriteBehind,
    readonly limitPerTenant: number,
  ) {
    this.#db = db;
    this.#writes = writes;
    writes.register(() => this.#write());
  }

  record(entry: JournalRecord): void {
    this.#pending.push(entry);
    this.#writes.changed();
  }

  /** Newest first. */
  list(tenantId: string, filter: JournalFilter): JournalEntry[] {
    this.#writes.flush();
    const where = ['tenant_id = ?'];
    const args: (string | number)[] = [tenantId];
    const add = (sql: string, value: string | number | undefined) => {
      if (value === undefined) return;
      where.push(sql);
      args.push(value);
    };
    add('provider = ?', filter.provider);
    add('endpoint_id = ?', filter.endpoint);
    add('status = ?', filter.status);
    add('error_code = ?', filter.code);
    add('at_ms >= ?', filter.sinceMs);
    const rows = this.#db.$client
      .prepare<(string | number)[], Row>(
        `SELECT id, at_ms AS atMs, provider, endpoint_id AS endpointId, method, path, query, request_body AS requestBody,
           headers, status, response_body AS responseBody, error_code AS errorCode, charged_rial AS chargedRial, rule,
           latency_ms AS latencyMs
         FROM journal WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT ?`,
      )
      .all(...args, filter.limit);
    return rows.map(({ atMs, endpointId, query, requestBody, headers, responseBody, ...rest }) => ({
      ...rest,
      at: new Date(atMs).toISOString(),
      endpoint: endpointId,
      query: JSON.parse(query) as Record<string, string | string[]>,
      requestBody: requestBody === null ? null : (JSON.parse(requestBody) as unknown),
      headers: JSON.parse(headers) as Record<string, string>,
      responseBody: responseBody === null ? null : (JSON.parse(responseBody) as unknown),
    }));
  }

  clear(tenantId: string): void {
    this.#writes.flush();
    prepared(this.#db, statements).clear.run(tenantId);
    this.#stored.delete(tenantId);
  }

  /** Forgets what is counted of a tenant whose rows were removed elsewhere (tenant deleted). */
  forget(tenantId: string): void {
    this.#writes.flush();
    this.#stored.delete(tenantId);
  }

  /** Runs inside the write-behind transaction. */
  #write(): void {
    if (this.#pending.length === 0) return;
    const s = prepared(this.#db, statements);
    const added = new Map<string, number>();
    for (const e of this.#pending) {
      added.set(e.tenantId, (added.get(e.tenantId) ?? 0) + 1);
      s.insert.run(
        e.tenantId, e.atMs, e.provider, e.endpointId, e.method, e.path, json(e.query)!, json(e.requestBody),
        JSON.stringify(e.headers), e.status, json(e.responseBody), e.errorCode, e.chargedRial, e.rule, Math.round(e.latencyMs),
      );
    }
    this.#pending = [];
    for (const [tenantId, n] of added) {
      const stored = (this.#stored.get(tenantId) ?? s.count.get(tenantId)!.n - n) + n;
      if (stored > this.limitPerTenant) s.dropOldest.run(tenantId, stored - this.limitPerTenant);
      this.#stored.set(tenantId, Math.min(stored, this.limitPerTenant));
    }
  }
}
