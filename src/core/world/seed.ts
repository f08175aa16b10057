// Fills the world tables once per seed: the generated world, then the fixtures on top, in one
// transaction, remembering the seed in `meta` so a restart with the same seed does nothing.
import type { Db } from '../../db/index.js';
import { fixtureRecords, loadFixtures, type Fixtures } from './fixtures.js';
import { generateWorld } from './generate.js';
import { insertRecords, worldTableNames } from './store.js';

export const worldSeedKey = 'world_seed';

function seededWith(db: Db): string | undefined {
  const row = db.$client.prepare<[string], { value: string }>('SELECT value FROM meta WHERE key = ?').get(worldSeedKey);
  return row?.value;
}

/** Idempotent; a different seed replaces the whole world. The fixtures file is read only then. */
export function seedWorld(db: Db, seed: string, fixtures?: Fixtures): void {
  if (seededWith(db) === seed) return;
  const special = fixtureRecords(fixtures ?? loadFixtures());
  const generated = generateWorld(seed, special);
  const client = db.$client;
  client.transaction(() => {
    if (seededWith(db) === seed) return;
    for (const table of worldTableNames) client.prepare(`DELETE FROM ${table}`).run();
    insertRecords(client, generated);
    insertRecords(client, special);
    client
      .prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value')
      .run(worldSeedKey, seed);
  })();
}
