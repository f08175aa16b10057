// The package entry: an in-process sandbox for test files, e.g. one fresh sandbox per file.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { createInstance, type InstanceOptions } from './instance.js';
import { jibitBasePath } from './providers/jibit/index.js';
import { defaultTenant } from './sandbox/tenant-config.js';

export interface SandboxOptions extends Partial<Omit<InstanceOptions, 'wall'>> {}

export interface Sandbox {
  /** Answers a request without a socket (a fetch handler). */
  fetch(request: Request): Promise<Response>;
  /** Serves on 127.0.0.1 (port 0: a free one); resolves with the base URL. */
  listen(port?: number): Promise<{ url: string; jibitUrl: string; port: number }>;
  /** Stops serving and closes the database; nothing of the sandbox keeps the process alive after. */
  close(): Promise<void>;
  /** The default tenant's Jibit credentials. */
  readonly credentials: { apiKey: string; secretKey: string };
}

/** A fresh sandbox, in memory unless `db` names a file. */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const instance = createInstance({ db: ':memory:', ...options });
  let server: ServerType | undefined;
  return {
    fetch: async (request) => instance.app.fetch(request),
    listen: (port = 0) =>
      new Promise((resolve) => {
        server = serve({ fetch: instance.app.fetch, port, hostname: '127.0.0.1' }, (info: AddressInfo) => {
          const url = `http://127.0.0.1:${info.port}`;
          resolve({ url, jibitUrl: `${url}${jibitBasePath}`, port: info.port });
        });
      }),
    close: () =>
      new Promise((resolve, reject) => {
        const finish = () => {
          instance.close();
          resolve();
        };
        if (!server) return finish();
        server.close((error) => (error ? reject(error) : finish()));
      }),
    credentials: { apiKey: defaultTenant.apiKey, secretKey: defaultTenant.secretKey },
  };
}
