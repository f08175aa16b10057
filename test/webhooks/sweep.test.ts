// Changes that fall due with time reach the endpoint without anyone reading the tenant: a tenant
// with a webhook endpoint is caught up on every delivery pass.
import { afterAll, expect, test } from 'vitest';
import { createInstance } from '../../src/instance.js';
import { newTenant } from '../helpers.js';
import { endpoint, receiver } from './receiver.js';

const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', webhooks: { pollMs: 50 } });
afterAll(() => instance.close());

async function iceCall(path: string, body: unknown, headers: Record<string, string>): Promise<Response> {
  return instance.app.request(`/ice/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

test("a person who approves at once (test mobile 09120000001) sends ice.report.viewable on the next pass, with no read of the report", async () => {
  const { id } = await newTenant(instance);
  const r = await receiver();
  await endpoint(instance, id, r.url);
  const login = await iceCall('/auth/login', { login: 'mahak', password: 'Mahak1234' }, { 'x-sandbox-tenant': id });
  const { accessToken } = (await login.json()) as { accessToken: string };
  const created = await iceCall('/reports', { personType: 'natural', nationalCode: '0020000014', mobile: '09120000001', payer: 'credit' }, { authorization: `Bearer ${accessToken}` });
  expect(created.status).toBe(201);
  const { trackingCode } = (await created.json()) as { trackingCode: string };
  const got = await r.arrived(2);
  const bodies = got.map((g) => JSON.parse(g.body) as { type: string; data: { trackingCode: string; state: string } });
  expect(bodies.map((b) => [b.type, b.data.trackingCode, b.data.state])).toEqual([
    ['ice.report.pending', trackingCode, 'pending'],
    ['ice.report.viewable', trackingCode, 'viewable'],
  ]);
  await r.close();
});
