// The control API's lock: with an admin token set, every /_sandbox route (read from the OpenAPI
// document, so a new one cannot slip through) needs the admin token or, for one tenant's routes,
// that tenant's control token; without one (on loopback) it stays open. Secrets show once.
import { request as httpRequest } from 'node:http';
import { describe, expect, test } from 'vitest';
import { readEnv } from '../../src/env.js';
import { manualClock } from '../../src/core/clock.js';
import { createInstance, type Instance } from '../../src/instance.js';
import { createSandbox } from '../../src/index.js';
import { runScenario } from '../../src/core/scenarios/runner.js';
import { readScenarioFile } from '../../src/scenario-format.js';
import { shippedScenariosDir } from '../../src/instance.js';
import { maskSecret } from '../../src/core/journal.js';
import { isLoopbackHost, tenantControlToken } from '../../src/sandbox/control-tokens.js';
import { accessOf } from '../../src/sandbox/control-auth.js';
import { createDashboard } from '../../src/dashboard/index.js';
import { json } from '../helpers.js';

const adminToken = 'admin-token-of-the-control-tests';
// The wall clock stands still, so views read twice are equal.
const wall = manualClock(Date.parse('2026-03-25T08:00:00Z'));
const locked = createInstance({ db: ':memory:', worldSeed: 'test-world', adminToken, wall });
const open = createInstance({ db: ':memory:', worldSeed: 'test-world' });

interface Call { token?: string; authorization?: string; body?: unknown; type?: string }

function call(instance: Instance, method: string, path: string, { token, authorization, body, type = 'application/json' }: Call = {}) {
  const headers: Record<string, string> = {};
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  if (authorization !== undefined) headers.Authorization = authorization;
  if (body !== undefined) headers['Content-Type'] = type;
  return instance.app.request(`/_sandbox${path}`, { method, headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
}

/** Status, the headers that matter here and the whole body. */
async function answer(res: Response) {
  const text = await res.text();
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    challenge: res.headers.get('www-authenticate'),
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
}

const problem = (status: number, error: string, message: string, challenge: string | null = null) => ({
  status,
  type: 'application/json',
  challenge,
  body: { error, message },
});
const missing = problem(
  401,
  'unauthorized',
  'the control API needs a token: send Authorization: Bearer <token>, the admin token (MAHAK_ADMIN_TOKEN, or the one printed at start-up) or, for one tenant, its control token',
  'Bearer realm="mahak-control"',
);
const notOurs = problem(403, 'forbidden', 'this token is neither the admin token nor a control token of a tenant of this sandbox');

interface Created { id: string; jibit: { apiKey: string; secretKey: string }; freepay: { apiKey: string }; controlToken: string }

async function create(instance: Instance, body: unknown = {}): Promise<Created> {
  const res = await call(instance, 'POST', '/tenants', { token: adminToken, body });
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Created;
}

// The routes, as the OpenAPI document lists them.
const doc = (await (await locked.app.request('/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
const operations = Object.entries(doc.paths)
  .filter(([path]) => path.startsWith('/_sandbox/'))
  .flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method.toUpperCase()} ${path.slice('/_sandbox'.length)}`))
  .sort();

/** Who may call each route, and a request that passes validation. */
const routes: Record<string, { access: 'public' | 'read' | 'tenant' | 'admin'; body?: unknown; type?: string }> = {
  'GET /test-values': { access: 'public' },
  'GET /scenarios': { access: 'read' },
  'GET /scenarios/{name}': { access: 'read' },
  'POST /scenarios': { access: 'admin', body: 'name: [not, a, scenario]', type: 'application/yaml' },
  'POST /tenants': { access: 'admin', body: {} },
  'GET /tenants': { access: 'read' },
  'GET /tenants/{id}': { access: 'tenant' },
  'DELETE /tenants/{id}': { access: 'tenant' },
  'PATCH /tenants/{id}/jibit': { access: 'tenant', body: { billing: 'postpaid' } },
  'PATCH /tenants/{id}/freepay': { access: 'tenant', body: { name: 'shop' } },
  'POST /tenants/{id}/freepay/payments/{authority}/pay': { access: 'tenant', body: { cancel: true } },
  'GET /freepay/blacklist': { access: 'admin' },
  'PUT /freepay/blacklist/{identity}': { access: 'admin', body: {} },
  'DELETE /freepay/blacklist/{identity}': { access: 'admin' },
  'PATCH /tenants/{id}/ice': { access: 'tenant', body: { viewableHours: 48 } },
  'GET /tenants/{id}/ice/businesses': { access: 'tenant' },
  'POST /tenants/{id}/ice/businesses/{businessId}/legal-review': { access: 'tenant', body: { decision: 'approve' } },
  'POST /tenants/{id}/ice/charges/{chargeId}/pay': { access: 'tenant', body: { cancel: true } },
  'POST /tenants/{id}/ice/reports/{trackingCode}/approve': { access: 'tenant', body: {} },
  'POST /tenants/{id}/ice/reports/{trackingCode}/reject': { access: 'tenant', body: {} },
  'POST /tenants/{id}/ice/reports/{trackingCode}/pay': { access: 'tenant', body: { card: '6037990000010013' } },
  'POST /tenants/{id}/clock': { access: 'tenant', body: { freeze: true } },
  'POST /tenants/{id}/reset': { access: 'tenant' },
  'PUT /tenants/{id}/scenario': { access: 'tenant', body: { name: 'no-such-scenario' } },
  'DELETE /tenants/{id}/scenario': { access: 'tenant' },
  'GET /tenants/{id}/journal': { access: 'tenant' },
  'DELETE /tenants/{id}/journal': { access: 'tenant' },
  'POST /tenants/{id}/journal/verify': { access: 'tenant', body: { request: {} } },
  'GET /tenants/{id}/outbox': { access: 'tenant' },
  'DELETE /tenants/{id}/outbox': { access: 'tenant' },
  'PUT /tenants/{id}/webhooks/{provider}': { access: 'tenant', body: { url: 'http://127.0.0.1:9/hooks' } },
  'GET /tenants/{id}/webhooks/{provider}': { access: 'tenant' },
  'DELETE /tenants/{id}/webhooks/{provider}': { access: 'tenant' },
  'POST /tenants/{id}/webhooks/{provider}/rotate': { access: 'tenant', body: {} },
  'POST /tenants/{id}/webhooks/{provider}/pause': { access: 'tenant' },
  'POST /tenants/{id}/webhooks/{provider}/resume': { access: 'tenant' },
  'POST /tenants/{id}/webhooks/{provider}/test': { access: 'tenant' },
  'GET /tenants/{id}/webhook-events': { access: 'tenant' },
  'GET /tenants/{id}/webhook-events/{eventId}': { access: 'tenant' },
  'POST /tenants/{id}/webhook-events/{eventId}/redeliver': { access: 'tenant' },
  'GET /tenants/{id}/webhook-inbox': { access: 'tenant' },
  'DELETE /tenants/{id}/webhook-inbox': { access: 'tenant' },
  'POST /inbox/{key}': { access: 'public', body: {} },
};

const request = (operation: string, tenantId: string) => {
  const [method, template] = operation.split(' ') as [string, string];
  const path = template.replace('{id}', tenantId).replace('{name}', 'no-such-scenario').replace('{authority}', '1234567890')
    .replace('{businessId}', 'biz_none')
    .replace('{chargeId}', 'chg_none')
    .replace('{trackingCode}', '1000000000')
    .replace('{provider}', 'ice')
    .replace('{eventId}', 'whe_none')
    .replace('{key}', 'no-such-inbox')
    .replace('{identity}', '10100000000');
  const { body, type } = routes[operation]!;
  return { method, path, call: { body, ...(type ? { type } : {}) } };
};
const guarded = operations.filter((op) => routes[op]?.access !== 'public');
const tenantRoutes = operations.filter((op) => routes[op]?.access === 'tenant');
const adminRoutes = operations.filter((op) => routes[op]?.access === 'admin');

test('the table names every control route of the OpenAPI document, so a new one cannot go unchecked', () => {
  expect(operations).toEqual(Object.keys(routes).sort());
});

describe('with an admin token set', () => {
  test.each(guarded)('%s without a token answers 401 with a Bearer challenge', async (operation) => {
    const { method, path, call: c } = request(operation, 'ten_default');
    expect(await answer(await call(locked, method, path, c))).toEqual(missing);
  });

  test.each(guarded)('%s with a Basic authorization answers 401 too', async (operation) => {
    const { method, path, call: c } = request(operation, 'ten_default');
    expect(await answer(await call(locked, method, path, { ...c, authorization: `Basic ${btoa(`admin:${adminToken}`)}` }))).toEqual(missing);
  });

  test.each(guarded)('%s with a wrong token answers 403', async (operation) => {
    const { method, path, call: c } = request(operation, 'ten_default');
    for (const token of ['wrong', `${adminToken}x`, adminToken.slice(0, -1), `mtc_ten_default_${'A'.repeat(43)}`, 'mtc_', 'mtc_ten_default_']) {
      expect(await answer(await call(locked, method, path, { ...c, token }))).toEqual(notOurs);
    }
  });

  test('GET /test-values stays public: the same answer as an open sandbox', async () => {
    const expected = await answer(await call(open, 'GET', '/test-values?provider=jibit&endpoint=card-inquiry'));
    expect(expected.status).toBe(200);
    expect(await answer(await call(locked, 'GET', '/test-values?provider=jibit&endpoint=card-inquiry'))).toEqual(expected);
    expect(await answer(await call(locked, 'GET', '/test-values?provider=jibit&endpoint=card-inquiry', { token: 'wrong' }))).toEqual(expected);
  });

  test.each(tenantRoutes)('%s with the admin token reaches the route (a tenant that does not exist: 404)', async (operation) => {
    const { method, path, call: c } = request(operation, 'ten_missing');
    expect(await answer(await call(locked, method, path, { ...c, token: adminToken }))).toEqual(
      problem(404, 'not_found', 'tenant ten_missing does not exist'),
    );
  });

  test('the global routes answer the admin token as an open sandbox answers anyone', async () => {
    const fresh = createInstance({ db: ':memory:', worldSeed: 'test-world', adminToken });
    const bare = createInstance({ db: ':memory:', worldSeed: 'test-world' });
    try {
      for (const operation of ['GET /scenarios', 'GET /scenarios/{name}', 'POST /scenarios']) {
        const { method, path, call: c } = request(operation, 'ten_missing');
        const expected = await answer(await call(bare, method, path, c));
        expect(expected.status).not.toBe(401);
        expect(await answer(await call(fresh, method, path, { ...c, token: adminToken }))).toEqual(expected);
      }
      const created = await answer(await call(fresh, 'POST', '/tenants', { token: adminToken, body: { name: 'ci job 1' } }));
      expect(created).toEqual({
        status: 201,
        type: 'application/json',
        challenge: null,
        body: {
          id: expect.stringMatching(/^ten_[\w-]{16}$/),
          jibit: { apiKey: expect.stringMatching(/^jak_/), secretKey: expect.stringMatching(/^jsk_/) },
          freepay: { apiKey: expect.stringMatching(/^fpk_/) },
          ice: { business: { username: 'mahak', password: 'Mahak1234', mobile: '09120000000', officialName: 'شرکت نمونه ماهک' } },
          controlToken: expect.stringMatching(/^mtc_ten_[\w-]{16}_[\w-]{43}$/),
        },
      });
      const body = created.body as Created;
      expect(body.controlToken).toBe(tenantControlToken(fresh.deps.db, body.id));
    } finally {
      fresh.close();
      bare.close();
    }
  });

  test('a path under /_sandbox that is no route needs the admin token too, so routes cannot be probed', async () => {
    for (const path of ['/', '/nothing', '/tenants/', '/dashboard']) {
      expect(await answer(await call(locked, 'GET', path))).toEqual(missing);
      expect(await answer(await call(locked, 'GET', path, { token: adminToken }))).toEqual(
        problem(404, 'not_found', `no route for GET /_sandbox${path}`),
      );
    }
  });

  test("a tenant's control token controls every route of that tenant, and keeps working after a reset", async () => {
    const upload = await call(locked, 'POST', '/scenarios', {
      token: adminToken,
      type: 'application/yaml',
      body: 'name: auth-tenant-scenario\nprovider: jibit\ndescription: A scenario a tenant token switches on.\nrules: []\n',
    });
    expect(upload.status).toBe(201);
    const t = await create(locked);
    const token = t.controlToken;
    const ok = async (method: string, path: string, status: number, c: Call = {}) => {
      const res = await answer(await call(locked, method, path, { ...c, token }));
      expect({ operation: `${method} ${path}`, status: res.status, challenge: res.challenge }).toEqual({ operation: `${method} ${path}`, status, challenge: null });
      return res.body as Record<string, unknown>;
    };
    const view = await ok('GET', `/tenants/${t.id}`, 200);
    expect(view.id).toBe(t.id);
    expect(await ok('PATCH', `/tenants/${t.id}/jibit`, 200, { body: { billing: 'postpaid' } })).toEqual({ ...view, jibit: { ...(view.jibit as object), billing: 'postpaid' } });
    expect(((await ok('PATCH', `/tenants/${t.id}/freepay`, 200, { body: { name: 'فروشگاه ۱' } })).freepay as { name: string }).name).toBe('فروشگاه ۱');
    expect(await ok('POST', `/tenants/${t.id}/clock`, 200, { body: { set: '2026-03-25T08:00:00Z' } })).toEqual({ now: '2026-03-25T08:00:00.000Z', frozen: false, tehranDay: '14050105' });
    expect((await ok('PUT', `/tenants/${t.id}/scenario`, 200, { body: { name: 'auth-tenant-scenario' } })).scenario).toBe('auth-tenant-scenario');
    expect((await ok('DELETE', `/tenants/${t.id}/scenario`, 200)).scenario).toBeNull();
    expect(await ok('GET', `/tenants/${t.id}/journal`, 200)).toEqual({ entries: [] });
    expect(await ok('POST', `/tenants/${t.id}/journal/verify`, 200, { body: { request: {}, count: 0 } })).toEqual({ matched: true, count: 0, expected: { count: 0 }, nearest: [] });
    expect(await ok('DELETE', `/tenants/${t.id}/journal`, 204)).toBeUndefined();
    expect(await ok('GET', `/tenants/${t.id}/outbox`, 200)).toEqual({ entries: [] });
    expect(await ok('DELETE', `/tenants/${t.id}/outbox`, 204)).toBeUndefined();
    expect(await ok('POST', `/tenants/${t.id}/freepay/payments/1234567890/pay`, 404, { body: { cancel: true } })).toEqual({
      error: 'not_found',
      message: `payment 1234567890 of tenant ${t.id} does not exist`,
    });
    expect(await ok('GET', '/scenarios', 200)).toEqual({ scenarios: [expect.objectContaining({ name: 'auth-tenant-scenario' })] });
    expect((await ok('GET', '/scenarios/auth-tenant-scenario', 200)).name).toBe('auth-tenant-scenario');
    expect(await ok('GET', '/test-values?endpoint=nothing', 200)).toEqual([]);
    const reset = await ok('POST', `/tenants/${t.id}/reset`, 200);
    expect(reset).toEqual({ ...view, jibit: { ...(view.jibit as object) }, clock: expect.any(Object) });
    expect(await ok('GET', `/tenants/${t.id}`, 200)).toEqual(reset);
    expect(await ok('DELETE', `/tenants/${t.id}`, 204)).toBeUndefined();
    expect(await answer(await call(locked, 'GET', `/tenants/${t.id}`, { token }))).toEqual(problem(404, 'not_found', `tenant ${t.id} does not exist`));
  });

  test.each(tenantRoutes)("%s with another tenant's control token answers 403", async (operation) => {
    const [a, b] = [await create(locked), await create(locked)];
    const before = await answer(await call(locked, 'GET', `/tenants/${b.id}`, { token: adminToken }));
    const { method, path, call: c } = request(operation, b.id);
    expect(await answer(await call(locked, method, path, { ...c, token: a.controlToken }))).toEqual(
      problem(403, 'forbidden', `a tenant control token controls only its own tenant (${a.id}); ${b.id} needs its own token or the admin token`),
    );
    expect(await answer(await call(locked, 'GET', `/tenants/${b.id}`, { token: adminToken }))).toEqual(before);
    // The default tenant is no exception.
    const onDefault = request(operation, 'ten_default');
    expect((await answer(await call(locked, onDefault.method, onDefault.path, { ...onDefault.call, token: a.controlToken }))).status).toBe(403);
  });

  test.each(adminRoutes)('%s with a tenant control token answers 403: only the admin token may', async (operation) => {
    const a = await create(locked);
    const { method, path, call: c } = request(operation, a.id);
    expect(await answer(await call(locked, method, path, { ...c, token: a.controlToken }))).toEqual(
      problem(403, 'forbidden', `${method} /_sandbox${path} needs the admin token; a tenant control token controls only its own tenant (${a.id})`),
    );
  });

  test('the default tenant has a control token too, derived the same way', async () => {
    const token = tenantControlToken(locked.deps.db, 'ten_default');
    expect(token).toMatch(/^mtc_ten_default_[\w-]{43}$/);
    expect((await call(locked, 'GET', '/tenants/ten_default', { token })).status).toBe(200);
    expect((await call(locked, 'POST', '/tenants', { token, body: {} })).status).toBe(403);
  });

  test('a control token of another sandbox (another instance secret) is not accepted', async () => {
    const other = createInstance({ db: ':memory:', worldSeed: 'test-world', adminToken });
    try {
      const foreign = tenantControlToken(other.deps.db, 'ten_default');
      expect(foreign).not.toBe(tenantControlToken(locked.deps.db, 'ten_default'));
      expect(await answer(await call(locked, 'GET', '/tenants/ten_default', { token: foreign }))).toEqual(notOurs);
    } finally {
      other.close();
    }
  });

  test('a deleted tenant’s control token reads no scenarios any more', async () => {
    const t = await create(locked);
    expect((await call(locked, 'GET', '/scenarios', { token: t.controlToken })).status).toBe(200);
    expect((await call(locked, 'DELETE', `/tenants/${t.id}`, { token: adminToken })).status).toBe(204);
    expect(await answer(await call(locked, 'GET', '/scenarios', { token: t.controlToken }))).toEqual(
      problem(403, 'forbidden', `tenant ${t.id} of this control token no longer exists`),
    );
  });

  test('the scheme is case-insensitive and surrounding spaces are ignored, as for any Bearer token', async () => {
    for (const authorization of [`bearer ${adminToken}`, `BEARER   ${adminToken}  `]) {
      expect((await call(locked, 'GET', '/tenants/ten_default', { authorization })).status).toBe(200);
    }
  });

  test('the provider routes, /openapi.json and / need no control token', async () => {
    for (const path of ['/openapi.json', '/', '/jibit/ide/health']) {
      expect({ path, status: (await locked.app.request(path)).status }).toEqual({ path, status: 200 });
    }
    const generate = await locked.app.request('/jibit/ide/v1/tokens/generate', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ apiKey: 'mahak-default-api-key', secretKey: 'mahak-default-secret-key' }),
    });
    expect(generate.status).toBe(200);
  });
});

describe('without an admin token (loopback)', () => {
  test.each(guarded)('%s answers without a token, whatever Authorization says', async (operation) => {
    const { method, path, call: c } = request(operation, 'ten_missing');
    for (const extra of [{}, { token: 'wrong' }, { authorization: 'Basic eDp5' }]) {
      const res = await answer(await call(open, method, path, { ...c, ...extra }));
      expect([401, 403]).not.toContain(res.status);
      expect(res.challenge).toBeNull();
    }
  });

  test('POST /tenants answers a control token there too, ready for when a token is set', async () => {
    const t = await create(open);
    expect(t.controlToken).toBe(tenantControlToken(open.deps.db, t.id));
  });
});

describe('secret keys show once: in the creation answer, masked in every later read', () => {
  test('GET, both PATCHes, scenario switches and reset all mask the Jibit secretKey and the Freepay key', async () => {
    await call(locked, 'POST', '/scenarios', {
      token: adminToken,
      type: 'application/yaml',
      body: 'name: masking-scenario\nprovider: jibit\ndescription: Switched on to read the answer.\nrules: []\n',
    });
    const t = await create(locked, { jibit: { secretKey: 'a-secret-the-tests-chose', apiKey: 'masking-api-key' }, freepay: { apiKey: 'a-freepay-key-the-tests-chose' } });
    expect({ jibit: t.jibit, freepay: t.freepay }).toEqual({
      jibit: { apiKey: 'masking-api-key', secretKey: 'a-secret-the-tests-chose' },
      freepay: { apiKey: 'a-freepay-key-the-tests-chose' },
    });
    const reads: [string, string, unknown][] = [
      ['GET', `/tenants/${t.id}`, undefined],
      ['PATCH', `/tenants/${t.id}/jibit`, { billing: 'prepaid' }],
      ['PATCH', `/tenants/${t.id}/freepay`, { name: 'shop' }],
      ['PUT', `/tenants/${t.id}/scenario`, { name: 'masking-scenario' }],
      ['DELETE', `/tenants/${t.id}/scenario`, undefined],
      ['POST', `/tenants/${t.id}/reset`, undefined],
    ];
    for (const [method, path, body] of reads) {
      for (const token of [adminToken, t.controlToken]) {
        const res = await call(locked, method, path, { token, body });
        const text = await res.text();
        const view = JSON.parse(text) as { jibit: Record<string, unknown>; freepay: Record<string, unknown> };
        expect({ method, path, status: res.status, apiKey: view.jibit.apiKey, secretKey: view.jibit.secretKey, freepayKey: view.freepay.apiKey }).toEqual({
          method,
          path,
          status: 200,
          apiKey: 'masking-api-key',
          secretKey: 'a-se…hose',
          freepayKey: 'a-fr…hose',
        });
        expect(text).not.toContain('a-secret-the-tests-chose');
        expect(text).not.toContain('a-freepay-key-the-tests-chose');
      }
    }
  });

  test("the default tenant's view masks its documented keys the same way", async () => {
    const view = (await json(await call(open, 'GET', '/tenants/ten_default'))) as { jibit: Record<string, unknown>; freepay: Record<string, unknown> };
    expect({ apiKey: view.jibit.apiKey, secretKey: view.jibit.secretKey, freepay: view.freepay.apiKey }).toEqual({
      apiKey: 'mahak-default-api-key',
      secretKey: maskSecret('mahak-default-secret-key'),
      freepay: maskSecret('mahak-default-freepay-key'),
    });
    expect(maskSecret('mahak-default-secret-key')).toBe('maha…-key');
  });
});

describe('the listening address and the admin token from the environment', () => {
  test('HOST defaults to 127.0.0.1 and MAHAK_ADMIN_TOKEN to none', () => {
    const env = readEnv({});
    expect({ host: env.HOST, adminToken: env.MAHAK_ADMIN_TOKEN }).toEqual({ host: '127.0.0.1', adminToken: undefined });
  });

  test('MAHAK_ADMIN_TOKEN is read as given; empty means none', () => {
    expect(readEnv({ MAHAK_ADMIN_TOKEN: adminToken }).MAHAK_ADMIN_TOKEN).toBe(adminToken);
    expect(readEnv({ MAHAK_ADMIN_TOKEN: '' }).MAHAK_ADMIN_TOKEN).toBeUndefined();
  });

  test.each([
    ['short', 'must be at least 16 characters (for example: openssl rand -base64 32)'],
    ['sixteen chars but a space', 'must be printable ASCII without spaces'],
  ])('MAHAK_ADMIN_TOKEN %j is refused with the reason', (value, reason) => {
    expect(() => readEnv({ MAHAK_ADMIN_TOKEN: value })).toThrow(`Bad environment variable MAHAK_ADMIN_TOKEN: ${reason}`);
  });

  test('createInstance refuses an admin token the environment would refuse', () => {
    expect(() => createInstance({ db: ':memory:', adminToken: 'short' })).toThrow('adminToken must be at least 16 characters (for example: openssl rand -base64 32)');
  });

  test.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['128.0.0.1', false],
    ['192.168.1.10', false],
    ['my-host.example', false],
    ['localhost.example', false],
  ])('%s is loopback: %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});

describe('the OpenAPI document and createSandbox()', () => {
  test('every guarded control route names the control token (optional: only a locked sandbox asks), the public one none', () => {
    const security = Object.fromEntries(
      Object.entries(doc.paths)
        .filter(([path]) => path.startsWith('/_sandbox/'))
        .flatMap(([path, ops]) => Object.entries(ops).map(([method, op]) => [`${method.toUpperCase()} ${path.slice('/_sandbox'.length)}`, (op as { security?: unknown }).security ?? null])),
    );
    expect(security).toEqual(Object.fromEntries(operations.map((op) => [op, routes[op]!.access === 'public' ? null : [{ controlToken: [] }, {}]])));
    expect((doc as unknown as { components: { securitySchemes: Record<string, unknown> } }).components.securitySchemes.controlToken).toEqual({
      type: 'http',
      scheme: 'bearer',
      description: 'The admin token (MAHAK_ADMIN_TOKEN), or a tenant control token for its own /_sandbox/tenants/{id} routes; needed only when an admin token is set',
    });
  });

  test('createSandbox({ adminToken }) locks its control API, and without one leaves it open', async () => {
    const lockedSandbox = createSandbox({ scenarios: false, adminToken });
    const openSandbox = createSandbox({ scenarios: false });
    try {
      const show = (s: typeof lockedSandbox, headers: Record<string, string> = {}) => s.fetch(new Request('http://sandbox/_sandbox/tenants/ten_default', { headers }));
      expect(await answer(await show(lockedSandbox))).toEqual(missing);
      expect((await show(lockedSandbox, { Authorization: `Bearer ${adminToken}` })).status).toBe(200);
      expect((await show(openSandbox)).status).toBe(200);
    } finally {
      await Promise.all([lockedSandbox.close(), openSandbox.close()]);
    }
  });

  test('Authorization sent twice (the admin token first) answers 403, over a socket and in process: neither token is taken', async () => {
    const lockedSandbox = createSandbox({ scenarios: false, adminToken });
    const twice = { error: 'forbidden', message: 'Authorization was sent more than once; send one token' };
    try {
      const { port } = await lockedSandbox.listen();
      const overSocket = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
        const sent = httpRequest({ port, host: '127.0.0.1', path: '/_sandbox/tenants/ten_default', headers: ['Host', 'localhost', 'Connection', 'close', 'Authorization', `Bearer ${adminToken}`, 'Authorization', 'Bearer other-token-000000'] }, (res) => {
          let text = '';
          res.on('data', (chunk) => (text += String(chunk)));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
        });
        sent.on('error', reject);
        sent.end();
      });
      expect(overSocket).toEqual({ status: 403, body: twice });
      const headers = new Headers();
      headers.append('authorization', `Bearer ${adminToken}`);
      headers.append('authorization', 'Bearer other-token-000000');
      const inProcess = await lockedSandbox.fetch(new Request('http://sandbox/_sandbox/tenants/ten_default', { headers }));
      expect({ status: inProcess.status, body: await json(inProcess) }).toEqual({ status: 403, body: twice });
    } finally {
      await lockedSandbox.close();
    }
  });

  test('runScenario against a locked sandbox runs every step with controlToken, and stops at its set-up without it', async () => {
    const lockedSandbox = createSandbox({ scenarios: false, adminToken });
    try {
      const { scenario, source } = readScenarioFile(`${shippedScenariosDir}/jibit/empty-balance.yaml`, shippedScenariosDir);
      const run = (controlToken?: string) =>
        runScenario(scenario, {
          baseUrl: 'http://sandbox.test',
          fetch: (url, init) => lockedSandbox.fetch(new Request(url, init)),
          source,
          ...(controlToken === undefined ? {} : { controlToken }),
        });
      const refused = await run();
      expect({ ok: refused.ok, steps: refused.steps.length, setupProblem: refused.setupProblem }).toEqual({
        ok: false,
        steps: 0,
        setupProblem: expect.stringContaining('401'),
      });
      const passed = await run(adminToken);
      expect({ ok: passed.ok, failed: passed.steps.filter((s) => s.outcome !== 'passed').map((s) => s.problems) }).toEqual({ ok: true, failed: [] });
    } finally {
      await lockedSandbox.close();
    }
  });
});

describe('GET /tenants, the tenant list', () => {
  test('the admin token lists every tenant; a tenant control token lists its own tenant only', async () => {
    const [a, b] = [await create(locked), await create(locked)];
    const all = await answer(await call(locked, 'GET', '/tenants?limit=500', { token: adminToken }));
    const ids = (all.body as { tenants: { id: string }[] }).tenants.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['ten_default', a.id, b.id]));
    expect(await answer(await call(locked, 'GET', '/tenants', { token: a.controlToken }))).toEqual({
      status: 200,
      type: 'application/json',
      challenge: null,
      body: {
        tenants: [{ id: a.id, name: expect.any(String), createdAt: expect.any(String), scenario: null, clock: { now: '2026-03-25T08:00:00.000Z', frozen: false, tehranDay: '14050105' } }],
        next: null,
      },
    });
    expect(await answer(await call(locked, 'GET', '/tenants'))).toEqual(missing);
  });
});

/**
 * The dashboard's pages and actions (docs/dashboard.md): plain routes, not in the OpenAPI
 * document, so listed here by hand; the dashboard's own route list is checked against it.
 */
const dashboardRoutes: Record<string, 'public' | 'read' | 'tenant' | 'admin'> = {
  'GET ': 'read',
  'GET /dashboard/assets/:name': 'public',
  'POST /dashboard/sign-in': 'public',
  'POST /dashboard/sign-out': 'public',
  'GET /dashboard/tenants': 'read',
  'POST /dashboard/tenants': 'admin',
  'GET /dashboard/tenants/:id': 'tenant',
  'POST /dashboard/tenants/:id/reset': 'tenant',
  'POST /dashboard/tenants/:id/delete': 'tenant',
  'POST /dashboard/tenants/:id/clock': 'tenant',
  'POST /dashboard/tenants/:id/scenario': 'tenant',
  'GET /dashboard/tenants/:id/journal': 'tenant',
  'GET /dashboard/tenants/:id/journal/:entry': 'tenant',
  'GET /dashboard/tenants/:id/outbox': 'tenant',
  'GET /dashboard/tenants/:id/providers/:provider': 'tenant',
  'POST /dashboard/tenants/:id/act': 'tenant',
};

describe('the dashboard routes', () => {
  test('the table names every route of the dashboard, so a new one cannot go unchecked', () => {
    const dashboard = createDashboard({ locked: true, adminToken, dispatch: () => new Response(null, { status: 500 }) });
    const listed = dashboard.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path === '/' ? '' : r.path}`);
    expect([...new Set(listed)].sort()).toEqual(Object.keys(dashboardRoutes).sort());
  });

  test.each(Object.entries(dashboardRoutes))('%s is %s', (operation, kind) => {
    const [method, template] = operation.split(' ') as [string, string];
    const path = `/_sandbox${template.replace(':id', 'ten_x').replace(':entry', '1').replace(':provider', 'ice').replace(':name', 'dashboard.css')}`;
    expect(accessOf(method, path)).toEqual(kind === 'tenant' ? { kind, tenantId: 'ten_x' } : { kind });
  });
});
