// `mahak serve` (and `npm start`): open the database, seed the world, load the scenarios folder,
// serve. A bad scenario file stops start-up with its path and the reason; any other failure
// to start (database, port, host) with one line (cli/failures.ts).
import { serve } from '@hono/node-server';
import { nodeServerFor } from '../core/node-server.js';
import type { AddressInfo } from 'node:net';
import { createInstance, shippedScenariosDir } from '../instance.js';
import { jibitBasePath } from '../providers/jibit/index.js';
import { freepayBasePath } from '../providers/freepay/index.js';
import { iceBasePath } from '../providers/ice/index.js';
import { readyBusinessDefaults } from '../providers/ice/tenancy.js';
import { defaultTenant } from '../sandbox/tenant-config.js';
import { defaultJibitKeys } from '../providers/jibit/tenancy.js';
import { defaultFreepayKey } from '../providers/freepay/tenancy.js';
import { generateAdminToken, isLoopbackHost, tenantControlToken } from '../sandbox/control-tokens.js';
import { ScenarioInvalid } from '../core/scenarios/parse.js';
import { listenFailure, openFailure, scenariosFolderProblem } from './failures.js';
import type { Io } from './io.js';
import { preloadFaker } from '../core/world/random.js';

/**
 * Long enough for a client's first calls after the banner (a health check, a token) to be
 * answered first, even on a busy machine; a record generated before then loads faker itself.
 */
const fakerPreloadDelayMs = 1_000;

export interface ServeOptions {
  port: number;
  host: string;
  db: string;
  scenarios?: string;
  /** Where `scenarios` came from (--scenarios or MAHAK_SCENARIOS), to name it when it leads nowhere. */
  scenariosFrom?: string;
  worldSeed: string;
  trustProxy: boolean;
  journalLimit: number;
  /** Locks the control API; made at start-up when none is given and `host` is not loopback. */
  adminToken?: string;
}

/** Starts serving; resolves with the port once listening, or with an exit code when start-up fails. */
export function startServer(options: ServeOptions, io: Io): Promise<{ port: number; stop(): Promise<void> } | { exitCode: number }> {
  const startedAt = performance.now();
  const scenariosDir = options.scenarios ?? shippedScenariosDir;
  // Beyond loopback anyone who reaches the port could read secrets and reset tenants: never open there.
  const generated = options.adminToken === undefined && !isLoopbackHost(options.host);
  const adminToken = generated ? generateAdminToken() : options.adminToken;
  const missing = options.scenarios === undefined ? undefined : scenariosFolderProblem(scenariosDir, options.scenariosFrom ?? 'MAHAK_SCENARIOS');
  if (missing) {
    io.err(`Mahak cannot start: ${missing}`);
    return Promise.resolve({ exitCode: 1 });
  }
  let instance: ReturnType<typeof createInstance>;
  try {
    instance = createInstance({
      db: options.db,
      worldSeed: options.worldSeed,
      trustProxy: options.trustProxy,
      journalLimit: options.journalLimit,
      scenariosDir,
      ...(adminToken === undefined ? {} : { adminToken }),
    });
  } catch (error) {
    if (error instanceof ScenarioInvalid) {
      io.err(`Mahak cannot start: a scenario is not valid.\n  ${error.source}\n${error.reasons.map((r) => `    ${r}`).join('\n')}`);
    } else {
      io.err(`Mahak cannot start: ${openFailure(error)}`);
    }
    return Promise.resolve({ exitCode: 1 });
  }
  return new Promise((resolve) => {
    const server = serve({ fetch: instance.app.fetch, port: options.port, hostname: options.host, createServer: nodeServerFor(instance.deps.providers) }, (info: AddressInfo) => {
      server.off('error', refused);
      const base = `http://localhost:${info.port}`;
      const lock = adminToken === undefined ? '(open: no admin token, loopback only)' : '(locked: send Authorization: Bearer <admin token>)';
      const given = 'as given (MAHAK_ADMIN_TOKEN or --admin-token), not printed';
      const tokens =
        adminToken === undefined
          ? []
          : [
              `  Admin token:        ${generated ? `${adminToken}   (made at start-up; set MAHAK_ADMIN_TOKEN to choose one)` : given}`,
              `  Default tenant's control token: ${tenantControlToken(instance.deps.db, defaultTenant.id)}`,
            ];
      io.out(
        [
          `Mahak is serving on ${base} (listening on ${options.host}, database ${options.db}, ready in ${Math.round(performance.now() - startedAt)} ms)`,
          `  Jibit inquiry API:  ${base}${jibitBasePath}   (instead of https://napi.jibit.ir/ide)`,
          `  Freepay gateway:    ${base}${freepayBasePath}       (instead of https://freepay.ir)`,
          `  ICE consent:        ${base}${iceBasePath}           (ICE publishes no API: the sandbox's own routes)`,
          `  Control API:        ${base}/_sandbox   ${lock}`,
          `  Dashboard:          ${base}/_sandbox   (in a browser)`,
          ...tokens,
          `  OpenAPI document:   ${base}/openapi.json`,
          `  API reference:      ${base}/docs`,
          `  Scenarios:          ${instance.deps.scenarios.list().length} loaded from ${scenariosDir}`,
          `  Default tenant:     Jibit apiKey=${defaultJibitKeys.apiKey} secretKey=${defaultJibitKeys.secretKey}`,
          `                      Freepay api=${defaultFreepayKey}`,
          `                      ICE login=${readyBusinessDefaults.username} password=${readyBusinessDefaults.password}`,
          `  Try: curl -s -X POST ${base}${jibitBasePath}/v1/tokens/generate -H 'Content-Type: application/json' \\`,
          `         -d '{"apiKey":"${defaultJibitKeys.apiKey}","secretKey":"${defaultJibitKeys.secretKey}"}'`,
        ].join('\n'),
      );
      const stop = () =>
        new Promise<void>((done) => {
          instance.deps.holds.releaseAll();
          server.close(() => {
            instance.close();
            done();
          });
        });
      // Faker is loaded once the port has answered its first callers (an existing database
      // needs it only for a record it must generate); unref'd, so it never holds the process.
      setTimeout(preloadFaker, fakerPreloadDelayMs).unref();
      resolve({ port: info.port, stop });
    });
    // A busy port, a host that is not this machine's: said in a line, and the database let go.
    const refused = (error: NodeJS.ErrnoException) => {
      instance.close();
      io.err(`Mahak cannot start: ${listenFailure(error, options.host, options.port)}`);
      resolve({ exitCode: 1 });
    };
    server.once('error', refused);
  });
}
