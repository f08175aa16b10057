// A webhook receiver on a loopback port (node:http, port 0) for the delivery tests: it records
// every request as it arrived and answers as the test says (a status and body, or never).
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { control } from '../helpers.js';
import type { Instance } from '../../src/instance.js';

export interface Received {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the n-th request (from 1) is answered: a status and body, or 'hang' for no answer at all. */
export type Answer = (n: number) => { status: number; body?: string } | 'hang';

export interface Receiver {
  url: string;
  received: Received[];
  /** Resolves once `count` requests have arrived (fails after two seconds). */
  arrived(count: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function receiver(answer: Answer = () => ({ status: 200, body: 'ok' })): Promise<Receiver> {
  const received: Received[] = [];
  const hanging: ServerResponse[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      for (const wake of waiters.splice(0)) wake();
      const reply = answer(received.length);
      if (reply === 'hang') return void hanging.push(res);
      res.writeHead(reply.status, { 'content-type': 'text/plain' }).end(reply.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const arrived = async (count: number) => {
    const deadline = Date.now() + 2_000;
    while (received.length < count) {
      if (Date.now() > deadline) throw new Error(`${received.length} deliveries arrived, not ${count}`);
      await new Promise<void>((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
    return received;
  };
  const close = () =>
    new Promise<void>((resolve) => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return { url: `http://127.0.0.1:${port}/hooks`, received, arrived, close };
}

/** Lets the deliveries woken by the last call start, then waits until none is in flight. */
export async function settle(instance: Instance): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  await instance.deps.webhooks.idle();
}

/** Sets the tenant's endpoint for `provider` and answers its secret. */
export async function endpoint(instance: Instance, tenantId: string, url: string, provider = 'ice', ordered?: boolean): Promise<string> {
  const res = await control(instance, 'PUT', `/tenants/${tenantId}/webhooks/${provider}`, { url, ...(ordered === undefined ? {} : { ordered }) });
  if (res.status !== 200) throw new Error(`endpoint: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { secret: string }).secret;
}

/** Freezes the tenant's clock and answers its now (ms). */
export async function freeze(instance: Instance, tenantId: string): Promise<number> {
  const res = await control(instance, 'POST', `/tenants/${tenantId}/clock`, { freeze: true });
  return Date.parse(((await res.json()) as { now: string }).now);
}

export async function advance(instance: Instance, tenantId: string, seconds: number): Promise<void> {
  const res = await control(instance, 'POST', `/tenants/${tenantId}/clock`, { advanceSeconds: seconds });
  if (res.status !== 200) throw new Error(`clock: ${res.status} ${await res.text()}`);
  await settle(instance);
}

export async function sendTest(instance: Instance, tenantId: string, provider = 'ice'): Promise<{ id: string }> {
  const res = await control(instance, 'POST', `/tenants/${tenantId}/webhooks/${provider}/test`);
  if (res.status !== 202) throw new Error(`test event: ${res.status} ${await res.text()}`);
  return (await res.json()) as { id: string };
}

export async function events(instance: Instance, tenantId: string, query = ''): Promise<unknown[]> {
  const res = await control(instance, 'GET', `/tenants/${tenantId}/webhook-events${query}`);
  return ((await res.json()) as { events: unknown[] }).events;
}
