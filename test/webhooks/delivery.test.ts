// Webhook deliveries to a real receiver on a loopback port: the signed POST, retries on the
// documented schedule as the tenant clock is advanced, failure after the last retry, redelivery.
import { afterAll, afterEach, expect, test } from 'vitest';
import { createInstance } from '../../src/instance.js';
import { verifyWebhook } from '../../src/index.js';
import { control, newTenant } from '../helpers.js';
import { advance, endpoint, events, freeze, receiver, sendTest, settle, type Receiver } from './receiver.js';

// A short timeout, so a receiver that never answers fails an attempt quickly.
const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', webhooks: { timeoutMs: 300 } });
afterAll(() => instance.close());
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});
async function listening(answer?: Parameters<typeof receiver>[0]) {
  const r = await receiver(answer);
  receivers.push(r);
  return r;
}

const iso = (ms: number) => new Date(ms).toISOString();
const testPayload = { message: 'A test event sent from the control API' };

test('POST …/webhooks/ice/test delivers a signed JSON POST that verifyWebhook accepts with the secret PUT answered', async () => {
  const { id } = await newTenant(instance);
  const t0 = await freeze(instance, id);
  const r = await listening(() => ({ status: 204 }));
  const secret = await endpoint(instance, id, r.url);
  expect(secret).toMatch(/^whsec_[\w-]{43}$/);
  const res = await control(instance, 'POST', `/tenants/${id}/webhooks/ice/test`);
  expect(res.status).toBe(202);
  const queued = (await res.json()) as { id: string };
  expect(queued).toEqual({
    id: expect.stringMatching(/^whe_[\w-]{16}$/),
    provider: 'ice',
    type: 'mahak.test',
    occurredAt: iso(t0),
    state: 'pending',
    nextAttemptAt: iso(t0),
    payload: testPayload,
    fault: null,
    attempts: [],
  });
  const [got] = await r.arrived(1);
  await settle(instance);
  expect(got!.method).toBe('POST');
  expect(got!.path).toBe('/hooks');
  expect(got!.headers['content-type']).toBe('application/json');
  expect(got!.headers['mahak-webhook-id']).toBe(queued.id);
  expect(got!.headers['mahak-webhook-type']).toBe('mahak.test');
  expect(got!.headers['mahak-webhook-timestamp']).toMatch(/^\d{10}$/);
  expect(got!.headers['mahak-webhook-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
  expect(JSON.parse(got!.body)).toEqual({ id: queued.id, type: 'mahak.test', provider: 'ice', occurredAt: iso(t0), data: testPayload });
  expect(verifyWebhook(secret, got!.headers, got!.body)).toEqual({
    ok: true,
    id: queued.id,
    type: 'mahak.test',
    timestampSeconds: Number(got!.headers['mahak-webhook-timestamp']),
  });
  // Another secret, a body changed by one character, or a stale timestamp are refused.
  expect(verifyWebhook(`${secret}x`, got!.headers, got!.body)).toEqual({ ok: false, reason: 'no v1 signature matches the secret' });
  expect(verifyWebhook(secret, got!.headers, got!.body.replace('test', 'tesT'))).toEqual({ ok: false, reason: 'no v1 signature matches the secret' });
  const later = (Number(got!.headers['mahak-webhook-timestamp']) + 301) * 1000;
  expect(verifyWebhook(secret, got!.headers, got!.body, { nowMs: later })).toEqual({ ok: false, reason: 'the timestamp is 301 s from now, more than the 300 s allowed' });
  expect(verifyWebhook(secret, got!.headers, got!.body, { nowMs: later, toleranceSeconds: 400 })).toMatchObject({ ok: true });
  expect(await events(instance, id)).toEqual([
    {
      ...queued,
      state: 'delivered',
      nextAttemptAt: null,
      attempts: [{ number: 1, at: iso(t0), wallAt: expect.any(String), url: r.url, result: 'succeeded', status: 204, latencyMs: expect.any(Number), error: null, responseHead: '', fault: null }],
    },
  ]);
});

test('a receiver that fails twice then succeeds gets exactly three attempts: at once, 1 min later and 5 min after that', async () => {
  const { id } = await newTenant(instance);
  const t0 = await freeze(instance, id);
  const r = await listening((n) => (n < 3 ? { status: 500, body: `down ${n}` } : { status: 200, body: 'thanks' }));
  const secret = await endpoint(instance, id, r.url);
  const { id: eventId } = await sendTest(instance, id);
  await r.arrived(1);
  await settle(instance);
  const attempt = (number: number, atMs: number, status: number, body: string) => ({
    number,
    at: iso(atMs),
    wallAt: expect.any(String),
    url: r.url,
    result: status === 200 ? 'succeeded' : 'failed',
    status,
    latencyMs: expect.any(Number),
    error: status === 200 ? null : `answered ${status}`,
    responseHead: body,
    fault: null,
  });
  const event = (state: string, next: number | null, attempts: unknown[]) => ({
    id: eventId, provider: 'ice', type: 'mahak.test', occurredAt: iso(t0), state, nextAttemptAt: next === null ? null : iso(next), payload: testPayload, fault: null, attempts,
  });
  expect(await events(instance, id)).toEqual([event('pending', t0 + 60_000, [attempt(1, t0, 500, 'down 1')])]);
  // A second short of the minute nothing is due.
  await advance(instance, id, 59);
  expect(r.received).toHaveLength(1);
  await advance(instance, id, 1);
  await r.arrived(2);
  await settle(instance);
  expect(await events(instance, id)).toEqual([event('pending', t0 + 360_000, [attempt(1, t0, 500, 'down 1'), attempt(2, t0 + 60_000, 500, 'down 2')])]);
  await advance(instance, id, 299);
  expect(r.received).toHaveLength(2);
  await advance(instance, id, 1);
  await r.arrived(3);
  await settle(instance);
  expect(await events(instance, id)).toEqual([
    event('delivered', null, [attempt(1, t0, 500, 'down 1'), attempt(2, t0 + 60_000, 500, 'down 2'), attempt(3, t0 + 360_000, 200, 'thanks')]),
  ]);
  // Every attempt carried the same event, signed afresh; nothing more comes.
  await advance(instance, id, 86_400);
  expect(r.received).toHaveLength(3);
  expect(new Set(r.received.map((x) => x.body)).size).toBe(1);
  for (const x of r.received) expect(verifyWebhook(secret, x.headers, x.body)).toMatchObject({ ok: true, id: eventId });
});

test('a receiver that never answers is tried six times on the schedule (1 min, 5 min, 30 min, 2 h, 6 h), then the event has failed', async () => {
  const { id } = await newTenant(instance);
  const t0 = await freeze(instance, id);
  const r = await listening(() => 'hang');
  await endpoint(instance, id, r.url);
  const { id: eventId } = await sendTest(instance, id);
  await r.arrived(1);
  await settle(instance);
  let at = t0;
  const times = [t0];
  for (const [n, waitSeconds] of [60, 300, 1_800, 7_200, 21_600].entries()) {
    await advance(instance, id, waitSeconds);
    await r.arrived(n + 2);
    await settle(instance);
    times.push((at += waitSeconds * 1000));
  }
  await advance(instance, id, 7 * 86_400);
  expect(r.received).toHaveLength(6);
  expect(await events(instance, id)).toEqual([
    {
      id: eventId, provider: 'ice', type: 'mahak.test', occurredAt: iso(t0), state: 'failed', nextAttemptAt: null, payload: testPayload, fault: null,
      attempts: times.map((ms, i) => ({
        number: i + 1, at: iso(ms), wallAt: expect.any(String), url: r.url, result: 'failed', status: null, latencyMs: expect.any(Number), error: 'no answer within 300 ms', responseHead: null, fault: null,
      })),
    },
  ]);
});

test('POST …/webhook-events/{eventId}/redeliver sends a delivered event again under the same id, and a failed one gets a fresh schedule', async () => {
  const { id } = await newTenant(instance);
  const t0 = await freeze(instance, id);
  let failing = false;
  const r = await listening(() => (failing ? { status: 503 } : { status: 200, body: 'ok' }));
  await endpoint(instance, id, r.url);
  const { id: eventId } = await sendTest(instance, id);
  await r.arrived(1);
  await settle(instance);
  await advance(instance, id, 10);
  const res = await control(instance, 'POST', `/tenants/${id}/webhook-events/${eventId}/redeliver`);
  expect(res.status).toBe(202);
  expect(await res.json()).toMatchObject({ id: eventId, state: 'pending', nextAttemptAt: iso(t0 + 10_000), attempts: [{ number: 1, result: 'succeeded' }] });
  await r.arrived(2);
  await settle(instance);
  expect(r.received[1]!.headers['mahak-webhook-id']).toBe(eventId);
  expect(r.received[1]!.body).toBe(r.received[0]!.body);
  const [listed] = (await events(instance, id)) as { state: string; attempts: { number: number; at: string; status: number }[] }[];
  expect(listed!.state).toBe('delivered');
  expect(listed!.attempts.map((a) => [a.number, a.at, a.status])).toEqual([[1, iso(t0), 200], [2, iso(t0 + 10_000), 200]]);

  // A redelivery that fails follows the schedule from its own first attempt.
  failing = true;
  await control(instance, 'POST', `/tenants/${id}/webhook-events/${eventId}/redeliver`);
  await r.arrived(3);
  await settle(instance);
  expect(await events(instance, id, '?state=pending')).toMatchObject([{ id: eventId, nextAttemptAt: iso(t0 + 70_000) }]);
});

test('redeliver answers 404 for an event the tenant does not have, and 409 while the event has no endpoint', async () => {
  const { id } = await newTenant(instance);
  expect(await (await control(instance, 'POST', `/tenants/${id}/webhook-events/whe_none/redeliver`)).json()).toEqual({
    error: 'not_found',
    message: `webhook event whe_none of tenant ${id} does not exist`,
  });
  const r = await listening();
  await endpoint(instance, id, r.url);
  const { id: eventId } = await sendTest(instance, id);
  await r.arrived(1);
  await settle(instance);
  expect((await control(instance, 'DELETE', `/tenants/${id}/webhooks/ice`)).status).toBe(204);
  const res = await control(instance, 'POST', `/tenants/${id}/webhook-events/${eventId}/redeliver`);
  expect(res.status).toBe(409);
  expect(await res.json()).toEqual({ error: 'conflict', message: `tenant ${id} has no webhook endpoint for ice; set one first` });
});
