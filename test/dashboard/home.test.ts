// The dashboard's home (GET /_sandbox): the tenant list a page at a time and the form that
// creates a tenant; and GET /_sandbox/tenants, the list as JSON, with its paging and refusals.
import { afterAll, describe, expect, test } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createInstance } from '../../src/instance.js';
import { control, json } from '../helpers.js';
import { byId, get, post, rows, text } from './helpers.js';

const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', wall: manualClock(Date.parse('2026-03-25T08:00:00Z')) });
afterAll(() => instance.close());

describe('GET /_sandbox', () => {
  test('answers the dashboard home: a page with the tenants, each linking to its page, and the creation form', async () => {
    const res = await get(instance, '/_sandbox');
    expect({ status: res.status, type: res.type, cache: res.headers.get('cache-control') }).toEqual({ status: 200, type: 'text/html; charset=UTF-8', cache: 'no-store' });
    expect(res.html.startsWith('<!doctype html><html lang="en">')).toBe(true);
    expect(res.html).toContain('<script src="/_sandbox/dashboard/assets/htmx.min.js" defer="">');
    expect(rows(byId(res.html, 'tenant-list')!)[0]).toEqual(['ten_default', 'default', '2026-03-25 08:00:00Z', 'none', '2026-03-25 08:00:00Z']);
    expect(res.html).toContain('<a href="/_sandbox/dashboard/tenants/ten_default">ten_default</a>');
    expect(text(res.html)).toContain('This sandbox is open (no admin token): anyone who reaches it may use the dashboard.');
    expect(res.html).toContain('hx-post="/_sandbox/dashboard/tenants"');
  });

  test('the page after the last tenant says there are none on it, with no empty table', async () => {
    const res = await get(instance, '/_sandbox/dashboard/tenants?after=ten_default');
    expect({ status: res.status, html: res.html }).toEqual({
      status: 200,
      html: '<div id="tenant-list" hx-get="/_sandbox/dashboard/tenants?after=ten_default" hx-trigger="tenants-changed from:body" hx-swap="outerHTML"><p class="muted">No tenants on this page.</p><p class="row"><a href="/_sandbox">First page</a></p></div>',
    });
  });

  test('POST /_sandbox/dashboard/tenants creates a tenant, shows its credentials once and tells the list to reload', async () => {
    const res = await post(instance, '/_sandbox/dashboard/tenants', { name: 'shop ci' });
    expect({ status: res.status, trigger: res.headers.get('hx-trigger') }).toEqual({ status: 201, trigger: 'tenants-changed' });
    const id = /Created <a href="\/_sandbox\/dashboard\/tenants\/(ten_[\w-]+)">/.exec(res.html)?.[1];
    expect(id).toBeDefined();
    const shown = JSON.parse(text(/<pre dir="auto">([\s\S]*?)<\/pre>/.exec(res.html)![1]!)) as Record<string, unknown>;
    expect(shown).toEqual({
      id,
      jibit: { apiKey: expect.stringMatching(/^jak_/), secretKey: expect.stringMatching(/^jsk_/) },
      freepay: { apiKey: expect.stringMatching(/^fpk_/) },
      ice: expect.any(Object),
      controlToken: expect.stringMatching(/^mtc_/),
    });
    const list = await get(instance, '/_sandbox/dashboard/tenants');
    expect(list.status).toBe(200);
    expect(rows(list.html).map((r) => r.slice(0, 2))).toContainEqual([id, 'shop ci']);
  });

  test('a creation the control API refuses shows its reason with its status', async () => {
    const res = await post(instance, '/_sandbox/dashboard/tenants', { name: 'x'.repeat(300) });
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/^<div class="notice error" role="alert">name: .+<\/div>$/);
  });
});

describe('GET /_sandbox/tenants', () => {
  test('pages through every tenant, oldest first (ties by id), with next naming where the following page starts', async () => {
    const created: string[] = [];
    for (const name of ['page a', 'page b']) created.push(((await json(await control(instance, 'POST', '/tenants', { name }))) as { id: string }).id);
    const all = (await json(await control(instance, 'GET', '/tenants?limit=500'))) as { tenants: { id: string }[]; next: null };
    expect(all.next).toBeNull();
    const ids = all.tenants.map((t) => t.id);
    expect(ids).toContain('ten_default');
    const seen: string[] = [];
    let after: string | null = null;
    do {
      const page = (await json(await control(instance, 'GET', `/tenants?limit=2${after ? `&after=${after}` : ''}`))) as { tenants: { id: string }[]; next: string | null };
      expect(page.tenants.length).toBeLessThanOrEqual(2);
      seen.push(...page.tenants.map((t) => t.id));
      after = page.next;
    } while (after !== null);
    expect(seen).toEqual(ids);
    expect(ids).toEqual(expect.arrayContaining(created));
  });

  test.each([
    ['limit=0', 'limit: must be a whole number from 1 to 500'],
    ['limit=501', 'limit: must be a whole number from 1 to 500'],
    ['limit=ten', 'limit: must be a whole number from 1 to 500'],
    ['after=ten_nobody', 'after: tenant ten_nobody does not exist; pass the `next` of the previous page'],
  ])('?%s answers 400 with the reason', async (query, message) => {
    const res = await control(instance, 'GET', `/tenants?${query}`);
    expect({ status: res.status, body: await json(res) }).toEqual({ status: 400, body: expect.objectContaining({ error: 'invalid_request', message }) });
  });

  test('an unknown filter answers 400, not the whole list', async () => {
    const res = await control(instance, 'GET', '/tenants?name=shop');
    expect(res.status).toBe(400);
    expect(((await json(res)) as { message: string }).message).toMatch(/name/);
  });
});
