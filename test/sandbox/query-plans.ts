// Test helper: records every SQL statement a sandbox runs and judges its query plan, so a test can
// prove that a request reads a bounded part of a tenant's history without timing anything.
import type Database from 'better-sqlite3';

/** Tables that grow with a tenant's history. */
export const historyTables = ['ledger', 'journal', 'outbox', 'freepay_payments', 'freepay_settlements', 'usage'];

type Runner = (this: Database.Statement, ...args: unknown[]) => unknown;

/** Starts recording the text of every statement run on `client` (run, get, all, iterate); `take` answers and clears the record. */
export function recordStatements(client: Database.Database) {
  const seen: string[] = [];
  const proto = Object.getPrototypeOf(client.prepare('SELECT 1')) as Record<string, Runner>;
  for (const method of ['run', 'get', 'all', 'iterate']) {
    const original = proto[method]!;
    if ((original as { recorded?: true }).recorded) continue;
    const wrapped: Runner = function (this: Database.Statement, ...args: unknown[]) {
      const log = (this.database as unknown as { recorded?: string[] }).recorded;
      log?.push(this.source);
      return original.apply(this, args);
    };
    (wrapped as { recorded?: true }).recorded = true;
    proto[method] = wrapped;
  }
  (client as unknown as { recorded?: string[] }).recorded = seen;
  return {
    take(): string[] {
      const taken = [...new Set(seen)];
      seen.length = 0;
      return taken;
    },
  };
}

/** SQL in one spelling: lower case, no quotes or table prefixes, single spaces. */
const normal = (sql: string) =>
  sql
    .toLowerCase()
    .replace(/["`]/g, '')
    .replace(/\b[a-z_]+\.([a-z_]+)\b/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();

/** The lines of a statement's query plan; plans do not depend on the values bound, so every parameter is bound as NULL. */
export function planOf(client: Database.Database, sql: string): string[] {
  const named = [...sql.matchAll(/[@:$](\w+)/g)].map((m) => m[1]!);
  const explain = client.prepare(`EXPLAIN QUERY PLAN ${sql}`);
  const plan = (named.length > 0
    ? explain.all(Object.fromEntries(named.map((n) => [n, null])))
    : explain.all(...Array.from(sql.matchAll(/\?/g), () => null))) as { detail: string }[];
  return plan.map((p) => p.detail);
}

/**
 * A walk of one tenant's rows in index order that stops at its LIMIT: WHERE holds the tenant
 * alone, so every row read is a row answered.
 */
const boundedWalk = (sql: string) => /where \(?tenant_id = [?@\w]+\)? (order by [^()]* )?limit /.test(normal(sql));

/**
 * Why a statement's plan reads more than a bounded part of a tenant's history, or undefined
 * when it does not: a SCAN of a history table, a sort of every matching row, or a search on
 * the tenant alone that then filters the rows it reads (unless the index is partial and so
 * holds only outstanding work, named in `partialIndexes`).
 */
export function unboundedReason(client: Database.Database, sql: string, partialIndexes: readonly string[] = []): string | undefined {
  if (!/^\s*(select|update|delete|with)/i.test(sql)) return undefined;
  const details = planOf(client, sql);
  const onHistory = (d: string) => historyTables.some((t) => new RegExp(`^(SCAN|SEARCH) ${t}\\b`).test(d));
  if (!details.some(onHistory)) return undefined;
  for (const d of details) {
    if (/^SCAN /.test(d) && onHistory(d)) return `${d}`;
    // A sort is of the rows since a time the caller gave (journal and outbox `since`): as many as
    // were asked for, not the tenant's whole history.
    if (/TEMP B-TREE/.test(d) && !details.some((other) => /^SEARCH \w+ USING INDEX \w+ \(tenant_id=\? AND at_ms>\?\)$/.test(other))) return `${d}`;
    const tenantOnly = /^SEARCH (\w+) USING (?:COVERING )?INDEX (\w+) \(tenant_id=\?\)$/.exec(d);
    if (tenantOnly && !partialIndexes.includes(tenantOnly[2]!) && !boundedWalk(sql)) return `${d}, filtering the tenant's rows`;
  }
  return undefined;
}

/** Every statement of `statements` whose plan is unbounded, with the reason. */
export function unbounded(client: Database.Database, statements: string[], partialIndexes: readonly string[] = []): string[] {
  return statements.flatMap((sql) => {
    const reason = unboundedReason(client, sql, partialIndexes);
    return reason === undefined ? [] : [`${reason}: ${normal(sql).slice(0, 400)}`];
  });
}
