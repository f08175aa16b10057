// The scenario control API: upload (YAML or JSON), list, show, switch on and off per tenant,
// and what a switched-on scenario does to Jibit calls (rules, counters, journal, reset).
import { afterAll, describe, expect, it } from 'vitest';
import { control, jibit, json, newTenant, sandbox, signedIn, tokens } from '../helpers.js';
import { loadFixtures } from '../../src/core/world/fixtures.js';
import { createInstance } from '../../src/instance.js';

const app = sandbox();
afterAll(() => app.close());

const upload = (text: string, type = 'application/yaml') =>
  app.app.request('/_sandbox/scenarios', { method: 'POST', headers: { 'content-type': type }, body: text });

const card = '6037991234567893';
const cardInquiry = (token: string, headers: Record<string, string> = {}, number = card) =>
  jibit(app, '/v1/cards', { query: { number }, token, headers });

const flaky = `name: every-second-fails
provider: jibit
description: Given a flaky card inquiry, when called twice, then the second call fails.
rules:
  - id: second
    when: { endpoint: card-inquiry, every: 2 }
    then: { error: server.error, message: flaky }
`;

const summary = (name: string, extra: Record<string, unknown> = {}) => ({
  name,
  provider: 'jibit',
  origin: 'upload',
  loadedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
  ...extra,
});

describe('POST /_sandbox/scenarios', () => {
  it('stores a YAML scenario (201), replaces it on a second upload (200), and lists and shows it', async () => {
    const first = await upload(flaky);
    expect(first.status).toBe(201);
    expect(await json(first)).toEqual(summary('every-second-fails', { description: expect.stringContaining('flaky'), rules: 1, steps: 0 }));
    const again = await upload(flaky);
    expect(again.status).toBe(200);

    const list = await control(app, 'GET', '/scenarios');
    expect(list.status).toBe(200);
    expect(((await json(list)) as { scenarios: { name: string }[] }).scenarios.map((s) => s.name)).toContain('every-second-fails');

    const shown = await control(app, 'GET', '/scenarios/every-second-fails');
    expect(shown.status).toBe(200);
    expect(await json(shown)).toEqual({
      ...summary('every-second-fails', { description: expect.any(String), rules: 1, steps: 0 }),
      source: flaky,
      definition: {
        name: 'every-second-fails',
        provider: 'jibit',
        description: 'Given a flaky card inquiry, when called twice, then the second call fails.',
        rules: [{ id: 'second', when: { endpoint: 'card-inquiry', every: 2 }, then: { error: 'server.error', message: 'flaky' } }],
        deliveries: [],
        steps: [],
      },
    });
  });

  it('takes JSON as well', async () => {
    const res = await upload(
      JSON.stringify({ name: 'json-one', provider: 'jibit', description: 'Given JSON, then it loads.', rules: [{ then: { delayMs: 1 } }] }),
      'application/json',
    );
    expect(res.status).toBe(201);
    expect(await json(res)).toEqual(summary('json-one', { description: 'Given JSON, then it loads.', rules: 1, steps: 0 }));
  });

  it.each([
    ['text that is not YAML', 'name: [unclosed', /^\(?not valid YAML or JSON/],
    ['a missing description', 'name: x\nprovider: jibit\n', /^description: /],
    ['an unknown provider', 'name: x\nprovider: paypal\ndescription: d\n', /^provider: /],
    ['a name with capitals', 'name: Flaky\nprovider: jibit\ndescription: d\n', /^name: lowercase letters/],
    ['an unknown field', 'name: x\nprovider: jibit\ndescription: d\nrulez: []\n', /Unrecognized key: "rulez"/],
    ['an unknown endpoint', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ when: { endpoint: cards }, then: { error: server.error } }]\n', /^rules\.0\.when\.endpoint: cards is not a jibit endpoint/],
    ['an undocumented code', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ when: { endpoint: balances }, then: { error: card.not_valid } }]\n', /^rules\.0\.then\.error: card\.not_valid is not a documented error of balances/],
    ['a code no endpoint documents', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ then: { error: made.up } }]\n', /no jibit endpoint documents made\.up/],
    ['two actions', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ then: { error: server.error, fault: reset } }]\n', /choose one of error, status or fault/],
    ['no action', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ when: { nth: 1 } }]\n', /^rules\.0\.then: /],
    ['nth with every', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ when: { nth: 2, every: 2 }, then: { delayMs: 1 } }]\n', /nth names one attempt/],
    ['from after to', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ when: { from: 3, to: 2 }, then: { delayMs: 1 } }]\n', /from \(3\) is after to \(2\)/],
    ['a bad regex', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ when: { query: { number: { regex: "(" } } }, then: { delayMs: 1 } }]\n', /not a valid regular expression/],
    ['a regex with lookahead, which RE2 lacks', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ when: { query: { number: { regex: "^(?=6037)" } } }, then: { delayMs: 1 } }]\n', /^rules\.0\.when\.query\.number\.regex: `\^\(\?=6037\)` uses lookaround/],
    ['a delay over two minutes', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ then: { delayMs: 120001 } }]\n', /rules\.0\.then\.delayMs/],
    ['a hang time without a hang', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ then: { fault: reset, hangMs: 5 } }]\n', /hangMs goes with fault: hang/],
    ['a body without a status', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ then: { error: server.error, body: {} } }]\n', /body and headers go with status/],
    ['a header value with a line break', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ then: { status: 500, headers: { x-a: "a\\r\\nSet-Cookie: b" } } }]\n', /a header value may not hold line breaks/],
    ['a header name with a space', 'name: x\nprovider: jibit\ndescription: d\nrules: [{ then: { status: 500, headers: { "x a": "b" } } }]\n', /^rules\.0\.then\.headers\.x a: Invalid key in record$/],
    ['a repeated key', 'name: x\nname: y\nprovider: jibit\ndescription: d\n', /not valid YAML or JSON: Map keys must be unique/],
    ['an invalid fixture card', 'name: x\nprovider: jibit\ndescription: d\nfixtures: { cards: [{ note: n, number: "6037991234567894", bank: MELLI, depositNumber: "1", ownerNationalCode: "0123456789" }] }\n', /^fixtures\.cards\.0\.number: not a valid card number/],
    ['a clock out of range', 'name: x\nprovider: jibit\ndescription: d\nsetup: { clock: { at: "2300-01-01T00:00:00Z" } }\n', /^setup\.clock\.at: must be between/],
  ])('refuses %s with 400 and the reason at its path', async (_, text, reason) => {
    const res = await upload(text);
    expect(res.status).toBe(400);
    const body = (await json(res)) as { error: string; message: string; details: { reasons: string[] } };
    expect(body).toEqual({ error: 'invalid_scenario', message: body.details.reasons.join('; '), details: { reasons: expect.any(Array) } });
    expect(body.details.reasons.some((r) => reason.test(r))).toBe(true);
  });

  it('refuses an empty body and one over 1 MB', async () => {
    expect(await json(await upload(''))).toEqual({ error: 'invalid_scenario', message: 'send the scenario file (YAML or JSON) as the body' });
    const huge = await upload(`name: x\ndescription: "${'a'.repeat(1_000_001)}"\n`);
    expect(huge.status).toBe(413);
    expect(await json(huge)).toEqual({ error: 'payload_too_large', message: 'the request body is larger than the limit of 1000000 bytes' });
  });

  it('GET of an unknown scenario answers 404 with the known names', async () => {
    const res = await control(app, 'GET', '/scenarios/nope');
    expect(res.status).toBe(404);
    const body = (await json(res)) as { details: { known: string[] } };
    expect(body).toEqual({
      error: 'scenario_not_found',
      message: `scenario nope is not loaded; known scenarios: ${body.details.known.join(', ')}`,
      details: { known: expect.arrayContaining(['every-second-fails']) },
    });
  });
});

describe('PUT and DELETE /_sandbox/tenants/{id}/scenario', () => {
  it("applies the setup (clock, balances, limits, prices, IPs) and shows the scenario in the tenant's view", async () => {
    await upload(`name: with-setup
provider: jibit
description: Given a setup, then the tenant has it.
setup:
  clock: { at: "2026-03-20T20:29:00+03:30", frozen: true }
  jibit:
    balances: { PRF: 500 }
    dailyLimits: { card-inquiry: 3 }
    prices: { card-inquiry: 100 }
    allowedIps: ["10.0.0.0/8"]
    billing: postpaid
`);
    const t = await newTenant(app);
    const res = await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name: 'with-setup' });
    expect(res.status).toBe(200);
    const view = (await json(res)) as { jibit: { dailyLimits: Record<string, number>; prices: Record<string, number> } };
    expect(view).toMatchObject({
      id: t.id,
      scenario: 'with-setup',
      clock: { now: '2026-03-20T16:59:00.000Z', frozen: true, tehranDay: '14041229' },
      jibit: {
        balances: { PRF: 500, POF: 0 },
        allowedIps: ['10.0.0.0/8'],
        billing: 'postpaid',
      },
    });
    expect(view.jibit.dailyLimits['card-inquiry']).toBe(3);
    expect(view.jibit.prices['card-inquiry']).toBe(100);

    const off = await control(app, 'DELETE', `/tenants/${t.id}/scenario`);
    expect(off.status).toBe(200);
    expect(await json(off)).toMatchObject({ scenario: null, clock: { frozen: true }, jibit: { billing: 'postpaid' } });
  });

  it('answers 404 for an unknown tenant or scenario, and 400 for a bad body', async () => {
    const t = await newTenant(app);
    const noTenant = await control(app, 'PUT', '/tenants/ten_nope/scenario', { name: 'with-setup' });
    expect(noTenant.status).toBe(404);
    expect(await json(noTenant)).toEqual({ error: 'not_found', message: 'tenant ten_nope does not exist' });
    const noScenario = await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name: 'nope' });
    expect(noScenario.status).toBe(404);
    expect(await json(noScenario)).toMatchObject({ error: 'scenario_not_found', details: { known: expect.arrayContaining(['with-setup']) } });
    const bad = await control(app, 'PUT', `/tenants/${t.id}/scenario`, { scenario: 'with-setup' });
    expect(bad.status).toBe(400);
    expect(await json(bad)).toMatchObject({ error: 'invalid_request' });
    expect((await control(app, 'DELETE', '/tenants/ten_nope/scenario')).status).toBe(404);
  });
});

describe('a switched-on scenario', () => {
  it('answers its rules before normal behaviour, counts attempts per tenant, and records the rule in the journal', async () => {
    await upload(flaky);
    const a = await signedIn(app);
    const b = await signedIn(app);
    for (const t of [a, b]) expect((await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name: 'every-second-fails' })).status).toBe(200);

    expect((await cardInquiry(a.token)).status).toBe(200);
    expect((await cardInquiry(b.token)).status).toBe(200); // b's first attempt: counted apart from a's
    const second = await cardInquiry(a.token);
    expect(second.status).toBe(500);
    expect(await json(second)).toEqual({ code: 'server.error', message: 'flaky' });
    expect((await cardInquiry(a.token)).status).toBe(200);
    expect((await cardInquiry(a.token)).status).toBe(500);

    const journal = (await json(await control(app, 'GET', `/tenants/${a.id}/journal?endpoint=card-inquiry`))) as { entries: { status: number; rule: string | null; chargedRial: number }[] };
    expect(journal.entries.map((e) => [e.status, e.rule, e.chargedRial])).toEqual([
      [500, 'every-second-fails/second', 0],
      [200, null, 15000],
      [500, 'every-second-fails/second', 0],
      [200, null, 15000],
    ]);
  });

  it('starts its counters afresh when switched on again and when the tenant is reset, and reset switches it off', async () => {
    const t = await signedIn(app);
    await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name: 'every-second-fails' });
    expect((await cardInquiry(t.token)).status).toBe(200);
    await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name: 'every-second-fails' });
    expect((await cardInquiry(t.token)).status).toBe(200); // attempt 1 again
    expect((await cardInquiry(t.token)).status).toBe(500);

    const reset = await control(app, 'POST', `/tenants/${t.id}/reset`);
    expect(await json(reset)).toMatchObject({ scenario: null });
    expect((await cardInquiry(t.token)).status).toBe(200);
    expect((await cardInquiry(t.token)).status).toBe(200); // no scenario: no failure
  });

  it('stops when switched off', async () => {
    const t = await signedIn(app);
    await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name: 'every-second-fails' });
    await control(app, 'DELETE', `/tenants/${t.id}/scenario`);
    expect((await cardInquiry(t.token)).status).toBe(200);
    expect((await cardInquiry(t.token)).status).toBe(200);
  });
});

describe('X-Sandbox-Scenario', () => {
  it("applies that scenario's rules to that request only, with counters per tenant and scenario", async () => {
    const t = await signedIn(app);
    const header = { 'X-Sandbox-Scenario': 'every-second-fails' };
    expect((await cardInquiry(t.token, header)).status).toBe(200);
    expect((await cardInquiry(t.token)).status).toBe(200); // without the header: not counted, normal
    const failed = await cardInquiry(t.token, header);
    expect(failed.status).toBe(500);
    expect(await json(failed)).toEqual({ code: 'server.error', message: 'flaky' });
    // Switching the scenario on starts its counters afresh for the header too.
    await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name: 'every-second-fails' });
    await control(app, 'DELETE', `/tenants/${t.id}/scenario`);
    expect((await cardInquiry(t.token, header)).status).toBe(200);
    expect((await cardInquiry(t.token, header)).status).toBe(500);
  });

  it('answers 400 sandbox.scenario_unknown listing the known names for an unknown one', async () => {
    const t = await signedIn(app);
    const res = await cardInquiry(t.token, { 'X-Sandbox-Scenario': 'nope' });
    expect(res.status).toBe(400);
    const names = ((await json(await control(app, 'GET', '/scenarios'))) as { scenarios: { name: string }[] }).scenarios.map((s) => s.name);
    expect(await json(res)).toEqual({
      code: 'sandbox.scenario_unknown',
      message: `X-Sandbox-Scenario "nope" is not a loaded scenario; known scenarios: ${names.join(', ')}`,
    });
  });

  it('applies to token generation, whose tenant is known by its apiKey', async () => {
    await upload(`name: tokens-down
provider: jibit
description: Given token generation fails once, then the second try works.
rules: [{ when: { endpoint: token-generate }, then: { error: server.error }, times: 1 }]
`);
    const t = await newTenant(app);
    const generate = () =>
      jibit(app, '/v1/tokens/generate', { method: 'POST', body: { apiKey: t.apiKey, secretKey: t.secretKey }, headers: { 'X-Sandbox-Scenario': 'tokens-down' } });
    const first = await generate();
    expect(first.status).toBe(500);
    expect(await json(first)).toEqual({ code: 'server.error', message: expect.any(String) });
    expect((await generate()).status).toBe(200);
  });
});

describe('rule conditions', () => {
  const rulesOf = async (name: string, rules: string) => {
    const res = await upload(`name: ${name}\nprovider: jibit\ndescription: Given rules, then they apply.\nrules:\n${rules}`);
    expect(res.status).toBeLessThan(300);
    const t = await signedIn(app);
    await control(app, 'PUT', `/tenants/${t.id}/scenario`, { name });
    return t;
  };

  it('match query fields by value, oneOf and regex (Persian digits included)', async () => {
    const t = await rulesOf(
      'by-number',
      `  - { when: { endpoint: card-inquiry, query: { number: { oneOf: ["${card}", "6219861234567898"] } } }, then: { error: card.registered_as_lost } }\n`,
    );
    expect((await cardInquiry(t.token)).status).toBe(422);
    expect((await cardInquiry(t.token, {}, '6219861234567898')).status).toBe(422);
    expect((await cardInquiry(t.token, {}, '5022291234567897')).status).toBe(200);
  });

  it('match JSON body fields by dotted path with a regex', async () => {
    const t = await rulesOf('by-body', '  - { when: { endpoint: token-generate, body: { apiKey: { regex: "^api-" } } }, then: { error: invalid.credentials } }\n');
    expect(t.apiKey).toMatch(/^jak/);
    const own = await jibit(app, '/v1/tokens/generate', { method: 'POST', body: { apiKey: t.apiKey, secretKey: t.secretKey } });
    expect(own.status).toBe(200);
    const other = await newTenant(app, { jibit: { apiKey: `api-${t.id}`, secretKey: 'secret' } });
    await control(app, 'PUT', `/tenants/${other.id}/scenario`, { name: 'by-body' });
    const res = await jibit(app, '/v1/tokens/generate', { method: 'POST', body: { apiKey: other.apiKey, secretKey: other.secretKey } });
    expect(res.status).toBe(401);
    expect(await json(res)).toMatchObject({ code: 'invalid.credentials' });
  });

  it('fire on attempts from..to, at most `times` times', async () => {
    const t = await rulesOf('window', '  - { when: { endpoint: balances, from: 2, to: 5 }, then: { error: server.error }, times: 2 }\n');
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await jibit(app, '/v1/balances', { token: t.token })).status);
    expect(statuses).toEqual([200, 500, 500, 200, 200, 200]);
  });

  it('answer an own status, body and headers; a 204 without a body', async () => {
    const t = await rulesOf(
      'own-answers',
      [
        '  - { when: { endpoint: balances, nth: 1 }, then: { status: 429, body: { code: throttled, retry: 3 }, headers: { retry-after: "3" } } }',
        '  - { when: { endpoint: balances, nth: 2 }, then: { status: 204 } }',
        '  - { when: { endpoint: balances, nth: 3 }, then: { status: 503, body: "maintenance" } }',
        '',
      ].join('\n'),
    );
    const first = await jibit(app, '/v1/balances', { token: t.token });
    expect(first.status).toBe(429);
    expect(first.headers.get('retry-after')).toBe('3');
    expect(first.headers.get('content-type')).toBe('application/json');
    expect(await json(first)).toEqual({ code: 'throttled', retry: 3 });
    const second = await jibit(app, '/v1/balances', { token: t.token });
    expect(second.status).toBe(204);
    expect(await second.text()).toBe('');
    const third = await jibit(app, '/v1/balances', { token: t.token });
    expect(third.status).toBe(503);
    expect(third.headers.get('content-type')).toBe('text/plain; charset=UTF-8');
    expect(await third.text()).toBe('maintenance');
    const journal = (await json(await control(app, 'GET', `/tenants/${t.id}/journal`))) as { entries: { status: number; errorCode: string | null; rule: string }[] };
    expect(journal.entries.slice(0, 3).map((e) => [e.status, e.errorCode, e.rule])).toEqual([
      [503, null, 'own-answers/3'],
      [204, null, 'own-answers/2'],
      [429, 'throttled', 'own-answers/1'],
    ]);
  });

  it('delay the normal answer, or an error', async () => {
    const t = await rulesOf(
      'delays',
      ['  - { when: { endpoint: balances, nth: 1 }, then: { delayMs: 150 } }', '  - { when: { endpoint: balances, nth: 2 }, then: { delayMs: 150, error: forbidden } }', ''].join('\n'),
    );
    let started = performance.now();
    expect((await jibit(app, '/v1/balances', { token: t.token })).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    started = performance.now();
    const refused = await jibit(app, '/v1/balances', { token: t.token });
    expect(performance.now() - started).toBeGreaterThanOrEqual(145);
    expect(refused.status).toBe(403);
    expect(await json(refused)).toEqual({ code: 'forbidden', message: expect.any(String) });
  });

  it('a rule for every endpoint answers its error only where the endpoint documents it', async () => {
    const t = await rulesOf('everywhere', '  - { then: { error: card.is_expired } }\n');
    expect((await cardInquiry(t.token)).status).toBe(422);
    expect((await jibit(app, '/v1/balances', { token: t.token })).status).toBe(200);
    expect((await tokens(app, t)).accessToken).toMatch(/^ey/);
  });
});

describe('extra fixture records', () => {
  it('join the world when the scenario is loaded, replacing a stored record with the same number', async () => {
    const saman = loadFixtures().cards.find((c) => c.number === '6219861234567898')!;
    const t = await signedIn(app);
    expect((await cardInquiry(t.token, {}, saman.number)).status).toBe(200);
    const { note: _, ...record } = saman;
    const res = await upload(
      JSON.stringify({
        name: 'saman-card-lost',
        provider: 'jibit',
        description: 'Given the SAMAN demo card is reported lost, then inquiries answer so.',
        fixtures: { cards: [{ ...record, note: 'reported lost', state: 'LOST' }] },
      }),
      'application/json',
    );
    expect(res.status).toBe(201);
    const lost = await cardInquiry(t.token, {}, saman.number);
    expect(lost.status).toBe(422);
    expect(await json(lost)).toEqual({ code: 'card.registered_as_lost', message: 'این کارت به عنوان کارت گم شده ثبت شده است' });
  });

  it('are refused when they name a person the world does not hold', async () => {
    const saman = loadFixtures().cards.find((c) => c.number === '6219861234567898')!;
    const res = await upload(
      JSON.stringify({
        name: 'orphan-card',
        provider: 'jibit',
        description: 'Given a card of nobody, then the scenario is refused.',
        fixtures: { cards: [{ ...saman, ownerNationalCode: '0499370899' }] },
      }),
      'application/json',
    );
    expect(res.status).toBe(400);
    expect(((await json(res)) as { details: { reasons: string[] } }).details.reasons).toEqual([expect.stringMatching(/^fixtures: card 6219861234567898: .*0499370899/)]);
  });
});

describe('a setup that freezes the clock', () => {
  it('freezes it exactly at `at`, even while the wall clock moves between commands', async () => {
    let nowMs = Date.parse('2026-01-01T00:00:00Z');
    const moving = createInstance({ db: ':memory:', worldSeed: 'test-world', wall: { now: () => nowMs++ } });
    await moving.app.request('/_sandbox/scenarios', {
      method: 'POST',
      headers: { 'content-type': 'application/yaml' },
      body: 'name: frozen\nprovider: jibit\ndescription: d\nsetup: { clock: { at: "2026-11-23T10:00:00+03:30", frozen: true } }\n',
    });
    const t = await newTenant(moving);
    const view = (await json(await control(moving, 'PUT', `/tenants/${t.id}/scenario`, { name: 'frozen' }))) as { clock: unknown };
    expect(view.clock).toEqual({ now: '2026-11-23T06:30:00.000Z', frozen: true, tehranDay: '14050902' });
    moving.close();
  });
});
