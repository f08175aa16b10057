// The webhook endpoint's control routes: set (the secret shown once), show (masked), refuse a bad
// URL or provider, rotate with an overlap in which both secrets sign, pause and resume.
import { afterAll, afterEach, expect, test } from 'vitest';
import { createInstance } from '../../src/instance.js';
import { verifyWebhook } from '../../src/index.js';
import { control, newTenant } from '../helpers.js';
import { advance, endpoint, events, freeze, receiver, sendTest, settle, type Receiver } from './receiver.js';

const instance = createInstance({ db: ':memory:', worldSeed: 'test-world' });
afterAll(() => instance.close());
const receivers: Receiver[] = [];
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
});
async function listening() {
  const r = await receiver();
  receivers.push(r);
  return r;
}
const iso = (ms: number) => new Date(ms).toISOString();
async function answer(res: Response) {
  return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as unknown) };
}

test('PUT …/webhooks/{provider} answers the secret once; GET shows it masked', async () => {
  const { id } = await newTenant(instance);
  const t0 = await freeze(instance, id);
  const put = await answer(await control(instance, 'PUT', `/tenants/${id}/webhooks/freepay`, { url: 'https://example.test/hooks', ordered: false }));
  const secret = (put.body as { secret: string }).secret;
  const shown = { provider: 'freepay', url: 'https://example.test/hooks', ordered: false, paused: false, previousSecretSignsUntil: null, updatedAt: iso(t0) };
  expect(put).toEqual({ status: 200, body: { ...shown, secret: expect.stringMatching(/^whsec_[\w-]{43}$/) } });
  expect(await answer(await control(instance, 'GET', `/tenants/${id}/webhooks/freepay`))).toEqual({
    status: 200,
    body: { ...shown, secret: `${secret.slice(0, 4)}…${secret.slice(-4)}` },
  });
  // Setting it again replaces it with a new secret and the default order.
  const again = await answer(await control(instance, 'PUT', `/tenants/${id}/webhooks/freepay`, { url: 'http://127.0.0.1:1/x' }));
  expect(again).toEqual({ status: 200, body: { ...shown, url: 'http://127.0.0.1:1/x', ordered: true, secret: expect.stringMatching(/^whsec_/) } });
  expect((again.body as { secret: string }).secret).not.toBe(secret);
});

test.each([
  [{ url: 'ftp://example.test/hooks' }, 'url: must be an absolute http:// or https:// URL'],
  [{ url: '/hooks' }, 'url: must be an absolute http:// or https:// URL'],
  [{}, 'url: Invalid input: expected string, received undefined'],
  [{ url: 'http://a.test', ordered: 'yes' }, 'ordered: Invalid input: expected boolean, received string'],
  [{ url: 'http://a.test', extra: 1 }, 'body: Unrecognized key: "extra"'],
])('PUT …/webhooks/ice with %j answers 400: %s', async (body, message) => {
  const { id } = await newTenant(instance);
  expect(await answer(await control(instance, 'PUT', `/tenants/${id}/webhooks/ice`, body))).toEqual({
    status: 400,
    body: { error: 'invalid_request', message, details: expect.any(Array) },
  });
});

test('an unknown provider, or a provider without an endpoint, answers 404 naming what to do', async () => {
  const { id } = await newTenant(instance);
  expect(await answer(await control(instance, 'PUT', `/tenants/${id}/webhooks/stripe`, { url: 'http://a.test' }))).toEqual({
    status: 404,
    body: { error: 'not_found', message: 'provider stripe does not exist; use jibit, freepay, ice' },
  });
  for (const [method, path] of [['GET', ''], ['DELETE', ''], ['POST', '/rotate'], ['POST', '/pause'], ['POST', '/resume'], ['POST', '/test']] as const) {
    expect(await answer(await control(instance, method, `/tenants/${id}/webhooks/ice${path}`))).toEqual({
      status: 404,
      body: { error: 'not_found', message: `tenant ${id} has no webhook endpoint for ice; set one with PUT /_sandbox/tenants/${id}/webhooks/ice` },
    });
  }
});

test('after a rotation both secrets sign for the overlap (two v1= signatures), then only the new one', async () => {
  const { id } = await newTenant(instance);
  const t0 = await freeze(instance, id);
  const r = await listening();
  const old = await endpoint(instance, id, r.url);
  const rotated = await answer(await control(instance, 'POST', `/tenants/${id}/webhooks/ice/rotate`, { overlapSeconds: 3600 }));
  expect(rotated).toEqual({
    status: 200,
    body: { provider: 'ice', url: r.url, ordered: true, paused: false, secret: expect.stringMatching(/^whsec_/), previousSecretSignsUntil: iso(t0 + 3_600_000), updatedAt: iso(t0) },
  });
  const fresh = (rotated.body as { secret: string }).secret;
  await sendTest(instance, id);
  const [during] = await r.arrived(1);
  expect(during!.headers['mahak-webhook-signature']).toMatch(/^v1=[0-9a-f]{64} v1=[0-9a-f]{64}$/);
  expect(verifyWebhook(old, during!.headers, during!.body)).toMatchObject({ ok: true });
  expect(verifyWebhook(fresh, during!.headers, during!.body)).toMatchObject({ ok: true });
  await advance(instance, id, 3600);
  await sendTest(instance, id);
  const after = (await r.arrived(2))[1]!;
  expect(after.headers['mahak-webhook-signature']).toMatch(/^v1=[0-9a-f]{64}$/);
  expect(verifyWebhook(fresh, after.headers, after.body)).toMatchObject({ ok: true });
  expect(verifyWebhook(old, after.headers, after.body)).toEqual({ ok: false, reason: 'no v1 signature matches the secret' });
  // overlapSeconds 0: the old secret stops at once; a bad overlap is refused.
  const now = await answer(await control(instance, 'POST', `/tenants/${id}/webhooks/ice/rotate`, { overlapSeconds: 0 }));
  expect(now.body).toMatchObject({ previousSecretSignsUntil: null });
  expect(await answer(await control(instance, 'POST', `/tenants/${id}/webhooks/ice/rotate`, { overlapSeconds: 1.5 }))).toEqual({
    status: 400,
    body: { error: 'invalid_request', message: 'overlapSeconds: must be whole seconds', details: expect.any(Array) },
  });
});

test('a paused endpoint keeps its events queued; resuming sends what fell due', async () => {
  const { id } = await newTenant(instance);
  await freeze(instance, id);
  const r = await listening();
  await endpoint(instance, id, r.url);
  expect(await answer(await control(instance, 'POST', `/tenants/${id}/webhooks/ice/pause`))).toMatchObject({ status: 200, body: { paused: true } });
  const { id: eventId } = await sendTest(instance, id);
  await settle(instance);
  await advance(instance, id, 3600);
  expect(r.received).toHaveLength(0);
  expect(await events(instance, id)).toMatchObject([{ id: eventId, state: 'pending', attempts: [] }]);
  expect(await answer(await control(instance, 'POST', `/tenants/${id}/webhooks/ice/resume`))).toMatchObject({ status: 200, body: { paused: false } });
  const [got] = await r.arrived(1);
  expect(got!.headers['mahak-webhook-id']).toBe(eventId);
});

test("deleting the tenant removes its endpoints and events; a reset removes them too", async () => {
  const { id } = await newTenant(instance);
  const r = await listening();
  await endpoint(instance, id, r.url);
  await sendTest(instance, id);
  await r.arrived(1);
  await settle(instance);
  expect((await control(instance, 'POST', `/tenants/${id}/reset`)).status).toBe(200);
  expect(await events(instance, id)).toEqual([]);
  expect((await control(instance, 'GET', `/tenants/${id}/webhooks/ice`)).status).toBe(404);
  await endpoint(instance, id, r.url);
  await sendTest(instance, id);
  await r.arrived(2);
  await settle(instance);
  expect((await control(instance, 'DELETE', `/tenants/${id}`)).status).toBe(204);
  const left = instance.deps.db.$client.prepare('SELECT (SELECT count(*) FROM webhook_events WHERE tenant_id = ?) + (SELECT count(*) FROM webhook_attempts WHERE tenant_id = ?) + (SELECT count(*) FROM webhook_endpoints WHERE tenant_id = ?) AS n').get(id, id, id);
  expect(left).toEqual({ n: 0 });
});

test('GET …/webhook-events refuses an unknown filter, and an event emitted without an endpoint waits as no_endpoint', async () => {
  const { id } = await newTenant(instance);
  expect(await answer(await control(instance, 'GET', `/tenants/${id}/webhook-events?stat=failed`))).toEqual({
    status: 400,
    body: { error: 'invalid_request', message: 'stat: not a filter; use provider, type, state, limit' },
  });
  const { emit } = await import('../../src/core/webhooks/index.js');
  const eventId = emit(instance.deps, { tenantId: id, provider: 'freepay', type: 'freepay.payment.paid', payload: { authority: '1' }, occurredAtMs: Date.parse('2026-03-25T08:00:00Z') });
  expect(await events(instance, id, '?provider=freepay')).toEqual([
    { id: eventId, provider: 'freepay', type: 'freepay.payment.paid', occurredAt: '2026-03-25T08:00:00.000Z', state: 'no_endpoint', nextAttemptAt: null, payload: { authority: '1' }, fault: null, attempts: [] },
  ]);
  const r = await listening();
  await endpoint(instance, id, r.url, 'freepay');
  expect((await control(instance, 'POST', `/tenants/${id}/webhook-events/${eventId}/redeliver`)).status).toBe(202);
  const [got] = await r.arrived(1);
  expect(JSON.parse(got!.body)).toEqual({ id: eventId, type: 'freepay.payment.paid', provider: 'freepay', occurredAt: '2026-03-25T08:00:00.000Z', data: { authority: '1' } });
});
