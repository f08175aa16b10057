// The dashboard on a locked sandbox (an admin token set): a sign-in page until a token is given,
// the token kept in an HttpOnly, SameSite=Strict cookie for /_sandbox, taken on the dashboard's
// paths only; a tenant token sees and acts on its own tenant only; a change must come from the
// sandbox's own pages (Origin or Sec-Fetch-Site); delete asks the control API and leaves.
import { afterAll, describe, expect, test } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createInstance } from '../../src/instance.js';
import { json } from '../helpers.js';
import { byId, get, origin, post, rows, tenantPage, text } from './helpers.js';

const adminToken = 'admin-token-of-the-dashboard-tests';
const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', adminToken, wall: manualClock(Date.parse('2026-03-25T08:00:00Z')) });
afterAll(() => instance.close());

const admin = { Authorization: `Bearer ${adminToken}` };

async function tenant(): Promise<{ id: string; controlToken: string }> {
  const res = await instance.app.request('/_sandbox/tenants', { method: 'POST', headers: { ...admin, 'Content-Type': 'application/json' }, body: '{}' });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; controlToken: string };
}

/** Signs in through the form as a browser would, and answers the cookie it was given. */
async function signIn(token: string): Promise<{ status: number; location: string | null; setCookie: string | null; cookie: string }> {
  const res = await instance.app.request('/_sandbox/dashboard/sign-in', {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: origin },
    body: new URLSearchParams({ token }).toString(),
  });
  const setCookie = res.headers.get('set-cookie');
  return { status: res.status, location: res.headers.get('location'), setCookie, cookie: (setCookie ?? '').split(';')[0]! };
}

const reason = (html: string) => text(/<div class="notice error" role="alert">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '');

describe('signing in', () => {
  test('without a token every dashboard page answers 401 with the sign-in form, never JSON', async () => {
    const { id } = await tenant();
    for (const path of ['/_sandbox', tenantPage(id), '/_sandbox/dashboard/tenants']) {
      const res = await get(instance, path);
      expect({ path, status: res.status, type: res.type, cache: res.headers.get('cache-control') }).toEqual({ path, status: 401, type: 'text/html; charset=UTF-8', cache: 'no-store' });
      expect(res.html).toContain('<form method="post" action="/_sandbox/dashboard/sign-in">');
      expect(reason(res.html)).toMatch(/^Sign in first: the control API needs a token/);
    }
    const fragment = await get(instance, `${tenantPage(id)}/journal`, { headers: { 'HX-Request': 'true' } });
    expect({ status: fragment.status, reason: reason(fragment.html) }).toEqual({ status: 401, reason: expect.stringMatching(/^Signed out: the control API needs a token.*\. Reload the page to sign in\.$/) });
  });

  test('the admin token signs in: an HttpOnly, SameSite=Strict cookie for /_sandbox, then every page opens', async () => {
    const signed = await signIn(adminToken);
    expect({ status: signed.status, location: signed.location, setCookie: signed.setCookie }).toEqual({
      status: 303,
      location: '/_sandbox',
      setCookie: `mahak_dashboard=${encodeURIComponent(adminToken)}; Path=/_sandbox; HttpOnly; SameSite=Strict`,
    });
    const home = await get(instance, '/_sandbox', { cookie: signed.cookie });
    expect(home.status).toBe(200);
    expect(rows(byId(home.html, 'tenant-list')!).map((r) => r[0])).toContain('ten_default');
    expect(home.html).toContain('action="/_sandbox/dashboard/sign-out"');
    expect((await get(instance, tenantPage('ten_default'), { cookie: signed.cookie })).status).toBe(200);
  });

  test.each([
    ['wrong-token-of-some-length', 403, 'Refused: this token is neither the admin token nor a control token of a tenant of this sandbox'],
    ['', 400, 'Refused: paste a token'],
  ])('the token %j is refused with %i and no cookie', async (token, status, message) => {
    const res = await post(instance, '/_sandbox/dashboard/sign-in', { token });
    expect({ status: res.status, setCookie: res.headers.get('set-cookie'), reason: reason(res.html) }).toEqual({ status, setCookie: null, reason: message });
  });

  test('a sign-in posted from another site is refused, so no page elsewhere can sign a browser in', async () => {
    const res = await post(instance, '/_sandbox/dashboard/sign-in', { token: adminToken }, { origin: 'http://evil.example' });
    expect({ status: res.status, setCookie: res.headers.get('set-cookie') }).toEqual({ status: 403, setCookie: null });
    expect(reason(res.html)).toBe('Refused: the sign-in must come from this sandbox’s own page');
  });

  test('signing out forgets the cookie', async () => {
    const { cookie } = await signIn(adminToken);
    const res = await post(instance, '/_sandbox/dashboard/sign-out', {}, { cookie });
    expect({ status: res.status, location: res.headers.get('location'), setCookie: res.headers.get('set-cookie') }).toEqual({
      status: 303,
      location: '/_sandbox',
      setCookie: 'mahak_dashboard=; Max-Age=0; Path=/_sandbox',
    });
  });

  test('the script and the style need no token', async () => {
    for (const [name, type] of [['htmx.min.js', 'text/javascript; charset=utf-8'], ['dashboard.css', 'text/css; charset=utf-8'], ['dashboard.js', 'text/javascript; charset=utf-8']]) {
      const res = await get(instance, `/_sandbox/dashboard/assets/${name}`);
      expect({ name, status: res.status, type: res.type }).toEqual({ name, status: 200, type });
    }
    const missing = await get(instance, '/_sandbox/dashboard/assets/app.js');
    expect({ status: missing.status, body: JSON.parse(missing.html) }).toEqual({ status: 404, body: { error: 'not_found', message: 'no dashboard asset app.js; there are htmx.min.js, dashboard.css, dashboard.js' } });
  });

  test('the served htmx is the installed package’s own file', async () => {
    const { readFileSync } = await import('node:fs');
    const { createRequire } = await import('node:module');
    const pkg = createRequire(import.meta.url).resolve('htmx.org/package.json');
    const res = await get(instance, '/_sandbox/dashboard/assets/htmx.min.js');
    expect(res.html).toBe(readFileSync(pkg.replace(/package\.json$/, 'dist/htmx.min.js'), 'utf8'));
  });
});

describe('the cookie counts on the dashboard only', () => {
  test('the JSON control API does not take it: a script elsewhere gains nothing from a signed-in browser', async () => {
    const { cookie } = await signIn(adminToken);
    const res = await instance.app.request('/_sandbox/tenants/ten_default', { headers: { Cookie: cookie } });
    expect({ status: res.status, body: await json(res) }).toEqual({
      status: 401,
      body: {
        error: 'unauthorized',
        message:
          'the control API needs a token: send Authorization: Bearer <token>, the admin token (MAHAK_ADMIN_TOKEN, or the one printed at start-up) or, for one tenant, its control token',
      },
    });
  });

  test.each([
    ['no Origin and no Sec-Fetch-Site', { origin: null }],
    ['another site’s Origin', { origin: 'http://evil.example' }],
    ['Origin "null"', { origin: 'null' }],
    ['Sec-Fetch-Site: cross-site', { headers: { 'Sec-Fetch-Site': 'cross-site' } }],
    ['Sec-Fetch-Site: same-site (another port or subdomain)', { headers: { 'Sec-Fetch-Site': 'same-site' } }],
  ])('a POST with the cookie and %s is refused with 403, and nothing changes', async (_name, as) => {
    const { cookie } = await signIn(adminToken);
    const { id } = await tenant();
    const res = await post(instance, `${tenantPage(id)}/clock`, { advanceSeconds: '3600' }, { cookie, ...as });
    expect({ status: res.status, reason: reason(res.html) }).toEqual({
      status: 403,
      reason: 'Refused: a dashboard action must come from a page of this sandbox (Origin or Sec-Fetch-Site). Reload the page to sign in.',
    });
    const clock = await instance.app.request(`/_sandbox/tenants/${id}`, { headers: admin });
    expect(((await clock.json()) as { clock: { now: string } }).clock.now).toBe('2026-03-25T08:00:00.000Z');
  });

  test('a POST with the cookie from the sandbox’s own page (Sec-Fetch-Site: same-origin) goes through', async () => {
    const { cookie } = await signIn(adminToken);
    const { id } = await tenant();
    const res = await post(instance, `${tenantPage(id)}/clock`, { advanceSeconds: '60' }, { cookie, origin: null, headers: { 'Sec-Fetch-Site': 'same-origin' } });
    expect(res.status).toBe(200);
    expect(text(byId(res.html, 'clock-now')!)).toBe('2026-03-25 08:01:00Z');
  });

  test('a bearer token works on the dashboard too, but its POSTs still need the sandbox’s own Origin', async () => {
    const { id } = await tenant();
    expect((await get(instance, tenantPage(id), { token: adminToken })).status).toBe(200);
    const foreign = await post(instance, `${tenantPage(id)}/clock`, { advanceSeconds: '60' }, { token: adminToken, origin: 'http://evil.example' });
    expect({ status: foreign.status, html: foreign.html }).toEqual({
      status: 403,
      html: '<div class="notice error" role="alert">Refused: a dashboard action must come from a page of this sandbox (Origin or Sec-Fetch-Site)</div>',
    });
  });
});

describe('a tenant control token', () => {
  test('signs in to its own tenant’s page, and the home lists that tenant only, without the creation form', async () => {
    const a = await tenant();
    const signed = await signIn(a.controlToken);
    expect({ status: signed.status, location: signed.location }).toEqual({ status: 303, location: tenantPage(a.id) });
    const home = await get(instance, '/_sandbox', { cookie: signed.cookie });
    expect(home.status).toBe(200);
    expect(rows(byId(home.html, 'tenant-list')!).map((r) => r[0])).toEqual([a.id]);
    expect(home.html).not.toContain('hx-post="/_sandbox/dashboard/tenants"');
    expect((await get(instance, tenantPage(a.id), { cookie: signed.cookie })).status).toBe(200);
  });

  test('cannot see or act on another tenant: each page, fragment and action answers 403', async () => {
    const [a, b] = [await tenant(), await tenant()];
    const { cookie } = await signIn(a.controlToken);
    const expected = `a tenant control token controls only its own tenant (${a.id}); ${b.id} needs its own token or the admin token`;
    const page = await get(instance, tenantPage(b.id), { cookie });
    expect({ status: page.status, reason: reason(page.html) }).toEqual({ status: 403, reason: `Refused: ${expected}` });
    for (const path of ['journal', 'journal/1', 'outbox', 'providers/ice']) {
      const res = await get(instance, `${tenantPage(b.id)}/${path}`, { cookie, headers: { 'HX-Request': 'true' } });
      expect({ path, status: res.status, reason: reason(res.html) }).toEqual({ path, status: 403, reason: `Refused: ${expected}. Reload the page to sign in.` });
    }
    for (const [path, fields] of [['clock', { advanceSeconds: '60' }], ['scenario', { name: '' }], ['reset', {}], ['delete', {}], ['act', { provider: 'ice', method: 'POST', path: 'reset' }]] as const) {
      const res = await post(instance, `${tenantPage(b.id)}/${path}`, fields, { cookie });
      expect({ path, status: res.status }).toEqual({ path, status: 403 });
    }
    const still = await instance.app.request(`/_sandbox/tenants/${b.id}`, { headers: admin });
    expect(still.status).toBe(200);
  });

  test('cannot create a tenant', async () => {
    const a = await tenant();
    const { cookie } = await signIn(a.controlToken);
    const res = await post(instance, '/_sandbox/dashboard/tenants', { name: 'mine' }, { cookie });
    expect({ status: res.status, reason: reason(res.html) }).toEqual({
      status: 403,
      reason: `Refused: POST /_sandbox/dashboard/tenants needs the admin token; a tenant control token controls only its own tenant (${a.id}). Reload the page to sign in.`,
    });
  });

  test('the act route cannot reach past the tenant: a path is only ever under /_sandbox/tenants/{its id}/', async () => {
    const a = await tenant();
    const { cookie } = await signIn(a.controlToken);
    const b = await tenant();
    for (const path of ['%2e%2e/' + b.id, '.%2e/' + b.id, '../' + b.id, `.hidden/../../${b.id}`]) {
      const res = await post(instance, `${tenantPage(a.id)}/act`, { provider: 'ice', method: 'DELETE', path }, { cookie, token: adminToken });
      expect({ path, status: res.status, reason: reason(res.html) }).toEqual({ path, status: 400, reason: `path: ${path} is not a path under the tenant's control routes` });
    }
    expect((await instance.app.request(`/_sandbox/tenants/${b.id}`, { headers: admin })).status).toBe(200);
  });

  test('a deleted tenant’s token no longer opens anything', async () => {
    const a = await tenant();
    const { cookie } = await signIn(a.controlToken);
    const deleted = await post(instance, `${tenantPage(a.id)}/delete`, {}, { cookie });
    expect({ status: deleted.status, redirect: deleted.headers.get('hx-redirect'), html: deleted.html }).toEqual({
      status: 200,
      redirect: '/_sandbox',
      html: `<div class="notice done" role="status">Tenant ${a.id} deleted.</div>`,
    });
    const home = await get(instance, '/_sandbox', { cookie });
    expect({ status: home.status, reason: reason(home.html) }).toEqual({ status: 403, reason: `Refused: tenant ${a.id} of this control token no longer exists` });
  });
});

describe('an open sandbox (no admin token)', () => {
  const open = createInstance({ db: ':memory:', worldSeed: 'test-world' });
  afterAll(() => open.close());

  test('opens the dashboard to anyone, but still takes a change only from its own pages', async () => {
    expect((await get(open, '/_sandbox')).status).toBe(200);
    const foreign = await post(open, `${tenantPage('ten_default')}/clock`, { advanceSeconds: '60' }, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    const bare = await post(open, `${tenantPage('ten_default')}/reset`, {}, { origin: null });
    expect(bare.status).toBe(403);
    expect((await post(open, `${tenantPage('ten_default')}/clock`, { advanceSeconds: '60' })).status).toBe(200);
  });
});

describe('the default tenant', () => {
  test('has no Delete button, and deleting it anyway answers the control API’s 409', async () => {
    const page = await get(instance, tenantPage('ten_default'), { token: adminToken });
    expect(page.html).not.toContain('/delete"');
    const res = await post(instance, `${tenantPage('ten_default')}/delete`, {}, { token: adminToken });
    expect({ status: res.status, html: res.html }).toEqual({ status: 409, html: '<div class="notice error" role="alert">the default tenant cannot be deleted</div>' });
  });
});
