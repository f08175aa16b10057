// POST /_sandbox/tenants/{id}/clock: set, advance, freeze and thaw a tenant's clock. Each
// command answers {now, frozen, tehranDay}; one tenant's clock never moves another's.
import { describe, expect, test } from 'vitest';
import { manualClock } from '../../src/core/clock.js';
import { createInstance } from '../../src/instance.js';
import { control, json, newTenant } from '../helpers.js';

// A hand-driven wall clock: it moves only when a test advances it, so every time is exact.
const wallStart = '2026-03-25T08:00:00.000Z';
const wall = manualClock(Date.parse(wallStart));
const instance = createInstance({ db: ':memory:', worldSeed: 'test-world', wall });

const command = (id: string, body: unknown) => control(instance, 'POST', `/tenants/${id}/clock`, body);
const viewClock = async (id: string) => ((await json(await control(instance, 'GET', `/tenants/${id}`))) as { clock: unknown }).clock;

async function expectClock(res: Response, body: { now: string; frozen: boolean; tehranDay: string }) {
  expect({ status: res.status, type: res.headers.get('content-type'), body: await json(res) }).toEqual({ status: 200, type: 'application/json', body });
}

describe('clock commands', () => {
  test('a new tenant runs on the wall clock, unfrozen', async () => {
    const t = await newTenant(instance);
    expect(await viewClock(t.id)).toEqual({ now: wallStart, frozen: false, tehranDay: '14050105' });
  });

  test('{set} moves the clock to the instant and answers its Tehran day; GET shows the same clock', async () => {
    const t = await newTenant(instance);
    await expectClock(await command(t.id, { set: '2026-03-24T20:29:59Z' }), { now: '2026-03-24T20:29:59.000Z', frozen: false, tehranDay: '14050104' });
    expect(await viewClock(t.id)).toEqual({ now: '2026-03-24T20:29:59.000Z', frozen: false, tehranDay: '14050104' });
  });

  test('{advanceSeconds} moves forward across Tehran midnight, and back with a negative number', async () => {
    const t = await newTenant(instance);
    await command(t.id, { set: '2026-03-24T20:29:59Z' });
    await expectClock(await command(t.id, { advanceSeconds: 1 }), { now: '2026-03-24T20:30:00.000Z', frozen: false, tehranDay: '14050105' });
    await expectClock(await command(t.id, { advanceSeconds: 86_400 }), { now: '2026-03-25T20:30:00.000Z', frozen: false, tehranDay: '14050106' });
    await expectClock(await command(t.id, { advanceSeconds: -86_401 }), { now: '2026-03-24T20:29:59.000Z', frozen: false, tehranDay: '14050104' });
    await expectClock(await command(t.id, { advanceSeconds: 0.25 }), { now: '2026-03-24T20:29:59.250Z', frozen: false, tehranDay: '14050104' });
  });

  test('{freeze: true} and {freeze: false} keep the instant and only change frozen', async () => {
    const t = await newTenant(instance);
    await command(t.id, { set: '2026-06-01T12:00:00Z' });
    const at = { now: '2026-06-01T12:00:00.000Z', tehranDay: '14050311' };
    await expectClock(await command(t.id, { freeze: true }), { ...at, frozen: true });
    await expectClock(await command(t.id, { freeze: true }), { ...at, frozen: true });
    await expectClock(await command(t.id, { freeze: false }), { ...at, frozen: false });
    await expectClock(await command(t.id, { freeze: false }), { ...at, frozen: false });
  });

  test('set and advance on a frozen clock move it and leave it frozen', async () => {
    const t = await newTenant(instance);
    await command(t.id, { freeze: true });
    await expectClock(await command(t.id, { set: '2026-03-20T20:29:59Z' }), { now: '2026-03-20T20:29:59.000Z', frozen: true, tehranDay: '14041229' });
    await expectClock(await command(t.id, { advanceSeconds: 1 }), { now: '2026-03-20T20:30:00.000Z', frozen: true, tehranDay: '14050101' });
  });

  test('a frozen clock stays put while the wall clock moves; a running one follows it', async () => {
    const own = manualClock(Date.parse(wallStart));
    const separate = createInstance({ db: ':memory:', worldSeed: 'test-world', wall: own });
    try {
      const frozen = await newTenant(separate);
      const running = await newTenant(separate);
      const clockOf = async (id: string) => json(await control(separate, 'GET', `/tenants/${id}`)).then((v) => (v as { clock: unknown }).clock);
      expect((await control(separate, 'POST', `/tenants/${frozen.id}/clock`, { freeze: true })).status).toBe(200);
      own.advance(90_000);
      expect(await clockOf(frozen.id)).toEqual({ now: wallStart, frozen: true, tehranDay: '14050105' });
      expect(await clockOf(running.id)).toEqual({ now: '2026-03-25T08:01:30.000Z', frozen: false, tehranDay: '14050105' });
      own.advance(16 * 3600 * 1000);
      expect(await clockOf(frozen.id)).toEqual({ now: wallStart, frozen: true, tehranDay: '14050105' });
      expect(await clockOf(running.id)).toEqual({ now: '2026-03-26T00:01:30.000Z', frozen: false, tehranDay: '14050106' });
    } finally {
      separate.close();
    }
  });

  test.each([
    ['2026-03-25T02:59:59+03:30', '2026-03-24T23:29:59Z'],
    ['2026-03-25T03:00:00+03:30', '2026-03-24T23:30:00Z'],
    ['2026-03-24T20:29:59-00:00', '2026-03-24T20:29:59Z'],
    ['2026-03-24T16:29:59.500-04:00', '2026-03-24T20:29:59.500Z'],
  ])('{set: %s} is the same instant as %s', async (withOffset, inZ) => {
    const a = await newTenant(instance);
    const b = await newTenant(instance);
    const answerA = await json(await command(a.id, { set: withOffset }));
    const answerB = await json(await command(b.id, { set: inZ }));
    expect(answerA).toEqual(answerB);
    expect(answerA).toMatchObject({ now: new Date(inZ).toISOString(), frozen: false });
  });
});

describe('invalid clock commands answer 400 with the reason', () => {
  const oneOf = 'send exactly one of advanceSeconds (a number), set (an ISO-8601 date-time with a zone) or freeze (a boolean)';
  const noZone = 'must be an ISO-8601 date-time with a zone (Z or ±hh:mm)';
  test.each([
    ['two keys at once', { set: '2026-03-25T08:00:00Z', freeze: true }, '', oneOf],
    ['an empty object', {}, '', oneOf],
    ['a string number', { advanceSeconds: '5' }, '', oneOf],
    ['freeze as a string', { freeze: 'yes' }, '', oneOf],
    ['an unknown command', { reset: true }, '', oneOf],
    ['an array', [], '', oneOf],
    ['a date without a zone', { set: '2026-03-25T08:00:00' }, 'set', noZone],
    ['a date only', { set: '2026-03-25' }, 'set', noZone],
    ['a day that does not exist', { set: '2026-02-30T08:00:00Z' }, 'set', noZone],
    ['an hour offset without minutes', { set: '2026-03-25T08:00:00+03' }, 'set', noZone],
    ['a step past ten billion seconds', { advanceSeconds: 2e10 }, 'advanceSeconds', 'Too big: expected number to be <=10000000000'],
  ])('%s', async (_what, body, path, message) => {
    const t = await newTenant(instance);
    const before = await viewClock(t.id);
    const res = await command(t.id, body);
    expect({ status: res.status, body: await json(res) }).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: `${path || 'body'}: ${message}`, details: [{ path, message }] },
    });
    expect(await viewClock(t.id)).toEqual(before);
  });

  test('no body at all', async () => {
    const t = await newTenant(instance);
    const res = await instance.app.request(`/_sandbox/tenants/${t.id}/clock`, { method: 'POST' });
    expect({ status: res.status, body: await json(res) }).toEqual({
      status: 400,
      body: { error: 'invalid_request', message: `body: ${oneOf}`, details: [{ path: '', message: oneOf }] },
    });
  });
});

test("one tenant's clock commands never move another tenant's clock", async () => {
  const a = await newTenant(instance);
  const b = await newTenant(instance);
  const bBefore = await viewClock(b.id);
  await command(a.id, { set: '2030-01-01T00:00:00Z' });
  await command(a.id, { freeze: true });
  await command(a.id, { advanceSeconds: 3600 });
  expect(await viewClock(a.id)).toEqual({ now: '2030-01-01T01:00:00.000Z', frozen: true, tehranDay: '14081012' });
  expect(await viewClock(b.id)).toEqual(bBefore);
  expect(bBefore).toEqual({ now: wallStart, frozen: false, tehranDay: '14050105' });
});
