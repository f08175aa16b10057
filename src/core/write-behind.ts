// Writes that may trail the answer by a few milliseconds: components keep what they owe the
// database and hand it over here; every 10 ms (or after 1,000 changes) it is all written in
// one transaction. A commit on a WAL database costs ~80 µs on its own, more than the rest of
// an inquiry; one commit per batch keeps the request path fast. Readers that go to the
// database call flush() first, so they never see it behind. The timer does not keep the
// process alive: closing the instance flushes.
//
// Nothing is forgotten before its batch commits. A batch that fails is written again at once,
// each entry in a savepoint of its own: an entry SQLite refuses for what it holds (or that its
// sink cannot prepare) is dropped alone and logged; a database that refuses writes altogether
// keeps everything owed, reports itself in health(), and is retried with a growing delay.
import type { Db } from '../db/index.js';
import { systemClock, type Clock } from './clock.js';

/** What one component owes the database, in entries each of which can be written on its own. */
export interface Sink<Entry> {
  /** Everything owed now, oldest first. */
  pending(): readonly Entry[];
  /** Writes `entries` inside the batch transaction; forgets nothing, as the batch may still roll back. */
  write(entries: readonly Entry[]): void;
  /** The batch holding `entries` committed: forget them. */
  written(entries: readonly Entry[]): void;
  /** `entry` can never be written: forget it, leaving memory as the database has it; says what it was, for the log. */
  drop(entry: Entry): string;
  /** A write rolled back: forget anything cached about what it wrote. */
  rolledBack?(): void;
}

export interface WriterHealth {
  /** False while the database refuses the batches. */
  ok: boolean;
  /** Entries owed, by sink. */
  pending: Record<string, number>;
  /** Entries dropped since start because they could not be written, by sink. */
  dropped: Record<string, number>;
  /** When the batches began to fail, while they do. */
  failingSince: string | null;
  /** The last error of a batch or an entry, and when it happened. */
  lastError: { message: string; at: string } | null;
}

export interface WriteBehindOptions {
  delayMs?: number;
  maxChanges?: number;
  /** Stamps the failures health() reports. */
  wall?: Clock;
}

interface Registered {
  name: string;
  sink: Sink<unknown>;
  dropped: number;
}

/** The longest wait between retries while the database refuses writes. */
const maxRetryDelayMs = 1000;

/**
 * SQLite errors that come from a row's content: the row is at fault, not the database. An
 * error from a sink's own code (before SQLite saw the row) is the entry's too; any other
 * SQLite error (disk full, I/O, busy, read-only, a missing table) is the writer's.
 */
const entryFaults = /^SQLITE_(CONSTRAINT|TOOBIG|MISMATCH|RANGE)/;
const isEntryFault = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code !== 'string' || !code.startsWith('SQLITE_') || entryFaults.test(code);
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export class WriteBehind {
  readonly #sinks: Registered[] = [];
  readonly #client: Db['$client'];
  readonly #delayMs: number;
  readonly #maxChanges: number;
  readonly #wall: Clock;
  #timer: NodeJS.Timeout | undefined;
  #changes = 0;
  /** Something was handed over since the last batch that committed. */
  #owed = false;
  #failingSinceMs: number | null = null;
  #failures = 0;
  #lastError: { message: string; atMs: number } | null = null;
  #closedReported = false;

  constructor(db: Db, options: WriteBehindOptions = {}) {
    this.#client = db.$client;
    this.#delayMs = options.delayMs ?? 10;
    this.#maxChanges = options.maxChanges ?? 1000;
    this.#wall = options.wall ?? systemClock;
  }

  /** `sink` hands over what its owner owes; `name` is what health() and the log call it. */
  register<Entry>(name: string, sink: Sink<Entry>): void {
    this.#sinks.push({ name, sink: sink as Sink<unknown>, dropped: 0 });
  }

  /** A change is pending: write it soon. */
  changed(): void {
    this.#owed = true;
    // While the database refuses writes only the retry timer tries again, not every change.
    if (++this.#changes >= this.#maxChanges && this.#failingSinceMs === null) return this.flush();
    this.#schedule(this.#delayMs);
  }

  /** Writes everything pending, now (or, inside another transaction, as soon as it ends). */
  flush(): void {
    if (!this.#owed) return;
    if (!this.#client.open) return this.#reportClosed();
    // A batch written inside someone else's transaction would roll back with it after its
    // entries were forgotten; better-sqlite3 offers no commit hook, so wait for it to end.
    if (this.#client.inTransaction) return this.#schedule(0);
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#changes = 0;
    const batches = this.#sinks.map((s) => ({ s, entries: s.sink.pending().slice() }));
    try {
      this.#client.transaction(() => {
        for (const { s, entries } of batches) if (entries.length > 0) s.sink.write(entries);
      })();
    } catch (error) {
      this.#rolledBack();
      if (isEntryFault(error)) this.#isolate(batches);
      else this.#failed(error, batches);
      return;
    }
    for (const { s, entries } of batches) if (entries.length > 0) s.sink.written(entries);
    this.#succeeded();
  }

  health(): WriterHealth {
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      ok: this.#failingSinceMs === null,
      pending: Object.fromEntries(this.#sinks.map((s) => [s.name, s.sink.pending().length])),
      dropped: Object.fromEntries(this.#sinks.map((s) => [s.name, s.dropped])),
      failingSince: this.#failingSinceMs === null ? null : iso(this.#failingSinceMs),
      lastError: this.#lastError && { message: this.#lastError.message, at: iso(this.#lastError.atMs) },
    };
  }

  /**
   * The batch again, each entry in a savepoint of its own inside one transaction: the entries
   * at fault are dropped, one log line each, and the rest committed together.
   */
  #isolate(batches: { s: Registered; entries: unknown[] }[]): void {
    const refused: { s: Registered; entry: unknown; error: unknown }[] = [];
    const one = this.#client.transaction((s: Registered, entry: unknown) => s.sink.write([entry]));
    try {
      this.#client.transaction(() => {
        for (const { s, entries } of batches) {
          for (const entry of entries) {
            try {
              one(s, entry);
            } catch (error) {
              if (!isEntryFault(error)) throw error;
              this.#rolledBack();
              refused.push({ s, entry, error });
            }
          }
        }
      })();
    } catch (error) {
      this.#rolledBack();
      return this.#failed(error, batches);
    }
    for (const { s, entries } of batches) {
      const written = entries.filter((entry) => !refused.some((r) => r.entry === entry));
      if (written.length > 0) s.sink.written(written);
    }
    for (const { s, entry, error } of refused) {
      s.dropped += 1;
      this.#lastError = { message: messageOf(error), atMs: this.#wall.now() };
      console.error(`write-behind dropped ${s.name} (${s.sink.drop(entry)}), which cannot be written: ${messageOf(error)}`);
    }
    this.#succeeded();
  }

  /** The database refused the batch: everything stays owed and is tried again later. */
  #failed(error: unknown, batches: { entries: unknown[] }[]): void {
    const message = messageOf(error);
    const nowMs = this.#wall.now();
    // Logged when the failing starts or its reason changes, not on every retry.
    if (this.#failingSinceMs === null || this.#lastError?.message !== message) {
      const owed = batches.reduce((n, b) => n + b.entries.length, 0);
      console.error(`write-behind batch failed; ${owed} entries kept for a retry: ${message}`);
    }
    this.#failingSinceMs ??= nowMs;
    this.#lastError = { message, atMs: nowMs };
    this.#failures += 1;
    this.#schedule(Math.min(maxRetryDelayMs, this.#delayMs * 2 ** this.#failures));
  }

  #succeeded(): void {
    if (this.#failingSinceMs !== null) {
      console.warn(`write-behind recovered: the batches failing since ${new Date(this.#failingSinceMs).toISOString()} are written`);
    }
    this.#owed = this.#sinks.some((s) => s.sink.pending().length > 0);
    this.#failingSinceMs = null;
    this.#failures = 0;
  }

  #rolledBack(): void {
    for (const s of this.#sinks) s.sink.rolledBack?.();
  }

  #schedule(delayMs: number): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush();
    }, delayMs);
    this.#timer.unref();
  }

  /** The database was closed with entries still owed (its writes kept failing): say what was lost. */
  #reportClosed(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#closedReported) return;
    this.#closedReported = true;
    const owed = this.#sinks.map((s) => `${s.sink.pending().length} ${s.name}`).join(', ');
    console.error(`write-behind: the database closed with entries never written (${owed}); they are lost`);
  }
}
