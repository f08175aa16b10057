// Delivery faults on purpose: a scenario's `deliveries` rules make an event arrive twice, out of
// order, with a signature that does not verify, or not at all for a while (endpoint down), each
// recorded on the attempts it touched, with the rest of the delivery as usual.
import { afterAll, afterEach, expect, test } from 'vitest';
import { createInstance } from '../../src/instance.js';
import { verifyWebhook } from '../../src/core/webhooks/index.js';
import { control, json, newTenant } from '../helpers.js';
import { advance, endpoint, events, freeze, receiver, sendTest, settle, type Answer, type Receiver } from './receiver.js';

const instance = createInstance({ db: ':memory:', worldSeed: 'test-world' });
afterAll(() => instance.close());
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});

let scenarios = 0;

/** A tenant on a frozen clock whose active ICE scenario has these delivery rules, its ICE endpoint at a fresh receiver. */
async function faulty(deliveries: unknown[], answer?: Answer) {
  const name = `delivery-faults-${++scenarios}`;
  const up = await control(instance, 'POST', '/scenarios', { name, provider: 'ice', description: 'delivery faults on purpose', deliveries });
  expect(up.status).toBe(201);
  const { id } = await newTenant(instance);
  expect((await control(instance, 'PUT', `/tenants/${id}/scenario`, { name })).status).toBe(200);
  const t0 = await freeze(instance, id);
  const r = await receiver(answer);
  receivers.push(r);
  const secret = await endpoint(instance, id, r.url);
  return { id, name, r, secret, t0 };
}

const ids = (r: Receiver) => r.received.map((x) => x.headers['mahak-webhook-id']);
type Listed = { id: string; state: string; fault: unknown; attempts: { number: number; result: string; status: number | null; error: string | null; fault: string | null }[] };
const listed = async (tenantId: string) => (await events(instance, tenantId)) as Listed[];
const brief = (a: Listed['attempts'][number]) => ({ number: a.number, result: a.result, status: a.status, error: a.error, fault: a.fault });

test('duplicate: a delivered event arrives once more at once, the same id and body, both signed well', async () => {
  const { id, name, r, secret } = await faulty([{ fault: 'duplicate' }]);
  const { id: eventId } = await sendTest(instance, id);
  await r.arrived(2);
  await settle(instance);
  expect(ids(r)).toEqual([eventId, eventId]);
  expect(r.received[1]!.body).toBe(r.received[0]!.body);
  for (const got of r.received) expect(verifyWebhook(secret, got.headers, got.body)).toMatchObject({ ok: true, id: eventId });
  const [event] = await listed(id);
  expect(event!.state).toBe('delivered');
  expect(event!.fault).toEqual({ rule: `${name}/1`, kind: 'duplicate', attempts: null });
  expect(event!.attempts.map(brief)).toEqual([
    { number: 1, result: 'succeeded', status: 200, error: null, fault: null },
    { number: 2, result: 'succeeded', status: 200, error: null, fault: `duplicate on purpose (scenario ${name}/1): the event was delivered already` },
  ]);
  // Only the event the rule matched: the next one arrives once.
  await sendTest(instance, id);
  await r.arrived(3);
  await settle(instance);
  expect(r.received).toHaveLength(3);
});

test('out-of-order: the first event is held back until the second is delivered, then sent', async () => {
  const { id, name, r } = await faulty([{ id: 'first-late', when: { nth: 1 }, fault: 'out-of-order' }]);
  const first = (await sendTest(instance, id)).id;
  await settle(instance);
  expect(r.received).toHaveLength(0);
  const second = (await sendTest(instance, id)).id;
  await r.arrived(2);
  await settle(instance);
  expect(ids(r)).toEqual([second, first]);
  const [late] = (await listed(id)).filter((e) => e.id === first);
  expect(late!.fault).toEqual({ rule: `${name}/first-late`, kind: 'out-of-order', attempts: null });
  expect(late!.attempts.map(brief)).toEqual([
    { number: 1, result: 'succeeded', status: 200, error: null, fault: `out of order on purpose (scenario ${name}/first-late): held back until a later event was delivered` },
  ]);
});

test('out-of-order: an event no later event overtakes is sent once the five-minute hold ends on the tenant clock', async () => {
  const { id, r } = await faulty([{ fault: 'out-of-order' }]);
  const { id: eventId } = await sendTest(instance, id);
  await advance(instance, id, 299);
  expect(r.received).toHaveLength(0);
  await advance(instance, id, 1);
  await r.arrived(1);
  expect(ids(r)).toEqual([eventId]);
});

test('bad-signature: the first attempt carries a signature no secret makes; a receiver that checks refuses it, and the retry verifies', async () => {
  let secret = '';
  const { id, name, r, t0, ...rest } = await faulty([{ fault: 'bad-signature' }], (n) => {
    const got = r.received[n - 1]!;
    return verifyWebhook(secret, got.headers, got.body).ok ? { status: 204 } : { status: 400, body: 'bad signature' };
  });
  secret = rest.secret;
  const { id: eventId } = await sendTest(instance, id);
  await r.arrived(1);
  await settle(instance);
  expect(verifyWebhook(secret, r.received[0]!.headers, r.received[0]!.body)).toEqual({ ok: false, reason: 'no v1 signature matches the secret' });
  expect(r.received[0]!.headers['mahak-webhook-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
  await advance(instance, id, 60);
  await r.arrived(2);
  await settle(instance);
  expect(verifyWebhook(secret, r.received[1]!.headers, r.received[1]!.body)).toMatchObject({ ok: true, id: eventId });
  const [event] = await listed(id);
  expect(event!.state).toBe('delivered');
  expect(event!.fault).toEqual({ rule: `${name}/1`, kind: 'bad-signature', attempts: 1 });
  expect(event!.attempts.map(brief)).toEqual([
    { number: 1, result: 'failed', status: 400, error: 'answered 400', fault: `bad signature on purpose (scenario ${name}/1)` },
    { number: 2, result: 'succeeded', status: 204, error: null, fault: null },
  ]);
  void t0;
});

test('endpoint-down: the first attempts are not sent and fail; the retries on the schedule deliver', async () => {
  const { id, name, r } = await faulty([{ when: { type: 'mahak.test' }, fault: 'endpoint-down', attempts: 2 }]);
  await sendTest(instance, id);
  await settle(instance);
  await advance(instance, id, 60);
  expect(r.received).toHaveLength(0);
  const down = `endpoint down on purpose (scenario ${name}/1): not sent`;
  expect((await listed(id))[0]!.attempts.map(brief)).toEqual([
    { number: 1, result: 'failed', status: null, error: down, fault: down },
    { number: 2, result: 'failed', status: null, error: down, fault: down },
  ]);
  await advance(instance, id, 299);
  expect(r.received).toHaveLength(0);
  await advance(instance, id, 1);
  await r.arrived(1);
  await settle(instance);
  const [event] = await listed(id);
  expect(event!.state).toBe('delivered');
  expect(event!.attempts.map((a) => a.result)).toEqual(['failed', 'failed', 'succeeded']);
});

test('a rule whose type does not match, or a scenario of another provider, leaves the delivery alone; a redelivery repeats no fault', async () => {
  const { id, r } = await faulty([{ when: { type: { regex: '^ice\\.report\\.' } }, fault: 'endpoint-down' }]);
  const { id: eventId } = await sendTest(instance, id);
  await r.arrived(1);
  await settle(instance);
  expect((await listed(id))[0]!.fault).toBeNull();

  const dup = await faulty([{ fault: 'duplicate' }]);
  const sent = (await sendTest(instance, dup.id)).id;
  await dup.r.arrived(2);
  await settle(instance);
  expect((await control(instance, 'POST', `/tenants/${dup.id}/webhook-events/${sent}/redeliver`)).status).toBe(202);
  await dup.r.arrived(3);
  await settle(instance);
  expect(dup.r.received).toHaveLength(3);

  // A Jibit scenario's delivery rules do not touch ICE's events.
  await control(instance, 'POST', '/scenarios', { name: 'jibit-deliveries', provider: 'jibit', description: 'd', deliveries: [{ fault: 'endpoint-down' }] });
  expect((await control(instance, 'PUT', `/tenants/${id}/scenario`, { name: 'jibit-deliveries' })).status).toBe(200);
  await sendTest(instance, id);
  await r.arrived(2);
  void eventId;
});

test('a delivery rule that does not hold together is refused at upload with its path and reason', async () => {
  const upload = async (deliveries: unknown[]) => {
    const res = await control(instance, 'POST', '/scenarios', { name: 'bad-deliveries', provider: 'ice', description: 'd', deliveries });
    return { status: res.status, body: await json(res) };
  };
  expect(await upload([{ fault: 'duplicate', attempts: 2 }])).toEqual({
    status: 400,
    body: {
      error: 'invalid_scenario',
      message: 'deliveries.0.attempts: attempts goes with bad-signature or endpoint-down, not duplicate',
      details: { reasons: ['deliveries.0.attempts: attempts goes with bad-signature or endpoint-down, not duplicate'] },
    },
  });
  const unknown = await upload([{ fault: 'lost' }]);
  expect(unknown.status).toBe(400);
  expect((unknown.body as { message: string }).message).toMatch(/^deliveries\.0\.fault: /);
  const tooMany = await upload([{ fault: 'endpoint-down', attempts: 7 }]);
  expect(tooMany.status).toBe(400);
  expect((tooMany.body as { message: string }).message).toMatch(/^deliveries\.0\.attempts: /);
  const both = await upload([{ when: { nth: 1, every: 2 }, fault: 'duplicate' }]);
  expect((both.body as { message: string }).message).toBe('deliveries.0.when: nth names one attempt; it cannot be combined with from, to or every');
});
