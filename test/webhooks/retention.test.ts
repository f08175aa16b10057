// A tenant's webhook events are kept to the newest 10,000 (pruned every hundred events), except
// those still queued, which stay whatever their age.
import { afterAll, expect, test } from 'vitest';
import { createInstance } from '../../src/instance.js';
import { emit } from '../../src/core/webhooks/index.js';
import { keptEventsPerTenant } from '../../src/core/webhooks/events.js';
import { control, newTenant } from '../helpers.js';

const instance = createInstance({ db: ':memory:', worldSeed: 'test-world' });
afterAll(() => instance.close());

const count = (tenantId: string, state?: string) =>
  instance.deps.db.$client.prepare(`SELECT count(*) FROM webhook_events WHERE tenant_id = ?${state ? ' AND state = ?' : ''}`).pluck().get(...(state ? [tenantId, state] : [tenantId])) as number;

test('past 10,000 events the oldest that are no longer queued go; a queued one and another tenant’s stay', async () => {
  const { id } = await newTenant(instance);
  const { id: other } = await newTenant(instance);
  const at = Date.parse('2026-03-25T08:00:00Z');
  const emitFor = (tenantId: string, n: number, provider = 'ice') => emit(instance.deps, { tenantId, provider, type: 'mahak.test', payload: { n }, occurredAtMs: at + n });
  emitFor(other, 0);
  // A paused Freepay endpoint keeps its one event queued: it must survive the pruning.
  await control(instance, 'PUT', `/tenants/${id}/webhooks/freepay`, { url: 'http://127.0.0.1:9/hooks' });
  await control(instance, 'POST', `/tenants/${id}/webhooks/freepay/pause`);
  const queued = emitFor(id, 0, 'freepay');
  // ICE has no endpoint: its events wait as no_endpoint, and may go.
  const first = emitFor(id, 1);
  for (let n = 2; n <= keptEventsPerTenant + 300; n++) emitFor(id, n);
  expect(count(id)).toBeLessThanOrEqual(keptEventsPerTenant + 100);
  expect(count(id)).toBeGreaterThanOrEqual(keptEventsPerTenant);
  const ids = instance.deps.db.$client.prepare('SELECT id FROM webhook_events WHERE tenant_id = ?').pluck().all(id) as string[];
  expect(ids).not.toContain(first);
  expect(ids).toContain(queued);
  expect(count(id, 'pending')).toBe(1);
  expect(count(other)).toBe(1);
});
