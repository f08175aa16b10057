// The scenario card of a tenant's dashboard page: every loaded scenario to switch to, the active
// one named, switching off; an unknown name answers the control API's 404 on the card.
import { afterAll, describe, expect, test } from 'vitest';
import { createInstance, shippedScenariosDir } from '../../src/instance.js';
import { control, json, newTenant } from '../helpers.js';
import { byId, get, post, tenantPage, text } from './helpers.js';

const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', scenariosDir: shippedScenariosDir });
afterAll(() => instance.close());

const scenarioOf = async (id: string) => ((await json(await control(instance, 'GET', `/tenants/${id}`))) as { scenario: string | null }).scenario;
const options = (html: string) => [...html.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1]);

describe('POST /_sandbox/dashboard/tenants/{id}/scenario', () => {
  test('the card lists every loaded scenario and shows none active', async () => {
    const { id } = await newTenant(instance);
    const card = byId((await get(instance, tenantPage(id))).html, 'scenario')!;
    const loaded = ((await json(await control(instance, 'GET', '/scenarios'))) as { scenarios: { name: string }[] }).scenarios.map((s) => s.name);
    expect(options(card)).toEqual(loaded);
    expect(loaded).toContain('flaky-provider');
    expect(text(byId(card, 'scenario-active')!)).toBe('none');
    expect(card).not.toContain('Switch off');
  });

  test('switching one on makes it the tenant’s active scenario; switching off clears it', async () => {
    const { id } = await newTenant(instance);
    const on = await post(instance, `${tenantPage(id)}/scenario`, { name: 'flaky-provider' });
    expect({ status: on.status, trigger: on.headers.get('hx-trigger') }).toEqual({ status: 200, trigger: 'tenant-changed' });
    expect(await scenarioOf(id)).toBe('flaky-provider');
    expect(text(byId(on.html, 'scenario-active')!)).toBe('flaky-provider');
    expect(on.html).toContain('<option value="flaky-provider" selected="">');
    expect(text(on.html)).toContain('Scenario flaky-provider switched on.');
    const off = await post(instance, `${tenantPage(id)}/scenario`, { name: '' });
    expect(off.status).toBe(200);
    expect(await scenarioOf(id)).toBeNull();
    expect(text(byId(off.html, 'scenario-active')!)).toBe('none');
  });

  test('an unknown scenario answers 404 with the known names, and nothing changes', async () => {
    const { id } = await newTenant(instance);
    const res = await post(instance, `${tenantPage(id)}/scenario`, { name: 'no-such-scenario' });
    expect(res.status).toBe(404);
    expect(text(/<div class="notice error" role="alert">([\s\S]*?)<\/div>/.exec(res.html)![1]!)).toMatch(/^scenario no-such-scenario is not loaded; known scenarios: .*flaky-provider/);
    expect(await scenarioOf(id)).toBeNull();
  });

  test('the scenario of a tenant that does not exist answers 404', async () => {
    const res = await post(instance, `${tenantPage('ten_nobody')}/scenario`, { name: 'flaky-provider' });
    expect({ status: res.status, html: res.html }).toEqual({ status: 404, html: '<div class="notice error" role="alert">tenant ten_nobody does not exist</div>' });
  });
});
