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
import { WebhookDeliveries, type DeliveryOptions } from './core/webhooks/index.js';
import { catchUpWatchedTenants } from './core/webhooks/sweep.js';
import { ScenarioBook } from './core/scenarios/book.js';
import { ScenarioEngine } from './core/scenarios/rules.js';
import { Holds } from './core/scenarios/act.js';
import { WriteBehind } from './core/write-behind.js';
import { createWorld, memoizedWorld, seedWorld } from './core/world/index.js';
import { openDb, type Db } from './db/index.js';
import { buildTenantConfig, defaultTenant } from './sandbox/tenant-config.js';
import { providers } from './providers/index.js';
import { scenarioFormat } from './scenario-format.js';
import { adminTokenProblem } from './sandbox/control-tokens.js';
import { packagePath } from './package-root.js';

/** The scenarios that come with Mahak. */
export const shippedScenariosDir = packagePath('scenarios');

export interface InstanceOptions {
  /** SQLite file path, or ':memory:'. */
  db: string;
  worldSeed?: string;
  /** The wall clock; tests may pass a manual one. */
  wall?: Clock;
  trustProxy?: boolean;
  /** Journal entries kept per tenant (default 10,000). */
  journalLimit?: number;
  /** The most old journal entries one write cuts from a tenant over its limit (default 2,000). */
  journalCutSlice?: number;
  /** A scenarios folder to load (scenarios/<provider>/*.yaml); a bad file makes createInstance throw. */
  scenariosDir?: string;
  /** Locks the control API (/_sandbox) behind `Authorization: Bearer <adminToken>`; none: open. */
  adminToken?: string;
  /** Webhook deliveries: the answer timeout (default 5 s) and how often the queue is read. */
  webhooks?: DeliveryOptions;
}

export interface Instance {
  app: App;
  deps: AppDeps;
  close(): void;
}

export function createInstance(options: InstanceOptions): Instance {
  // Refused before anything is opened, so nothing is left to close.
  const tokenProblem = options.adminToken === undefined ? undefined : adminTokenProblem(options.adminToken);
  if (tokenProblem) throw new Error(`adminToken ${tokenProblem}`);
  const db = openDb(options.db);
  // A set-up that fails (a bad scenario file, a world that cannot be seeded) closes the
  // database again, so its lock is not held by a process that goes on.
  try {
    return setUp(db, options);
  } catch (error) {
    db.$client.close();
    throw error;
  }
}

function setUp(db: Db, options: InstanceOptions): Instance {
  const wall = options.wall ?? systemClock;
  const worldSeed = options.worldSeed ?? 'mahak';
  seedWorld(db, worldSeed);
  if (!getTenant(db, defaultTenant.id)) {
    const config = buildTenantConfig(providers, { name: defaultTenant.name }, true);
    createTenant(db, providers, defaultTenant.id, config, wall.now());
  }
  for (const provider of providers) provider.prepare?.(db, wall.now());
  const writes = new WriteBehind(db, { wall });
  const world = memoizedWorld(createWorld(db, worldSeed));
  const scenarios = new ScenarioBook(db, scenarioFormat, world.forget, options.scenariosDir !== undefined);
  if (options.scenariosDir !== undefined) scenarios.loadFolder(options.scenariosDir, wall.now());
  const holds = new Holds();
  const webhooks = new WebhookDeliveries(db, wall, options.webhooks);
  const rules = new ScenarioEngine(scenarios);
  // An event's delivery fault comes from its tenant's active scenario.
  webhooks.faultsFrom((tenantId, provider, type) => {
    const scenario = getTenant(db, tenantId)?.scenario;
    return scenario ? rules.decideDelivery(tenantId, scenario, { provider, type }) : undefined;
  });
  const deps: AppDeps = {
    db,
    world,
    wall,
    tokens: new TokenService(signingSecret(db)),
    meter: new Meter(db, writes),
    journal: new Journal(db, writes, options.journalLimit ?? 10_000, options.journalCutSlice),
    outbox: new SqliteOutbox(db),
    webhooks,
    trustProxy: options.trustProxy ?? false,
    scenarios,
    rules,
    holds,
    providers,
  };
  webhooks.sweepWith(() => catchUpWatchedTenants(deps));
  const close = () => {
    // Deliveries in flight are recorded as interrupted before the database closes; the next start sends them.
    webhooks.stop();
    holds.releaseAll();
    writes.flush();
    db.$client.close();
  };
  const app = createApp(deps, { adminToken: options.adminToken });
  // Started last: a set-up that fails leaves no timer behind.
  webhooks.start();
  return { app, deps, close };
}
