// Statements prepared once per database connection. Drizzle builds SQL text on every call,
// which costs more than the query itself on the request path; hot paths use these instead.
import type Database from 'better-sqlite3';
import type { Db } from '../db/index.js';

const cache = new WeakMap<Database.Database, Map<unknown, unknown>>();

/** `build` runs once per connection; its result is reused for every later call. */
export function prepared<T>(db: Db, build: (db: Db) => T): T {
  let perClient = cache.get(db.$client);
  if (!perClient) cache.set(db.$client, (perClient = new Map()));
  let statements = perClient.get(build) as T | undefined;
  if (statements === undefined) perClient.set(build, (statements = build(db)));
  return statements;
}

type Filter = readonly [sql: string, value: string | number | undefined];

const listCache = () => new Map<string, Database.Statement<unknown[], unknown>>();

/**
 * Runs `select WHERE <the filters given> <tail>`: a filter whose value is undefined is left
 * out, so each combination is its own statement (prepared once) and can use its own index.
 */
export function selectWhere<Row>(db: Db, select: string, filters: readonly Filter[], tail: string, ...tailArgs: (string | number)[]): Row[] {
  const given = filters.filter(([, value]) => value !== undefined);
  const sql = `${select} WHERE ${given.map(([condition]) => condition).join(' AND ')} ${tail}`;
  const statements = prepared(db, listCache);
  let statement = statements.get(sql);
  if (!statement) statements.set(sql, (statement = db.$client.prepare<unknown[], unknown>(sql)));
  return statement.all(...given.map(([, value]) => value!), ...tailArgs) as Row[];
}
