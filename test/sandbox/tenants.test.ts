// The control API's tenants: POST creates one (with optional overrides), GET shows its whole
// settings view, PATCH /jibit merges settings, DELETE removes it; tenants never see each other.
import { defaultMerchant } from '../../src/providers/freepay/merchant.js';
import { defaultIceSettings } from '../../src/providers/ice/settings.js';
import { readyBusinessId } from '../../src/providers/ice/tenancy.js';
import { describe, expect, test } from 'vitest';
import world from '../../fixtures/world.json' with { type: 'json' };
import { manualClock } from '../../src/core/clock.js';
import { createInstance } from '../../src/instance.js';
import { catalogEndpoints } from '../../src/providers/jibit/catalog.js';
import { maskSecret } from '../../src/core/journal.js';
import { tenantControlToken } from '../../src/sandbox/control-tokens.js';
import { control, jibit, json, newTenant, sandbox, tokens, type Creds } from '../helpers.js';

// The wall clock stands still at 2026-03-25T08:00:00Z (Tehran 1405/01/05), so times are exact.
const startIso = '2026-03-25T08:00:00.000Z';
const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', wall: manualClock(Date.parse(startIso)) });

const billable = catalogEndpoints.filter((e) => e.errors.some((er) => er.code === 'daily_limit.reached')).map((e) => e.id);
const everyService = (value: unknown) => Object.fromEntries(billable.map((id) => [id, value]));
const documented = (id: string, code: string) => ({ code, message: catalogEndpoints.find((e) => e.id === id)!.errors.find((e) => e.code === code)!.messageFa });
const balancesBody = (PRF: number, POF: number) => ({
  balances: [{ balanceType: 'PRF', currency: 'IRR', amount: PRF }, { balanceType: 'POF', currency: 'IRR', amount: POF }],
});
const gone = (id: string) => ({ error: 'not_found', message: `tenant ${id} does not exist` });

interface Settings { allowedIps: string[]; billing: string; inputs: string; accountActive: boolean; exhaustedWallet: string; balances: { PRF: number; POF: number }; dailyLimits: Record<string, number>; prices: Record<string, number> }
type View = Record<string, unknown> & { jibit: Settings & Record<string, unknown> };

async function expectAnswer(res: Response, status: number, body: unknown) {
  expect({ status: res.status, type: res.headers.get('content-type'), body: await json(res) }).toEqual({ status, type: 'application/json', body });
}

const getView = async (id: string) => (await json(await control(instance, 'GET', `/tenants/${id}`))) as View;

/** The view of a tenant created with no body, at the pinned wall time: secrets masked after creation. */
const defaultView = (c: Creds) => ({
  id: c.id,
  name: 'tenant',
  createdAt: startIso,
  clock: { now: startIso, frozen: false, tehranDay: '14050105' },
  scenario: null,
  jibit: {
    apiKey: c.apiKey,
    secretKey: maskSecret(c.secretKey),
    allowedIps: [],
    billing: 'prepaid',
    inputs: 'documented',
    accountActive: true,
    exhaustedWallet: 'balance.not_enough',
    balances: { PRF: 1_000_000_000, POF: 0 },
    dailyLimits: everyService(10_000),
    prices: everyService(expect.any(Number)),
    usedToday: {},
  },
  freepay: { apiKey: expect.stringMatching(/^fpk_…[\w-]{4}$/), ...defaultMerchant, balances: { FREEPAY: 0, FREEPAY_HELD: 0 } },
  ice: {
    settings: defaultIceSettings,
    readyBusiness: { username: 'mahak', password: '****', mobile: '09120000000' },
    businesses: [{ id: readyBusinessId(c.id), username: 'mahak', legalStatus: 'approved', balanceRial: 10_000_000 }],
  },
});

describe('POST /_sandbox/tenants', () => {
  test('with no body answers 201 {id, jibit: {apiKey, secretKey}, freepay: {apiKey}, controlToken} with a ten_ id, and the credentials sign in', async () => {
    const res = await instance.app.request('/_sandbox/tenants', { method: 'POST' });
    const body = (await json(res)) as { id: string; jibit: Creds; controlToken: string };
    expect({ status: res.status, type: res.headers.get('content-type'), body }).toEqual({
      status: 201,
      type: 'application/json',
      body: {
        id: expect.stringMatching(/^ten_[\w-]+$/),
        jibit: { apiKey: expect.any(String), secretKey: expect.any(String) },
        freepay: { apiKey: expect.stringMatching(/^fpk_/) },
        ice: { business: { username: 'mahak', password: 'Mahak1234', mobile: '09120000000', officialName: 'شرکت نمونه ماهک' } },
        controlToken: tenantControlToken(instance.deps.db, body.id),
      },
    });
    const other = await newTenant(instance);
    expect(new Set([body.id, other.id]).size).toBe(2);
    expect(new Set([body.jibit.apiKey, body.jibit.secretKey, other.apiKey, other.secretKey]).size).toBe(4);
    await expect(tokens(instance, body.jibit)).resolves.toEqual({ accessToken: expect.any(String), refreshToken: expect.any(String) });
  });

  test('GET /_sandbox/tenants/{id} then shows the whole settings view: every billable service with its limit and price', async () => {
    const c = await newTenant(instance);
    const view = await getView(c.id);
    expect(view).toEqual(defaultView(c));
    expect(billable).toHaveLength(19);
    expect(Object.values(view.jibit.prices).every((p) => Number.isInteger(p) && p > 0)).toBe(true);
  });

  test('with overrides answers 201 with the given credentials, and GET shows them over the defaults', async () => {
    const defaults = (await getView((await newTenant(instance)).id)).jibit.prices;
    const overrides = {
      name: 'checkout-ci',
      jibit: {
        apiKey: 'checkout-ci-key',
        secretKey: 'checkout-ci-secret',
        allowedIps: ['127.0.0.1', '10.0.0.0/8', '::1'],
        billing: 'postpaid',
        inputs: 'lenient',
        accountActive: false,
        exhaustedWallet: 'forbidden',
        balances: { PRF: 500, POF: -20 },
        dailyLimits: { 'card-inquiry': 3, 'sana-status': 0 },
        prices: { 'card-inquiry': 0, 'sana-status': 99 },
      },
    };
    const res = await control(instance, 'POST', '/tenants', overrides);
    const created = (await json(res)) as { id: string };
    expect({ status: res.status, body: created }).toEqual({
      status: 201,
      body: {
        id: expect.stringMatching(/^ten_/),
        jibit: { apiKey: 'checkout-ci-key', secretKey: 'checkout-ci-secret' },
        freepay: { apiKey: expect.stringMatching(/^fpk_/) },
        ice: { business: { username: 'mahak', password: 'Mahak1234', mobile: '09120000000', officialName: 'شرکت نمونه ماهک' } },
        controlToken: expect.stringMatching(/^mtc_ten_/),
      },
    });
    const { dailyLimits, prices, ...rest } = overrides.jibit;
    expect(await getView(created.id)).toEqual({
      ...defaultView({ id: created.id, ...rest }),
      name: 'checkout-ci',
      jibit: { ...rest, secretKey: 'chec…cret', dailyLimits: { ...everyService(10_000), ...dailyLimits }, prices: { ...defaults, ...prices }, usedToday: {} },
    });
  });

  test('with an apiKey already in use answers 409 and leaves the owner of that key untouched', async () => {
    const owner = await newTenant(instance);
    const before = await getView(owner.id);
    for (const apiKey of [owner.apiKey, 'mahak-default-api-key']) {
      await expectAnswer(await control(instance, 'POST', '/tenants', { jibit: { apiKey, secretKey: 'other' } }), 409, {
        error: 'conflict',
        message: 'jibit.apiKey is already used by another tenant',
      });
    }
    expect(await getView(owner.id)).toEqual(before);
    await expect(tokens(instance, owner)).resolves.toBeTruthy();
  });
});

describe('invalid settings answer 400 with the reason', () => {
  // [what, PATCH body, path of the bad field, reason]
  const rows: [string, unknown, string, string][] = [
    ['an unknown key', { dailyLimit: {} }, '', 'Unrecognized key: "dailyLimit"'],
    ['an unknown endpoint id in dailyLimits', { dailyLimits: { 'card-enquiry': 1 } }, 'dailyLimits', 'Unrecognized key: "card-enquiry"'],
    ['an unbilled endpoint id in prices', { prices: { balances: 1 } }, 'prices', 'Unrecognized key: "balances"'],
    ['a negative limit', { dailyLimits: { 'card-inquiry': -1 } }, 'dailyLimits.card-inquiry', 'Too small: expected number to be >=0'],
    ['a negative price', { prices: { 'card-inquiry': -5 } }, 'prices.card-inquiry', 'Too small: expected number to be >=0'],
    ['a negative prepaid balance', { balances: { PRF: -1 } }, 'balances.PRF', 'Too small: expected number to be >=0'],
    ['a fractional price', { prices: { 'card-inquiry': 1.5 } }, 'prices.card-inquiry', 'Invalid input: expected int, received number'],
    ['a fractional limit', { dailyLimits: { 'card-inquiry': 2.5 } }, 'dailyLimits.card-inquiry', 'Invalid input: expected int, received number'],
    ['a balance past the safe integers', { balances: { POF: 1e20 } }, 'balances.POF', 'Too big: expected int to be <=9007199254740991'],
    ['an unknown wallet', { balances: { XYZ: 1 } }, 'balances', 'Unrecognized key: "XYZ"'],
    ['a bad IP', { allowedIps: ['10.0.0.256'] }, 'allowedIps.0', 'must be an IPv4/IPv6 address, optionally with a /prefix'],
    ['a CIDR prefix too long', { allowedIps: ['10.0.0.0/33'] }, 'allowedIps.0', 'must be an IPv4/IPv6 address, optionally with a /prefix'],
    ['allowedIps as a string', { allowedIps: '127.0.0.1' }, 'allowedIps', 'Invalid input: expected array, received string'],
    ['a price as a string', { prices: { 'card-inquiry': '100' } }, 'prices.card-inquiry', 'Invalid input: expected number, received string'],
    ['dailyLimits as a string', { dailyLimits: 'x' }, 'dailyLimits', 'Invalid input: expected record, received string'],
    ['an unknown billing', { billing: 'monthly' }, 'billing', 'Invalid option: expected one of "prepaid"|"postpaid"'],
    ['an unknown input mode', { inputs: 'loose' }, 'inputs', 'Invalid option: expected one of "documented"|"lenient"'],
    ['accountActive as a string', { accountActive: 'false' }, 'accountActive', 'Invalid input: expected boolean, received string'],
    ['an exhausted-wallet answer that is no code of it', { exhaustedWallet: 'daily_limit.reached' }, 'exhaustedWallet', 'Invalid option: expected one of "balance.not_enough"|"forbidden"'],
    ['an array body', [], '', 'Invalid input: expected object, received array'],
  ];
  const invalid = (path: string, message: string) => ({ error: 'invalid_request', message: `${path || 'body'}: ${message}`, details: [{ path, message }] });

  test.each(rows)('PATCH /_sandbox/tenants/{id}/jibit with %s, and the tenant is unchanged', async (_what, body, path, message) => {
    const c = await newTenant(instance);
    const before = await getView(c.id);
    await expectAnswer(await control(instance, 'PATCH', `/tenants/${c.id}/jibit`, body), 400, invalid(path, message));
    expect(await getView(c.id)).toEqual(before);
  });

  test.each(rows.filter(([what]) => what !== 'an array body'))('POST /_sandbox/tenants with %s under jibit', async (_what, body, path, message) => {
    await expectAnswer(await control(instance, 'POST', '/tenants', { jibit: body }), 400, invalid(path ? `jibit.${path}` : 'jibit', message));
  });

  test.each([
    ['an unknown top-level key', { jibbit: {} }, '', 'Unrecognized key: "jibbit"'],
    ['an empty name', { name: '' }, 'name', 'Too small: expected string to have >=1 characters'],
    ['a name that is not a string', { name: 5 }, 'name', 'Invalid input: expected string, received number'],
    ['an empty apiKey', { jibit: { apiKey: '' } }, 'jibit.apiKey', 'Too small: expected string to have >=1 characters'],
  ])('POST /_sandbox/tenants with %s', async (_what, body, path, message) => {
    await expectAnswer(await control(instance, 'POST', '/tenants', body), 400, invalid(path, message));
  });

  test.each([
    ['POST', '/tenants'],
    ['PATCH', '/tenants/ten_default/jibit'],
    ['POST', '/tenants/ten_default/clock'],
  ])('%s %s with a body that is not JSON answers 400', async (method, path) => {
    const res = await instance.app.request(`/_sandbox${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: '{"name": ' });
    await expectAnswer(res, 400, { error: 'bad_request', message: 'Malformed JSON in request body' });
  });
});

describe('GET, PATCH, DELETE and clock of one tenant', () => {
  test.each([
    ['GET', '/tenants/ten_missing', undefined],
    ['PATCH', '/tenants/ten_missing/jibit', { billing: 'postpaid' }],
    ['DELETE', '/tenants/ten_missing', undefined],
    ['POST', '/tenants/ten_missing/clock', { freeze: true }],
  ])('%s %s of an unknown tenant answers 404', async (method, path, body) => {
    await expectAnswer(await control(instance, method, path, body), 404, gone('ten_missing'));
  });

  test('PATCH /jibit merges dailyLimits and prices key by key, sets balances absolutely and replaces allowedIps', async () => {
    const c = await newTenant(instance, { jibit: { dailyLimits: { 'card-inquiry': 5 }, prices: { 'card-inquiry': 100 } } });
    const expected = await getView(c.id);
    const steps: [unknown, (j: Settings) => void][] = [
      [{ dailyLimits: { 'iban-inquiry': 7 } }, (j) => (j.dailyLimits['iban-inquiry'] = 7)],
      [{ prices: { 'sana-status': 9 } }, (j) => (j.prices['sana-status'] = 9)],
      [{ balances: { PRF: 500 } }, (j) => (j.balances.PRF = 500)],
      [{ balances: { PRF: 500 } }, () => {}],
      [{ balances: { POF: -200 } }, (j) => (j.balances.POF = -200)],
      [{ allowedIps: ['10.0.0.0/8', '192.168.1.1'] }, (j) => (j.allowedIps = ['10.0.0.0/8', '192.168.1.1'])],
      [{ allowedIps: ['::1'] }, (j) => (j.allowedIps = ['::1'])],
      [{ billing: 'postpaid' }, (j) => (j.billing = 'postpaid')],
      [{ inputs: 'lenient' }, (j) => (j.inputs = 'lenient')],
      [{ accountActive: false, exhaustedWallet: 'forbidden' }, (j) => ((j.accountActive = false), (j.exhaustedWallet = 'forbidden'))],
      [{ accountActive: true }, (j) => (j.accountActive = true)],
      [{}, () => {}],
      [{ allowedIps: [], dailyLimits: { 'card-inquiry': 0 } }, (j) => ((j.allowedIps = []), (j.dailyLimits['card-inquiry'] = 0))],
    ];
    for (const [body, change] of steps) {
      change(expected.jibit);
      await expectAnswer(await control(instance, 'PATCH', `/tenants/${c.id}/jibit`, body), 200, expected);
    }
    expect(expected.jibit).toMatchObject({ dailyLimits: { 'card-inquiry': 0, 'iban-inquiry': 7 }, prices: { 'card-inquiry': 100, 'sana-status': 9 } });
    expect(await getView(c.id)).toEqual(expected);
  });

  test('DELETE answers 204; the tenant is gone, its token is forbidden and its apiKey can be reused', async () => {
    const c = await newTenant(instance);
    const pair = await tokens(instance, c);
    const res = await control(instance, 'DELETE', `/tenants/${c.id}`);
    expect({ status: res.status, type: res.headers.get('content-type'), text: await res.text() }).toEqual({ status: 204, type: null, text: '' });

    await expectAnswer(await jibit(instance, '/v1/balances', { token: pair.accessToken }), 403, documented('balances', 'forbidden'));
    const refresh = await jibit(instance, '/v1/tokens/refresh', { method: 'POST', body: pair });
    await expectAnswer(refresh, 403, documented('token-refresh', 'client.not_found'));
    const generate = await jibit(instance, '/v1/tokens/generate', { method: 'POST', body: { apiKey: c.apiKey, secretKey: c.secretKey } });
    await expectAnswer(generate, 401, documented('token-generate', 'invalid.credentials'));
    await expectAnswer(await control(instance, 'GET', `/tenants/${c.id}`), 404, gone(c.id));
    await expectAnswer(await control(instance, 'DELETE', `/tenants/${c.id}`), 404, gone(c.id));

    const again = await newTenant(instance, { jibit: { apiKey: c.apiKey, secretKey: c.secretKey } });
    expect(again.id).not.toBe(c.id);
    await expectAnswer(await jibit(instance, '/v1/balances', { token: pair.accessToken }), 403, documented('balances', 'forbidden'));
  });

  test('DELETE of the default tenant answers 409 and the default tenant stays', async () => {
    await expectAnswer(await control(instance, 'DELETE', '/tenants/ten_default'), 409, { error: 'conflict', message: 'the default tenant cannot be deleted' });
    expect((await control(instance, 'GET', '/tenants/ten_default')).status).toBe(200);
  });
});

describe('tenants are isolated', () => {
  test("one tenant's usage, balances, limits, prices and clock never show in another's view or answers", async () => {
    const [a, b] = [await newTenant(instance), await newTenant(instance)];
    const bBefore = await getView(b.id);
    const [aToken, bToken] = [(await tokens(instance, a)).accessToken, (await tokens(instance, b)).accessToken];
    const card = { query: { number: world.cards.find((c) => !('state' in c))!.number } };

    expect((await jibit(instance, '/v1/cards', { ...card, token: aToken })).status).toBe(200);
    const changes = { dailyLimits: { 'card-inquiry': 1 }, prices: { 'postal-code-wgs': 1 }, balances: { PRF: 7, POF: -7 } };
    expect((await control(instance, 'PATCH', `/tenants/${a.id}/jibit`, changes)).status).toBe(200);
    // The next Tehran day for A (within its token's 24 hours): A's usage starts again, its wallet is short.
    expect((await control(instance, 'POST', `/tenants/${a.id}/clock`, { set: '2026-03-25T20:31:00Z' })).status).toBe(200);
    await expectAnswer(await jibit(instance, '/v1/cards', { ...card, token: aToken }), 402, {
      code: 'balance.not_enough',
      message: 'موجودی کیف پول برای فراخوانی این سرویس کافی نیست',
    });

    expect(await getView(b.id)).toEqual(bBefore);
    expect((await jibit(instance, '/v1/cards', { ...card, token: bToken })).status).toBe(200);
    await expectAnswer(await jibit(instance, '/v1/balances', { token: bToken }), 200, balancesBody(1_000_000_000 - bBefore.jibit.prices['card-inquiry']!, 0));
    expect((await getView(b.id)).jibit.usedToday).toEqual({ 'card-inquiry': 1 });
    expect((await getView(a.id)).jibit.usedToday).toEqual({});
  });
});

test('the default tenant’s documented credentials sign in on a fresh sandbox', async () => {
  const fresh = sandbox();
  try {
    const pair = await tokens(fresh, { apiKey: 'mahak-default-api-key', secretKey: 'mahak-default-secret-key' });
    await expectAnswer(await jibit(fresh, '/v1/balances', { token: pair.accessToken }), 200, balancesBody(1_000_000_000, 0));
    const view = (await json(await control(fresh, 'GET', '/tenants/ten_default'))) as View;
    // The documented secret shows masked, as every tenant's secret does after creation.
    expect({ id: view.id, name: view.name, apiKey: view.jibit.apiKey, secretKey: view.jibit.secretKey }).toEqual({
      id: 'ten_default',
      name: 'default',
      apiKey: 'mahak-default-api-key',
      secretKey: 'maha…-key',
    });
  } finally {
    fresh.close();
  }
});
