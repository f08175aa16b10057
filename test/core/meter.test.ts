// Money kept in memory is the money in the database: after a restart on the same file the
// balances, usage and ledger are exactly what the calls before it left.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { ledgerEntries } from '../../src/core/ledger.js';
import { createInstance } from '../../src/instance.js';
import { control, jibit, json, newTenant, tokens } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'mahak-meter-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('charges, usage and ledger survive closing and reopening the database', async () => {
  const file = join(dir, 'm.db');
  const first = createInstance({ db: file });
  const creds = await newTenant(first, { jibit: { prices: { 'card-inquiry': 1000 }, balances: { PRF: 10_000 } } });
  for (const command of [{ freeze: true }, { set: '2026-03-25T08:00:00Z' }]) {
    await control(first, 'POST', `/tenants/${creds.id}/clock`, command);
  }
  // The token is taken on the tenant's clock as set: one issued before the clock moved back is refused.
  const session = { ...creds, token: (await tokens(first, creds)).accessToken };
  for (let i = 0; i < 3; i++) {
    const res = await jibit(first, '/v1/cards', { token: session.token, query: { number: '6037991234567893' } });
    expect(res.status).toBe(200);
  }
  first.close();

  const second = createInstance({ db: file });
  const balances = await jibit(second, '/v1/balances', { token: session.token });
  expect(await json(balances)).toEqual({
    balances: [
      { balanceType: 'PRF', currency: 'IRR', amount: 7000 },
      { balanceType: 'POF', currency: 'IRR', amount: 0 },
    ],
  });
  const report = await jibit(second, '/v1/reports/daily', { token: session.token, query: { yearMonthDay: '050105' } });
  expect(await json(report)).toEqual({ report: [{ services: [{ Service: 'card-inquiry', persianName: 'سرویس استعلام کارت', count: 3 }] }] });
  const ledger = ledgerEntries(second.deps.db, session.id).map(({ id: _, ...entry }) => entry);
  const at = Date.parse('2026-03-25T08:00:00Z');
  expect(ledger.map((e) => ({ ...e, atMs: e.reason === 'charge' ? e.atMs : 0 }))).toEqual([
    { wallet: 'PRF', amountRial: -1000, balanceAfterRial: 7000, reason: 'charge', endpointId: 'card-inquiry', atMs: at },
    { wallet: 'PRF', amountRial: -1000, balanceAfterRial: 8000, reason: 'charge', endpointId: 'card-inquiry', atMs: at },
    { wallet: 'PRF', amountRial: -1000, balanceAfterRial: 9000, reason: 'charge', endpointId: 'card-inquiry', atMs: at },
    { wallet: 'PRF', amountRial: 10_000, balanceAfterRial: 10_000, reason: 'opening balance', endpointId: null, atMs: 0 },
  ]);
  second.close();
});
