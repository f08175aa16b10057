// Nothing a request carries can stop the journal, the usage counters or the ledger being
// written; a failing writer shows on GET /health; a Freepay credit and its journal entry land together.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi, type MockInstance } from 'vitest';
import { ledgerEntries } from '../../src/core/ledger.js';
import { maskSecret } from '../../src/core/journal.js';
import { createInstance, type Instance } from '../../src/instance.js';
import { freepayCodes } from '../../src/providers/freepay/catalog.js';
import { control, freepayForm, jibit, json, merchant, newTenant, sandbox, tokens } from '../helpers.js';

const at = '2026-03-25T08:00:00.000Z';
/** 1405/01/05, the Jalali day of `at` in Tehran. */
const day = '050105';
const card = '6037991234567893';
const iso = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

const dir = mkdtempSync(join(tmpdir(), 'mahak-journal-integrity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let errors: MockInstance<typeof console.error>;
beforeEach(() => {
  errors = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => errors.mockRestore());
const logged = () => errors.mock.calls.map((call) => call.map(String).join(' '));

async function frozenTenant(on: Instance) {
  const creds = await newTenant(on, { jibit: { prices: { 'card-inquiry': 1000 }, balances: { PRF: 10_000 } } });
  for (const command of [{ freeze: true }, { set: at }]) await control(on, 'POST', `/tenants/${creds.id}/clock`, command);
  const pair = await tokens(on, creds);
  return { ...creds, token: pair.accessToken };
}

async function journal(on: Instance, id: string) {
  const res = await control(on, 'GET', `/tenants/${id}/journal`);
  expect(res.status).toBe(200);
  return ((await json(res)) as { entries: Record<string, unknown>[] }).entries;
}

const endpoints = async (on: Instance, id: string) => (await journal(on, id)).map((e) => e.endpoint);

async function balances(on: Instance, token: string) {
  return json(await jibit(on, '/v1/balances', { token }));
}

async function report(on: Instance, token: string) {
  return json(await jibit(on, '/v1/reports/daily', { token, query: { yearMonthDay: day } }));
}

const oneCardInquiry = { report: [{ services: [{ Service: 'card-inquiry', persianName: 'سرویس استعلام کارت', count: 1 }] }] };
const prf = (amount: number) => ({
  balances: [
    { balanceType: 'PRF', currency: 'IRR', amount },
    { balanceType: 'POF', currency: 'IRR', amount: 0 },
  ],
});

/** Refuses the journal rows (or ledger rows) of one tenant, as SQLite refuses a row it cannot take. */
function refuseRows(on: Instance, table: 'journal' | 'ledger', tenantId: string, name = `refuse_${table}`) {
  on.deps.db.$client.exec(
    `CREATE TEMP TRIGGER ${name} BEFORE INSERT ON ${table} WHEN NEW.tenant_id = '${tenantId}' BEGIN SELECT RAISE(ABORT, 'row refused by the test'); END`,
  );
  return () => on.deps.db.$client.exec(`DROP TRIGGER temp.${name}`);
}

describe('a request body the journal cannot keep whole', () => {
  test('a 4,000-deep JSON body is journalled cut; the charged call after it is counted, charged, reported and journalled', async () => {
    const instance = sandbox();
    const t = await frozenTenant(instance);
    const body = `{"apiKey":"${t.apiKey}","secretKey":"not-the-secret","x":${'{"a":'.repeat(4000)}1${'}'.repeat(4000)}}`;
    const refused = await jibit(instance, '/v1/tokens/generate', { method: 'POST', body });
    expect(refused.status).toBeLessThan(500);
    // Let the batch holding that entry run before the next call.
    await new Promise((resolve) => setTimeout(resolve, 30));
    const res = await jibit(instance, '/v1/cards', { token: t.token, query: { number: card } });
    expect(res.status).toBe(200);

    expect(await balances(instance, t.token)).toEqual(prf(9000));
    expect(await report(instance, t.token)).toEqual(oneCardInquiry);
    expect(ledgerEntries(instance.deps.db, t.id).map((e) => [e.reason, e.amountRial, e.balanceAfterRial])).toEqual([
      ['charge', -1000, 9000],
      ['opening balance', 10_000, 10_000],
    ]);
    const entries = await journal(instance, t.id);
    expect(entries.map((e) => e.endpoint)).toEqual(['daily-report', 'balances', 'card-inquiry', 'token-generate', 'token-generate']);
    const masked = `{"apiKey":"${maskSecret(t.apiKey)}","secretKey":"${maskSecret('not-the-secret')}","x":${'{"a":'.repeat(4000)}1${'}'.repeat(4000)}}`;
    expect(entries[3]!.requestBody).toEqual({ $cut: true, reason: 'too_deep', bytes: Buffer.byteLength(masked), head: masked.slice(0, 1024) });
    expect(logged()).toEqual([]);
    instance.close();
  });

  test('a body whose JSON text passes 64 KiB is journalled as its size and its first 1,024 characters, secrets masked', async () => {
    const instance = sandbox();
    const m = await merchant(instance);
    // 60,000 bytes as a form (%01 each), 120,000 as JSON text (\u0001 each): under the route's limit, over the journal's.
    const fields = { api: m.api, amount: '150000', callback: 'http://localhost:3000/callback', description: '\u0001'.repeat(20_000) };
    const res = await freepayForm(instance, '/payment/request', fields);
    expect(res.status).toBe(400);
    const [entry] = await journal(instance, m.id);
    const masked = JSON.stringify({ ...fields, api: maskSecret(m.api) });
    expect(masked.length).toBeGreaterThan(64 * 1024);
    expect(entry!.requestBody).toEqual({ $cut: true, reason: 'too_large', bytes: Buffer.byteLength(masked), head: masked.slice(0, 1024) });
    expect(JSON.stringify(entry)).not.toContain(m.api);
    instance.close();
  });
});

describe('GET /health', () => {
  test('answers 200 ok with the writer owing nothing', async () => {
    const instance = sandbox();
    const res = await instance.app.request('/health');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await json(res)).toEqual({
      status: 'ok',
      writer: { pending: { meter: 0, journal: 0 }, dropped: { meter: 0, journal: 0 }, failingSince: null, lastError: null },
    });
    instance.close();
  });

  test('answers 503 degraded with the reason while the database refuses writes; the charges made meanwhile all land once it takes them again', async () => {
    const instance = sandbox();
    const t = await frozenTenant(instance);
    expect(await endpoints(instance, t.id)).toEqual(['token-generate']);
    instance.deps.db.$client.pragma('query_only = ON');
    expect((await jibit(instance, '/v1/cards', { token: t.token, query: { number: card } })).status).toBe(200);
    expect(await endpoints(instance, t.id)).toEqual(['token-generate']);

    const degraded = await instance.app.request('/health');
    expect(degraded.status).toBe(503);
    expect(await json(degraded)).toEqual({
      status: 'degraded',
      writer: {
        pending: { meter: 1, journal: 1 },
        dropped: { meter: 0, journal: 0 },
        failingSince: iso,
        lastError: { message: 'attempt to write a readonly database', at: iso },
      },
    });
    expect(logged()).toEqual(['write-behind batch failed; 2 entries kept for a retry: attempt to write a readonly database']);
    // Jibit's own probe keeps the provider's documented answer.
    expect(await json(await jibit(instance, '/health'))).toEqual({ status: 'UP' });

    instance.deps.db.$client.pragma('query_only = OFF');
    expect(await report(instance, t.token)).toEqual(oneCardInquiry);
    expect(await balances(instance, t.token)).toEqual(prf(9000));
    expect(ledgerEntries(instance.deps.db, t.id).map((e) => [e.reason, e.amountRial, e.balanceAfterRial])).toEqual([
      ['charge', -1000, 9000],
      ['opening balance', 10_000, 10_000],
    ]);
    expect(await endpoints(instance, t.id)).toEqual(['balances', 'daily-report', 'card-inquiry', 'token-generate']);
    const healthy = await instance.app.request('/health');
    expect(healthy.status).toBe(200);
    expect(await json(healthy)).toEqual({
      status: 'ok',
      writer: { pending: { meter: 0, journal: 0 }, dropped: { meter: 0, journal: 0 }, failingSince: null, lastError: { message: 'attempt to write a readonly database', at: iso } },
    });
    instance.close();
  });
});

describe('a tenant reset while the database refuses writes', () => {
  test('fails without losing the money owed: once written, memory and ledger still agree', async () => {
    const instance = sandbox();
    const t = await frozenTenant(instance);
    await journal(instance, t.id);
    instance.deps.db.$client.pragma('query_only = ON');
    expect((await jibit(instance, '/v1/cards', { token: t.token, query: { number: card } })).status).toBe(200);
    expect((await control(instance, 'POST', `/tenants/${t.id}/reset`)).status).toBe(500);
    instance.deps.db.$client.pragma('query_only = OFF');
    expect(await balances(instance, t.token)).toEqual(prf(9000));
    expect(await report(instance, t.token)).toEqual(oneCardInquiry);
    expect(ledgerEntries(instance.deps.db, t.id)[0]).toMatchObject({ reason: 'charge', balanceAfterRial: 9000 });
    const stored = instance.deps.db.$client.prepare<[string], { amount: number }>("SELECT amount_rial AS amount FROM wallets WHERE tenant_id = ? AND type = 'PRF'").get(t.id);
    expect(stored).toEqual({ amount: 9000 });
    instance.close();
  });
});

describe('an entry SQLite refuses', () => {
  test('a journal entry that cannot be written is dropped alone and logged once; other entries and every charge land', async () => {
    const instance = sandbox();
    const [a, b] = [await frozenTenant(instance), await frozenTenant(instance)];
    await journal(instance, a.id);
    const allow = refuseRows(instance, 'journal', a.id);
    for (const t of [a, b]) expect((await jibit(instance, '/v1/cards', { token: t.token, query: { number: card } })).status).toBe(200);
    expect(await endpoints(instance, b.id)).toEqual(['card-inquiry', 'token-generate']);
    expect(await endpoints(instance, a.id)).toEqual(['token-generate']);
    expect(await report(instance, a.token)).toEqual(oneCardInquiry);
    expect(await balances(instance, a.token)).toEqual(prf(9000));
    allow();
    expect(logged()).toEqual([
      `write-behind dropped journal (journal entry of tenant ${a.id}: GET /v1/cards at ${at}, status 200), which cannot be written: row refused by the test`,
    ]);
    expect((await json(await instance.app.request('/health'))) as unknown).toMatchObject({ status: 'ok', writer: { dropped: { meter: 0, journal: 1 } } });
    instance.close();
  });

  test('money whose ledger rows cannot be written is taken back in memory too: balance, usage and ledger agree', async () => {
    const instance = sandbox();
    const [a, b] = [await frozenTenant(instance), await frozenTenant(instance)];
    await journal(instance, a.id);
    const allow = refuseRows(instance, 'ledger', a.id);
    for (const t of [a, b]) expect((await jibit(instance, '/v1/cards', { token: t.token, query: { number: card } })).status).toBe(200);
    await journal(instance, a.id);
    allow();
    expect(await balances(instance, a.token)).toEqual(prf(10_000));
    expect(await report(instance, a.token)).toEqual({ report: [{ services: [] }] });
    expect(ledgerEntries(instance.deps.db, a.id).map((e) => e.reason)).toEqual(['opening balance']);
    expect(await balances(instance, b.token)).toEqual(prf(9000));
    expect(await report(instance, b.token)).toEqual(oneCardInquiry);
    expect(ledgerEntries(instance.deps.db, b.id).map((e) => e.reason)).toEqual(['charge', 'opening balance']);
    expect(logged()).toEqual([
      `write-behind dropped meter (money of tenant ${a.id}: 1 ledger entry, PRF -1000, 1 counted call), which cannot be written: row refused by the test`,
    ]);
    instance.close();
  });

  test('closing the instance writes what is pending; an unwritable entry does not take the rest with it', async () => {
    const file = join(dir, 'close.db');
    const first = createInstance({ db: file });
    const [a, b] = [await frozenTenant(first), await frozenTenant(first)];
    await journal(first, a.id);
    refuseRows(first, 'journal', a.id);
    for (const t of [a, b]) expect((await jibit(first, '/v1/cards', { token: t.token, query: { number: card } })).status).toBe(200);
    first.close();

    const second = createInstance({ db: file });
    expect(await endpoints(second, a.id)).toEqual(['token-generate']);
    expect(await endpoints(second, b.id)).toEqual(['card-inquiry', 'token-generate']);
    for (const t of [a, b]) {
      expect(await balances(second, t.token)).toEqual(prf(9000));
      expect(await report(second, t.token)).toEqual(oneCardInquiry);
    }
    expect(logged()).toHaveLength(1);
    second.close();
  });
});

describe('Freepay verify: the credit and its journal entry', () => {
  async function paid(on: Instance, amount = 150_000) {
    const m = await merchant(on);
    const res = await freepayForm(on, '/payment/request', { api: m.api, amount: String(amount), callback: 'http://localhost:3000/callback' });
    const { authority } = (await json(res)) as { authority: string };
    expect((await control(on, 'POST', `/tenants/${m.id}/freepay/payments/${authority}/pay`, { card: '6037990000010013' })).status).toBe(200);
    return { ...m, authority };
  }
  const verify = (on: Instance, m: { api: string; authority: string }) => freepayForm(on, '/payment/verify', { api: m.api, authority: m.authority, amount: '150000' });
  /** Straight from SQLite, without waiting for the writer. */
  const storedVerifies = (on: Instance, tenantId: string) =>
    on.deps.db.$client
      .prepare<[string], { status: number; responseBody: string }>(
        "SELECT status, response_body AS responseBody FROM journal WHERE tenant_id = ? AND endpoint_id = 'payment-verify'",
      )
      .all(tenantId);
  const credits = (on: Instance, tenantId: string) => ledgerEntries(on.deps.db, tenantId).filter((e) => (e.wallet as string) === 'FREEPAY').map((e) => e.amountRial);

  test('a verify that credits the merchant is in the journal the moment it answers', async () => {
    const instance = sandbox();
    const m = await paid(instance);
    const res = await verify(instance, m);
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(body).toMatchObject({ status: freepayCodes.ok.status, authority: m.authority });
    expect(storedVerifies(instance, m.id)).toEqual([{ status: 200, responseBody: JSON.stringify(body) }]);
    expect(credits(instance, m.id)).toEqual([150_000]);
    // Recorded once: the writer adds no second entry for the same call.
    const entries = (await journal(instance, m.id)).filter((e) => e.endpoint === 'payment-verify');
    expect(entries.map((e) => [e.status, e.responseBody, (e.requestBody as Record<string, string>).authority])).toEqual([[200, body, m.authority]]);
    instance.close();
  });

  test('a verify whose journal entry cannot be written credits nothing; once the journal takes it, verify credits once', async () => {
    const instance = sandbox();
    const m = await paid(instance);
    const allow = refuseRows(instance, 'journal', m.id);
    const refused = await verify(instance, m);
    expect(refused.status).toBe(freepayCodes.serviceUnavailable.http);
    expect(await json(refused)).toEqual({ status: freepayCodes.serviceUnavailable.status, message: freepayCodes.serviceUnavailable.message });
    expect(credits(instance, m.id)).toEqual([]);
    allow();
    const res = await verify(instance, m);
    expect(await json(res)).toMatchObject({ status: freepayCodes.ok.status });
    expect(credits(instance, m.id)).toEqual([150_000]);
    // The refused call's own answer (503) reached the journal through the writer once it could.
    expect(storedVerifies(instance, m.id).map((r) => r.status)).toEqual([freepayCodes.serviceUnavailable.http, 200]);
    instance.close();
  });
});
