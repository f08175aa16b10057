// The outbox: SMS and webhooks sent through instance.deps.outbox are listed per tenant at
// GET /_sandbox/tenants/{id}/outbox (filters, most recently sent first) and emptied by DELETE.
import { expect, test } from 'vitest';
import type { OutboxMessage } from '../../src/core/outbox.js';
import { control, json, newTenant, sandbox } from '../helpers.js';

const instance = sandbox();
const outbox = instance.deps.outbox;

async function expectAnswer(res: Response, status: number, body: unknown) {
  expect({ status: res.status, type: res.headers.get('content-type'), body: await json(res) }).toEqual({ status, type: 'application/json', body });
}

const list = (id: string, query = '') => control(instance, 'GET', `/tenants/${id}/outbox${query}`);

/**
 * Sends four messages for the tenant, in this order, and answers each as the listing must show
 * it: two ICE consent SMS and two Freepay callbacks (a POST with a JSON body, a bare GET).
 */
function sendFour(tenantId: string) {
  const messages: OutboxMessage[] = [
    { tenantId, provider: 'ice', atMs: Date.parse('2026-03-25T08:00:00Z'), channel: 'sms', recipient: '09121234567', text: 'کد تأیید: 482913' },
    {
      tenantId, provider: 'freepay', atMs: Date.parse('2026-03-25T08:00:05Z'), channel: 'webhook', recipient: 'https://shop.example/callback',
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: { authority: 'A0001', status: 'OK', amount: 120000 },
    },
    { tenantId, provider: 'ice', atMs: Date.parse('2026-03-25T08:01:00Z'), channel: 'sms', recipient: '09351112233', text: 'رضایت شما ثبت شد' },
    { tenantId, provider: 'freepay', atMs: Date.parse('2026-03-25T08:02:00.250Z'), channel: 'webhook', recipient: 'https://shop.example/callback?authority=A0002', method: 'GET' },
  ];
  const expected = [
    { at: '2026-03-25T08:00:00.000Z', provider: 'ice', channel: 'sms', recipient: '09121234567', message: { text: 'کد تأیید: 482913' } },
    {
      at: '2026-03-25T08:00:05.000Z', provider: 'freepay', channel: 'webhook', recipient: 'https://shop.example/callback',
      message: { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: { authority: 'A0001', status: 'OK', amount: 120000 } },
    },
    { at: '2026-03-25T08:01:00.000Z', provider: 'ice', channel: 'sms', recipient: '09351112233', message: { text: 'رضایت شما ثبت شد' } },
    {
      at: '2026-03-25T08:02:00.250Z', provider: 'freepay', channel: 'webhook', recipient: 'https://shop.example/callback?authority=A0002',
      message: { method: 'GET', headers: {}, body: null },
    },
  ];
  return messages.map((m, i) => {
    const sent = outbox.send(m);
    expect(sent).toEqual({ id: expect.any(Number), ...expected[i] });
    return sent;
  });
}

test('GET /_sandbox/tenants/{id}/outbox for a new tenant answers 200 {"entries": []}', async () => {
  const { id } = await newTenant(instance);
  await expectAnswer(await list(id), 200, { entries: [] });
});

test('outbox.send answers each message as listed, and GET /outbox answers 200 with all of them, the most recently sent first', async () => {
  const { id } = await newTenant(instance);
  const [sms1, hook1, sms2, hook2] = sendFour(id);
  expect(sms1!.id < hook1!.id && hook1!.id < sms2!.id && sms2!.id < hook2!.id).toBe(true);
  await expectAnswer(await list(id), 200, { entries: [hook2, sms2, hook1, sms1] });
});

test('GET /outbox of two tenants answers each only its own messages', async () => {
  const a = await newTenant(instance);
  const b = await newTenant(instance);
  const ofA = sendFour(a.id);
  const ofB = outbox.send({ tenantId: b.id, provider: 'ice', atMs: Date.parse('2026-03-25T08:00:30Z'), channel: 'sms', recipient: '09120000000', text: 'b' });
  await expectAnswer(await list(a.id), 200, { entries: [...ofA].reverse() });
  await expectAnswer(await list(b.id), 200, { entries: [ofB] });
  await expectAnswer(await list(b.id, '?recipient=09121234567'), 200, { entries: [] });
});

// Indices into the four messages of sendFour: 0 and 2 are SMS, 1 and 3 webhooks.
test.each([
  ['?channel=sms', [2, 0]],
  ['?channel=webhook', [3, 1]],
  ['?provider=ice', [2, 0]],
  ['?provider=jibit', []],
  ['?recipient=09121234567', [0]],
  ['?recipient=https%3A%2F%2Fshop.example%2Fcallback', [1]],
  ['?recipient=https://shop.example/callback?authority=A0002', [3]],
  ['?since=2026-03-25T08:01:00Z', [3, 2]],
  ['?since=2026-03-25T08:01:00.001Z', [3]],
  ['?since=2026-03-25T11:31:00%2B03:30', [3, 2]],
  ['?since=2026-03-25T11:31:00+03:30', [3, 2]],
  ['?since=2026-03-25T08:02:00.251Z', []],
  ['?limit=2', [3, 2]],
  ['?limit=1000', [3, 2, 1, 0]],
  ['?channel=sms&provider=ice&since=2026-03-25T08:00:01Z', [2]],
  ['?channel=webhook&limit=1', [3]],
])('GET /outbox%s answers the matching messages, the most recently sent first', async (query, picked) => {
  const { id } = await newTenant(instance);
  const sent = sendFour(id);
  await expectAnswer(await list(id, query), 200, { entries: picked.map((i) => sent[i]) });
});

test('GET /outbox lists in the order of sending, even when the tenant clock went back between two sends', async () => {
  const { id } = await newTenant(instance);
  const first = outbox.send({ tenantId: id, provider: 'ice', atMs: Date.parse('2026-03-25T09:00:00Z'), channel: 'sms', recipient: '09121234567', text: 'first' });
  const second = outbox.send({ tenantId: id, provider: 'ice', atMs: Date.parse('2026-03-25T08:00:00Z'), channel: 'sms', recipient: '09121234567', text: 'second' });
  expect(second).toEqual({ id: first.id + 1, at: '2026-03-25T08:00:00.000Z', provider: 'ice', channel: 'sms', recipient: '09121234567', message: { text: 'second' } });
  await expectAnswer(await list(id), 200, { entries: [second, first] });
});

test('GET /outbox without limit answers the 100 most recent of 101 messages; limit=1000 answers all 101', async () => {
  const { id } = await newTenant(instance);
  const startMs = Date.parse('2026-03-25T08:00:00Z');
  const sent = Array.from({ length: 101 }, (_, i) =>
    outbox.send({ tenantId: id, provider: 'ice', atMs: startMs + i * 1000, channel: 'sms', recipient: '09121234567', text: `message ${i}` }),
  );
  const newestFirst = [...sent].reverse();
  await expectAnswer(await list(id), 200, { entries: newestFirst.slice(0, 100) });
  await expectAnswer(await list(id, '?limit=1000'), 200, { entries: newestFirst });
});

test('DELETE /_sandbox/tenants/{id}/outbox answers 204 and empties that tenant\'s outbox only', async () => {
  const a = await newTenant(instance);
  const b = await newTenant(instance);
  sendFour(a.id);
  const ofB = sendFour(b.id);
  const res = await control(instance, 'DELETE', `/tenants/${a.id}/outbox`);
  expect({ status: res.status, body: await res.text() }).toEqual({ status: 204, body: '' });
  await expectAnswer(await list(a.id), 200, { entries: [] });
  await expectAnswer(await list(b.id), 200, { entries: [...ofB].reverse() });
  const again = await control(instance, 'DELETE', `/tenants/${a.id}/outbox`);
  expect(again.status).toBe(204);
});

test.each(['GET', 'DELETE'])('%s /_sandbox/tenants/{id}/outbox for an unknown tenant answers 404 not_found', async (method) => {
  await expectAnswer(await control(instance, method, '/tenants/ten_missing/outbox'), 404, {
    error: 'not_found',
    message: 'tenant ten_missing does not exist',
  });
});

const invalid = (path: string, message: string) => ({ error: 'invalid_request', message: `${path}: ${message}`, details: [{ path, message }] });
const badLimit = invalid('limit', 'must be a whole number from 1 to 1000');
const badSince = invalid('since', 'must be an ISO-8601 date-time with a zone (Z or ±hh:mm)');

test.each([
  ['?channel=fax', invalid('channel', 'must be sms, webhook or email')],
  ['?channel=SMS', invalid('channel', 'must be sms, webhook or email')],
  ['?channel=sms&channel=webhook', invalid('channel', 'must be sms, webhook or email')],
  ['?provider=', invalid('provider', 'must not be empty')],
  ['?recipient=', invalid('recipient', 'must not be empty')],
  ['?since=2026-03-25T08:00:00', badSince],
  ['?since=2026-03-25', badSince],
  ['?since=yesterday', badSince],
  ['?limit=0', badLimit],
  ['?limit=1001', badLimit],
  ['?limit=-5', badLimit],
  ['?limit=2.5', badLimit],
  ['?limit=ten', badLimit],
  ['?limit=', badLimit],
  ['?chanel=sms', { error: 'invalid_request', message: 'chanel: not a filter; use channel, provider, recipient, since, limit' }],
])('GET /outbox%s answers 400 invalid_request with the reason', async (query, body) => {
  const { id } = await newTenant(instance);
  sendFour(id);
  await expectAnswer(await list(id, query), 400, body);
});

test('DELETE /_sandbox/tenants/{id} removes the tenant\'s outbox with it', async () => {
  const { id } = await newTenant(instance);
  sendFour(id);
  expect((await control(instance, 'DELETE', `/tenants/${id}`)).status).toBe(204);
  expect(outbox.list(id)).toEqual([]);
  expect((await list(id)).status).toBe(404);
});

test('outbox.send with an atMs that is not whole milliseconds throws and records nothing', async () => {
  const { id } = await newTenant(instance);
  for (const atMs of [Number.NaN, 1.5, Number.POSITIVE_INFINITY]) {
    expect(() => outbox.send({ tenantId: id, provider: 'ice', atMs, channel: 'sms', recipient: '09121234567', text: 'x' })).toThrow(TypeError);
  }
  await expectAnswer(await list(id), 200, { entries: [] });
});

test.each([['get'], ['delete']])('GET /openapi.json describes %s /_sandbox/tenants/{id}/outbox', async (method) => {
  const doc = (await json(await instance.app.request('/openapi.json'))) as { paths: Record<string, Record<string, unknown>> };
  expect(Object.keys(doc.paths['/_sandbox/tenants/{id}/outbox'] ?? {})).toContain(method);
});
