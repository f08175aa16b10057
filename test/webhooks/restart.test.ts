// Deliveries survive a stop: the queue is the database, so a sandbox closed (or killed with
// SIGKILL) between attempts sends the due delivery once after it starts again on the same file,
// and an attempt cut off mid-flight is recorded as interrupted and sent again at once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { afterAll, afterEach, expect, test } from 'vitest';
import { createInstance, type Instance } from '../../src/instance.js';
import { startChild, type ChildServer } from '../../scripts/child-server.js';
import { newTenant } from '../helpers.js';
import { advance, endpoint, events, freeze, receiver, sendTest, settle, type Receiver } from './receiver.js';

const dir = mkdtempSync(join(tmpdir(), 'mahak-webhooks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const open: Instance[] = [];
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const i of open.splice(0)) i.close();
  for (const r of receivers.splice(0)) await r.close();
});
function start(file: string) {
  const instance = createInstance({ db: join(dir, file), worldSeed: 'test-world', webhooks: { timeoutMs: 2_000 } });
  open.push(instance);
  return instance;
}
function stop(instance: Instance) {
  instance.close();
  open.splice(open.indexOf(instance), 1);
}
const iso = (ms: number) => new Date(ms).toISOString();

test('a sandbox closed between attempts sends the due retry once after it is opened again on the same file', async () => {
  const r = await receiver((n) => (n === 1 ? { status: 500 } : { status: 200 }));
  receivers.push(r);
  const first = start('between.db');
  const { id } = await newTenant(first);
  const t0 = await freeze(first, id);
  await endpoint(first, id, r.url);
  const { id: eventId } = await sendTest(first, id);
  await r.arrived(1);
  await settle(first);
  stop(first);

  const second = start('between.db');
  await settle(second);
  expect(r.received).toHaveLength(1);
  await advance(second, id, 60);
  await r.arrived(2);
  await settle(second);
  await advance(second, id, 86_400);
  expect(r.received.map((x) => x.headers['mahak-webhook-id'])).toEqual([eventId, eventId]);
  expect(await events(second, id)).toMatchObject([
    { id: eventId, state: 'delivered', attempts: [{ number: 1, at: iso(t0), status: 500 }, { number: 2, at: iso(t0 + 60_000), status: 200 }] },
  ]);
});

test('an attempt in flight when the sandbox closes is recorded as interrupted and sent again at once on the next start', async () => {
  const r = await receiver((n) => (n === 1 ? 'hang' : { status: 200 }));
  receivers.push(r);
  const first = start('in-flight.db');
  const { id } = await newTenant(first);
  const t0 = await freeze(first, id);
  await endpoint(first, id, r.url);
  const { id: eventId } = await sendTest(first, id);
  await r.arrived(1);
  stop(first);

  const second = start('in-flight.db');
  await r.arrived(2);
  await settle(second);
  expect(await events(second, id)).toMatchObject([
    {
      id: eventId,
      state: 'delivered',
      attempts: [
        { number: 1, at: iso(t0), result: 'failed', status: null, error: 'interrupted: the sandbox stopped before the answer came; sent again' },
        { number: 2, at: iso(t0), result: 'succeeded', status: 200 },
      ],
    },
  ]);
});

async function call(server: ChildServer, method: string, path: string, body?: unknown) {
  const res = await fetch(`${server.url}/_sandbox${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as Record<string, unknown>;
}

async function kill(server: ChildServer) {
  server.child.kill('SIGKILL');
  await once(server.child, 'exit');
}

test('kill -9 of a sandbox process loses nothing: between attempts the retry is sent once, mid-flight the attempt is sent again', { timeout: 90_000 }, async () => {
  // The first delivery is refused, the second never answered, the third taken.
  const r = await receiver((n) => (n === 1 ? { status: 500 } : n === 2 ? 'hang' : { status: 200 }));
  receivers.push(r);
  const env = { MAHAK_DB: join(dir, 'killed.db'), MAHAK_WORLD_SEED: 'test-world' };
  const first = await startChild('src/main.ts', env);
  const { id } = await call(first, 'POST', '/tenants', {});
  await call(first, 'POST', `/tenants/${id}/clock`, { freeze: true });
  await call(first, 'PUT', `/tenants/${id}/webhooks/ice`, { url: r.url });
  const { id: eventId } = await call(first, 'POST', `/tenants/${id}/webhooks/ice/test`);
  await r.arrived(1);
  // The failed attempt is written right after the answer; wait until the event shows it.
  for (let tries = 0; ; tries++) {
    const [event] = (await call(first, 'GET', `/tenants/${id}/webhook-events`)).events as { attempts: { result: string }[] }[];
    if (event!.attempts[0]?.result === 'failed') break;
    if (tries > 100) throw new Error('the first attempt was never recorded');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  await kill(first);

  const second = await startChild('src/main.ts', env);
  await call(second, 'POST', `/tenants/${id}/clock`, { advanceSeconds: 60 });
  await r.arrived(2);
  await kill(second);

  const third = await startChild('src/main.ts', env);
  try {
    await r.arrived(3);
    await call(third, 'POST', `/tenants/${id}/clock`, { advanceSeconds: 86_400 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(r.received.map((x) => x.headers['mahak-webhook-id'])).toEqual([eventId, eventId, eventId]);
    const [event] = (await call(third, 'GET', `/tenants/${id}/webhook-events`)).events as Record<string, unknown>[];
    expect(event).toMatchObject({
      id: eventId,
      state: 'delivered',
      attempts: [
        { number: 1, status: 500, result: 'failed' },
        { number: 2, status: null, result: 'failed', error: 'interrupted: the sandbox stopped before the answer came; sent again' },
        { number: 3, status: 200, result: 'succeeded' },
      ],
    });
  } finally {
    await kill(third);
  }
});
