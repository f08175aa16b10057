// The package entry: an in-process sandbox for test files, e.g. one fresh sandbox per file.
import { serve, type ServerType } from '@hono/node-server';
import { nodeServerFor } from './core/node-server.js';
import type { AddressInfo } from 'node:net';
import { createInstance, shippedScenariosDir } from './instance.js';
import { droppedHeader } from './core/scenarios/act.js';
import { jibitBasePath } from './providers/jibit/index.js';
import { defaultJibitKeys } from './providers/jibit/tenancy.js';
import { defaultFreepayKey } from './providers/freepay/tenancy.js';
import { freepayBasePath } from './providers/freepay/index.js';
import { iceBasePath } from './providers/ice/index.js';
import type { z } from 'zod';
import { scenarioFormat } from './scenario-format.js';
import type { Scenario as ScenarioShape, ScenarioInput } from './core/scenarios/schema.js';
import { readyBusinessDefaults } from './providers/ice/tenancy.js';

/**
 * The options of createInstance a test may choose, written out (createSandbox passes them on, so
 * they cannot drift apart): the package's declarations then do not reach the app's internals.
 */
export interface SandboxOptions {
  /** SQLite file path, or ':memory:' (the default). */
  db?: string;
  /** The synthetic world's seed. */
  worldSeed?: string;
  trustProxy?: boolean;
  /** Journal entries kept per tenant (default 10,000). */
  journalLimit?: number;
  /** Locks the control API (/_sandbox) behind `Authorization: Bearer <adminToken>`; none: open. */
  adminToken?: string;
  /** Webhook deliveries: the answer timeout (default 5 s) and how often the queue is read (default 1 s). */
  webhooks?: { timeoutMs?: number; pollMs?: number };
  /** A scenarios folder to load, or false for none (default: the scenarios that come with Mahak). */
  scenarios?: string | false;
}

export interface Sandbox {
  /**
   * Answers a request without a socket (a fetch handler). A scenario's dropped connection
   * rejects, as fetch does when a server resets the connection.
   */
  fetch(request: Request): Promise<Response>;
  /** Serves on 127.0.0.1 (port 0: a free one); resolves with the base URL. */
  listen(port?: number): Promise<{ url: string; jibitUrl: string; freepayUrl: string; iceUrl: string; port: number }>;
  /** Stops serving and closes the database; nothing of the sandbox keeps the process alive after. */
  close(): Promise<void>;
  /** The default tenant's Jibit credentials, Freepay merchant key and ICE ready business (login with X-Sandbox-Tenant omitted). */
  readonly credentials: { apiKey: string; secretKey: string; freepayApiKey: string; ice: { username: string; password: string } };
}

/** Rejects as fetch does once the caller aborts, while the sandbox goes on with the request. */
function untilAborted<T>(answer: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return answer;
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason ?? new DOMException('This operation was aborted', 'AbortError'));
    if (signal.aborted) return abort();
    signal.addEventListener('abort', abort, { once: true });
    answer.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
  });
}

/** A fresh sandbox, in memory unless `db` names a file. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const { scenarios = shippedScenariosDir, ...rest } = options;
  const instance = createInstance({ db: ':memory:', ...rest, ...(scenarios === false ? {} : { scenariosDir: scenarios }) });
  let server: ServerType | undefined;
  return {
    fetch: (request) => {
      const answer = Promise.resolve(instance.app.fetch(request)).then((response) => {
        if (response.headers.has(droppedHeader)) {
          throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
        }
        return response;
      });
      return untilAborted(answer, request.signal);
    },
    listen: (port = 0) =>
      new Promise((resolve, reject) => {
        const listening = serve({ fetch: instance.app.fetch, port, hostname: '127.0.0.1', createServer: nodeServerFor(instance.deps.providers) }, (info: AddressInfo) => {
          listening.off('error', refused);
          const url = `http://127.0.0.1:${info.port}`;
          resolve({ url, jibitUrl: `${url}${jibitBasePath}`, freepayUrl: `${url}${freepayBasePath}`, iceUrl: `${url}${iceBasePath}`, port: info.port });
        });
        // A busy port rejects (with the system's code kept), and close() still closes the rest.
        const refused = (error: NodeJS.ErrnoException) => {
          server = undefined;
          const reason = error.code === 'EADDRINUSE' ? 'the port is already in use' : error.message;
          reject(Object.assign(new Error(`cannot listen on 127.0.0.1:${port}: ${reason}`, { cause: error }), { code: error.code }));
        };
        listening.once('error', refused);
        server = listening;
      }),
    close: () =>
      new Promise((resolve, reject) => {
        const finish = () => {
          instance.close();
          resolve();
        };
        // Held answers (scenario delays and hangs) end first, so the server can close.
        instance.deps.holds.releaseAll();
        if (!server) return finish();
        server.close((error) => (error ? reject(error) : finish()));
      }),
    credentials: { ...defaultJibitKeys, freepayApiKey: defaultFreepayKey, ice: { username: readyBusinessDefaults.username, password: readyBusinessDefaults.password } },
  };
}

export { runScenario, type RunResult, type StepResult } from './core/scenarios/runner.js';

/** The scenario schema: `provider` names a listed provider, `setup` takes its settings. */
export const Scenario: z.ZodType<ScenarioShape, ScenarioInput> = scenarioFormat.schema;
export type Scenario = ScenarioShape;
/** The JSON Schema of scenario files, as editors read it. */
export const scenarioJsonSchema = (): unknown => scenarioFormat.jsonSchema();
// From the webhook files themselves, not the folder's index, so the declarations stay small.
export {
  verifyWebhook,
  webhookHeaders,
  type VerifyOptions as WebhookVerifyOptions,
  type WebhookHeaders,
  type WebhookVerification,
} from './core/webhooks/signature.js';
export { retryDelaysMs as webhookRetryDelaysMs } from './core/webhooks/schedule.js';
