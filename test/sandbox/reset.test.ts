// POST /_sandbox/tenants/{id}/reset: everything a tenant changed goes back, its credentials stay.
import { expect, test } from 'vitest';
import { control, jibit, json, newTenant, sandbox, tokens } from '../helpers.js';

const instance = sandbox();

test('reset restores settings, balances, usage, clock, journal and outbox; credentials and tokens still work', async () => {
  const overrides = {
    name: 'reset-me',
    jibit: { dailyLimits: { 'card-inquiry': 5 }, balances: { PRF: 50_000, POF: 0 }, prices: { 'card-inquiry': 1000 }, exhaustedWallet: 'forbidden' },
  };
  const creds = await newTenant(instance, overrides);
  const fresh = (await json(await control(instance, 'GET', `/tenants/${creds.id}`))) as Record<string, unknown>;

  const { accessToken } = await tokens(instance, creds);
  expect((await jibit(instance, '/v1/cards', { token: accessToken, query: { number: '6037991234567893' } })).status).toBe(200);
  await control(instance, 'PATCH', `/tenants/${creds.id}/jibit`, {
    dailyLimits: { 'card-inquiry': 1 },
    prices: { 'iban-inquiry': 1 },
    allowedIps: ['10.0.0.1'],
    balances: { POF: -5 },
    billing: 'postpaid',
    inputs: 'lenient',
    accountActive: false,
    exhaustedWallet: 'balance.not_enough',
  });
  await control(instance, 'POST', `/tenants/${creds.id}/clock`, { freeze: true });
  await control(instance, 'POST', `/tenants/${creds.id}/clock`, { set: '2030-01-01T00:00:00Z' });
  instance.deps.outbox.send({ tenantId: creds.id, provider: 'ice', atMs: 0, channel: 'sms', recipient: '09123456789', text: 'x' });

  const res = await control(instance, 'POST', `/tenants/${creds.id}/reset`);
  expect(res.status).toBe(200);
  const after = (await json(res)) as Record<string, unknown> & { clock: { now: string; frozen: boolean; tehranDay: string } };
  const { clock: freshClock, createdAt: _c, ...freshRest } = fresh as typeof after;
  const { clock, createdAt: _a, ...afterRest } = after;
  expect(afterRest).toEqual(freshRest);
  expect(clock.frozen).toBe(false);
  expect(Math.abs(Date.parse(clock.now) - Date.parse(freshClock.now))).toBeLessThan(60_000);

  expect(await json(await control(instance, 'GET', `/tenants/${creds.id}/journal`))).toEqual({ entries: [] });
  expect(await json(await control(instance, 'GET', `/tenants/${creds.id}/outbox`))).toEqual({ entries: [] });
  const again = await jibit(instance, '/v1/balances', { token: accessToken });
  expect(await json(again)).toEqual({
    balances: [
      { balanceType: 'PRF', currency: 'IRR', amount: 50_000 },
      { balanceType: 'POF', currency: 'IRR', amount: 0 },
    ],
  });
  expect((await tokens(instance, creds)).accessToken).toMatch(/^ey/);
});

test('reset of an unknown tenant answers 404', async () => {
  const res = await control(instance, 'POST', '/tenants/ten_missing/reset');
  expect(res.status).toBe(404);
  expect(await json(res)).toEqual({ error: 'not_found', message: 'tenant ten_missing does not exist' });
});
