// One running sandbox: database (migrated), synthetic world (seeded once), default tenant
// and the app. main.ts serves it; tests build one in memory per file.
import { createApp, type App } from './app.js';
import { systemClock, type Clock } from './core/clock.js';
import type { AppDeps } from './core/http.js';
import { signingSecret } from './core/meta.js';
import { createTenant, getTenant } from './core/tenants.js';
import { TokenService } from './core/tokens.js';
import { Meter } from './core/meter.js';
import { Journal } from './core/journal.js';
import { SqliteOutbox } from './core/outbox.js';
import { WriteBehind } from './core/write-behind.js';
import { createWorld, memoizedWorld, seedWorld } from './core/world/index.js';
import { openDb } from './db/index.js';
import { buildTenantConfig, defaultTenant } from './sandbox/tenant-config.js';

export interface InstanceOptions {
  /** SQLite file path, or ':memory:'. */
  db: string;
  worldSeed?: string;
  /** The wall clock; tests may pass a manual one. */
  wall?: Clock;
  trustProxy?: boolean;
  /** Journal entries kept per tenant (default 10,000). */
  journalLimit?: number;
}

export interface Instance {
  app: App;
  deps: AppDeps;
  close(): void;
}

export function createInstance(options: InstanceOptions): Instance {
  const db = openDb(options.db);
  const wall = options.wall ?? systemClock;
  const worldSeed = options.worldSeed ?? 'mahak';
  seedWorld(db, worldSeed);
  if (!getTenant(db, defaultTenant.id)) {
    const config = buildTenantConfig({ name: defaultTenant.name }, defaultTenant);
    createTenant(db, defaultTenant.id, config, wall.now());
  }
  const writes = new WriteBehind(db);
  const deps: AppDeps = {
    db,
    world: memoizedWorld(createWorld(db, worldSeed)),
    wall,
    tokens: new TokenService(signingSecret(db)),
    meter: new Meter(db, writes),
    journal: new Journal(db, writes, options.journalLimit ?? 10_000),
    outbox: new SqliteOutbox(db),
    trustProxy: options.trustProxy ?? false,
  };
  const close = () => {
    writes.flush();
    db.$client.close();
  };
  return { app: createApp(deps), deps, close };
}
