// The journal: every provider call a tenant makes, kept so a test can see what happened.
// Entries are turned into bounded JSON text on the request path (journal-text.ts: secrets
// masked, a body too deep or too large cut) and written behind in batches, each tenant's
// journal cut to its newest `limitPerTenant` entries.
import type { Db } from '../db/index.js';
import { journalText } from './journal-text.js';
import { prepared, selectWhere } from './prepared.js';
import type { WriteBehind } from './write-behind.js';

export { maskSecret, maskSecrets } from './journal-text.js';

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

const statements = ({ $client: client }: Db) => ({
  insert: client.prepare<[string, number, string, string | null, string, string, string, string | null, string, number, string | null, string | null, number, string | null, number]>(
    `INSERT INTO journal (tenant_id, at_ms, provider, endpoint_id, method, path, query, request_body, headers, status,
       response_body, error_code, charged_rial, rule, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ),
  count: client.prepare<[string], { n: number }>('SELECT count(*) AS n FROM journal WHERE tenant_id = ?'),
  exists: client.prepare<[number, string], 1>('SELECT 1 FROM journal WHERE id = ? AND tenant_id = ?').pluck(),
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

/** A record as it is stored: every body already JSON text, nothing left to fail. */
type StoredRecord = Omit<Row, 'id'> & { tenantId: string };

const toStored = (e: JournalRecord): StoredRecord => ({
  ...e,
  query: journalText(e.query) ?? '{}',
  requestBody: journalText(e.requestBody),
  headers: journalText(e.headers) ?? '{}',
  responseBody: journalText(e.responseBody),
  latencyMs: Math.round(e.latencyMs),
});

export class Journal {
  readonly #db: Db;
  readonly #writes: WriteBehind;
  #pending: StoredRecord[] = [];
  /** Stored entries per tenant, counted once and then kept up to date. */
  readonly #stored = new Map<string, number>();
  /**
   * A tenant's entry written by recordNow inside a caller's transaction, whose outcome is not yet
   * known: its row id, and the tenant's count should that transaction have rolled back. Settled
   * by the tenant's next write, with one look-up by id instead of counting the tenant's journal
   * again on every such call (a Freepay verify).
   */
  readonly #unsettled = new Map<string, { id: number; countIfRolledBack: number }>();

  constructor(
    db: Db,
    writes: WriteBehind,
    readonly limitPerTenant: number,
    /**
     * The most old entries one write cuts. A journal far over its limit (a file kept from a run
     * with a higher limit) is cut a slice per write, not in one DELETE that would hold the
     * database for seconds and swell the WAL; meanwhile it holds more than its limit.
     */
    readonly cutSlice = 2_000,
  ) {
    this.#db = db;
    this.#writes = writes;
    writes.register<StoredRecord>('journal', {
      pending: () => this.#pending,
      write: (records) => this.#write(records),
      written: (records) => {
        const done = new Set(records);
        this.#pending = records.length === this.#pending.length ? [] : this.#pending.filter((r) => !done.has(r));
      },
      drop: (record) => {
        this.#pending = this.#pending.filter((r) => r !== record);
        return `journal entry of tenant ${record.tenantId}: ${record.method} ${record.path} at ${new Date(record.atMs).toISOString()}, status ${record.status}`;
      },
      rolledBack: () => this.#forgetCounts(),
    });
  }

  /** The writer this journal and the meter share; GET /health reports it. */
  get writer(): WriteBehind {
    return this.#writes;
  }

  record(entry: JournalRecord): void {
    this.#pending.push(toStored(entry));
    this.#writes.changed();
  }

  /** Writes every entry recorded so far: call it before a transaction that will use recordNow, so the journal keeps its order. */
  flush(): void {
    this.#writes.flush();
  }

  /**
   * Writes `entry` at once, inside the caller's transaction: for an entry that must land with the
   * change it records (a Freepay credit), or not at all.
   */
  recordNow(entry: JournalRecord): void {
    this.#write([toStored(entry)], true);
  }

  /** Newest first. */
  list(tenantId: string, filter: JournalFilter): JournalEntry[] {
    this.#writes.flush();
    const filters = [
      ['tenant_id = ?', tenantId],
      ['provider = ?', filter.provider],
      ['endpoint_id = ?', filter.endpoint],
      ['status = ?', filter.status],
      ['error_code = ?', filter.code],
      ['at_ms >= ?', filter.sinceMs],
    ] as const;
    const select = `SELECT id, at_ms AS atMs, provider, endpoint_id AS endpointId, method, path, query, request_body AS requestBody,
        headers, status, response_body AS responseBody, error_code AS errorCode, charged_rial AS chargedRial, rule,
        latency_ms AS latencyMs
      FROM journal`;
    const rows = selectWhere<Row>(this.#db, select, filters, 'ORDER BY id DESC LIMIT ?', filter.limit);
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
    this.#forgetCounts(tenantId);
  }

  /** Forgets what is counted of a tenant whose rows were removed elsewhere (tenant deleted). */
  forget(tenantId: string): void {
    this.#writes.flush();
    this.#forgetCounts(tenantId);
  }

  /** The counts of one tenant, or of all: counted again at their next write. */
  #forgetCounts(tenantId?: string): void {
    if (tenantId === undefined) {
      this.#stored.clear();
      this.#unsettled.clear();
      return;
    }
    this.#stored.delete(tenantId);
    this.#unsettled.delete(tenantId);
  }

  /**
   * The tenant's entry of a caller's transaction that has ended since: its row is there if the
   * transaction committed. Looked at before the tenant's next insert or cut, as a rolled-back
   * row's id is given again to the next row inserted (of this tenant or, hence the tenant in the
   * look-up, another's).
   */
  #settle(tenantId: string, s: ReturnType<typeof statements>): void {
    const entry = this.#unsettled.get(tenantId);
    if (!entry) return;
    this.#unsettled.delete(tenantId);
    if (s.exists.get(entry.id, tenantId) === undefined && this.#stored.has(tenantId)) this.#stored.set(tenantId, entry.countIfRolledBack);
  }

  /**
   * Runs inside a transaction; forgets nothing, as it may roll back. The batch's own transaction
   * is the writer's (a failed batch clears the counts); `inCallersTransaction` (recordNow, at most
   * one entry per transaction) counts as if the caller commits and leaves the entry unsettled.
   */
  #write(records: readonly StoredRecord[], inCallersTransaction = false): void {
    const s = prepared(this.#db, statements);
    const added = new Map<string, { n: number; lastId: number }>();
    for (const e of records) {
      let tally = added.get(e.tenantId);
      if (!tally) {
        // Before the tenant's first insert, which may take the id of a rolled-back entry.
        this.#settle(e.tenantId, s);
        added.set(e.tenantId, (tally = { n: 0, lastId: 0 }));
      }
      const { lastInsertRowid } = s.insert.run(
        e.tenantId, e.atMs, e.provider, e.endpointId, e.method, e.path, e.query, e.requestBody,
        e.headers, e.status, e.responseBody, e.errorCode, e.chargedRial, e.rule, e.latencyMs,
      );
      tally.n += 1;
      tally.lastId = Number(lastInsertRowid);
    }
    for (const [tenantId, { n, lastId }] of added) {
      const before = this.#stored.get(tenantId) ?? s.count.get(tenantId)!.n - n;
      const stored = before + n;
      // At least twice what was added, so an excess always shrinks.
      const cut = Math.min(stored - this.limitPerTenant, Math.max(this.cutSlice, 2 * n));
      if (cut > 0) s.dropOldest.run(tenantId, cut);
      this.#stored.set(tenantId, stored - Math.max(cut, 0));
      if (inCallersTransaction) this.#unsettled.set(tenantId, { id: lastId, countIfRolledBack: before });
    }
  }
}
