// Shared set-up for the world tests: a fresh in-memory database seeded with a given seed.
import { openDb, type Db } from '../../src/db/index.js';
import { createWorld, seedWorld, type World } from '../../src/core/world/index.js';

export function seededWorld(seed = 'test-seed'): { db: Db; world: World } {
  const db = openDb(':memory:');
  seedWorld(db, seed);
  return { db, world: createWorld(db, seed) };
}

export const worldTables = [
  ['world_persons', 'national_code'],
  ['world_mobiles', 'mobile'],
  ['world_deposits', 'bank, number'],
  ['world_cards', 'number'],
  ['world_postal_codes', 'code'],
  ['world_foreigners', 'fida'],
  ['world_corporations', 'code'],
] as const;

/** Every world table's rows, ordered by primary key. */
export function dumpWorld(db: Db): Record<string, unknown[]> {
  return Object.fromEntries(
    worldTables.map(([table, key]) => [table, db.$client.prepare(`SELECT * FROM ${table} ORDER BY ${key}`).all()]),
  );
}

export function rows<T>(db: Db, sql: string): T[] {
  return db.$client.prepare(sql).all() as T[];
}
