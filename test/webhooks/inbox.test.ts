// The webhook inbox: a receiver built into the sandbox, reached over a real socket. Deliveries to
// its URL are kept with their signature checked against the tenant's endpoint; one that does not
// verify is answered 400, a repeated event id is marked, and `?status=` makes it a failing receiver.
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createSandbox } from '../../src/index.js';

const sandbox = createSandbox({ worldSeed: 'test-world' });
let base = '';
beforeAll(async () => {
  base = (await sandbox.listen(0)).url;
});
afterAll(() => sandbox.close());

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(`${base}/_sandbox${path}`, { method, headers: body === undefined ? {} : { 'content-type': 'application/json' }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  const text = await res.text();
  return { status: res.status, body: text === '' ? null : (JSON.parse(text) as unknown) };
}

async function tenant(): Promise<string> {
  const created = await call('POST', '/tenants', {});
  expect(created.status).toBe(201);
  return (created.body as { id: string }).id;
}

type Inbox = { url: string; path: string; deliveries: Record<string, unknown>[] };
const inbox = async (id: string) => (await call('GET', `/tenants/${id}/webhook-inbox`)).body as Inbox;

/** Polls the inbox until `count` deliveries arrived (two seconds at most). */
async function arrived(id: string, count: number): Promise<Inbox> {
  const deadline = Date.now() + 2_000;
  for (;;) {
    const now = await inbox(id);
    if (now.deliveries.length >= count || Date.now() > deadline) return now;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

test('an endpoint set to the inbox URL gets its deliveries kept, the signature checked and the delivery answered 204', async () => {
  const id = await tenant();
  const empty = await inbox(id);
  expect(empty).toEqual({ url: `${base}${empty.path}`, path: expect.stringMatching(new RegExp(`^/_sandbox/inbox/${id}_[\\w-]{43}$`)), deliveries: [] });
  expect((await call('PUT', `/tenants/${id}/webhooks/ice`, { url: empty.url })).status).toBe(200);
  const sent = (await call('POST', `/tenants/${id}/webhooks/ice/test`)).body as { id: string };
  const { deliveries } = await arrived(id, 1);
  expect(deliveries).toEqual([
    {
      number: 1,
      receivedAt: expect.stringMatching(/Z$/),
      eventId: sent.id,
      type: 'mahak.test',
      provider: 'ice',
      headers: {
        'Mahak-Webhook-Id': sent.id,
        'Mahak-Webhook-Type': 'mahak.test',
        'Mahak-Webhook-Timestamp': expect.stringMatching(/^\d+$/),
        'Mahak-Webhook-Signature': expect.stringMatching(/^v1=[0-9a-f]{64}$/),
        'Content-Type': 'application/json',
      },
      body: { id: sent.id, type: 'mahak.test', provider: 'ice', occurredAt: expect.any(String), data: { message: 'A test event sent from the control API' } },
      signature: { valid: true, reason: null },
      duplicate: false,
      answered: 204,
    },
  ]);
  const events = (await call('GET', `/tenants/${id}/webhook-events`)).body as { events: { state: string; attempts: { status: number }[] }[] };
  expect(events.events[0]).toMatchObject({ state: 'delivered', attempts: [{ status: 204 }] });
});

test('a delivery whose signature does not verify is kept and answered 400 with the reason; a redelivery is marked a duplicate', async () => {
  const id = await tenant();
  const { url, path } = await inbox(id);
  expect((await call('PUT', `/tenants/${id}/webhooks/ice`, { url })).status).toBe(200);
  // A forged delivery, signed with no secret of the endpoint.
  const forged = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'Mahak-Webhook-Id': 'whe_forged', 'Mahak-Webhook-Type': 'mahak.test', 'Mahak-Webhook-Timestamp': String(Math.floor(Date.now() / 1000)), 'Mahak-Webhook-Signature': `v1=${'0'.repeat(64)}` },
    body: JSON.stringify({ id: 'whe_forged', type: 'mahak.test', provider: 'ice', data: {} }),
  });
  expect(forged.status).toBe(400);
  expect(await forged.json()).toEqual({ error: 'bad_signature', message: 'the delivery was kept, but its signature does not verify: no v1 signature matches the secret' });
  const sent = (await call('POST', `/tenants/${id}/webhooks/ice/test`)).body as { id: string };
  await arrived(id, 2);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await call('POST', `/tenants/${id}/webhook-events/${sent.id}/redeliver`)).status).toBe(202);
  const { deliveries } = await arrived(id, 3);
  expect(deliveries.map((d) => ({ eventId: d.eventId, signature: d.signature, duplicate: d.duplicate, answered: d.answered }))).toEqual([
    { eventId: 'whe_forged', signature: { valid: false, reason: 'no v1 signature matches the secret' }, duplicate: false, answered: 400 },
    { eventId: sent.id, signature: { valid: true, reason: null }, duplicate: false, answered: 204 },
    { eventId: sent.id, signature: { valid: true, reason: null }, duplicate: true, answered: 204 },
  ]);
});

test('?status= makes the inbox answer that status to good deliveries, so the sandbox retries; DELETE empties it; a wrong key is 404', async () => {
  const id = await tenant();
  const { url } = await inbox(id);
  expect((await call('PUT', `/tenants/${id}/webhooks/ice`, { url: `${url}?status=503` })).status).toBe(200);
  await call('POST', `/tenants/${id}/webhooks/ice/test`);
  expect((await arrived(id, 1)).deliveries[0]).toMatchObject({ signature: { valid: true }, answered: 503 });
  await new Promise((resolve) => setTimeout(resolve, 50));
  const events = (await call('GET', `/tenants/${id}/webhook-events`)).body as { events: { state: string; attempts: { status: number; error: string }[] }[] };
  expect(events.events[0]).toMatchObject({ state: 'pending', attempts: [{ status: 503, error: 'answered 503' }] });
  expect((await call('DELETE', `/tenants/${id}/webhook-inbox`)).status).toBe(204);
  expect((await inbox(id)).deliveries).toEqual([]);
  expect(await call('POST', `/inbox/${id}_${'A'.repeat(43)}`, {})).toEqual({ status: 404, body: { error: 'not_found', message: 'no webhook inbox has this key; GET /_sandbox/tenants/{id}/webhook-inbox answers the URL' } });
  expect(await call('POST', `/inbox/${(await inbox(id)).path.split('/').at(-1)}?status=99`, {})).toMatchObject({ status: 400, body: { error: 'invalid_request' } });
});
