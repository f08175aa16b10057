// No request may cost more as a tenant's history grows: every statement a request path runs is
// checked by its query plan (SEARCH through an index that holds the filters, or a walk that stops
// at its LIMIT; never a SCAN of a history table or a sort of all of a tenant's rows), and the
// answers built from running totals and indexes stay right with a long history behind them.
import { mkdtempSync, readFileSync, rmSync, cpSync, writeFileSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../src/db/index.js';
import { freepayCodes } from '../../src/providers/freepay/catalog.js';
import { panelTransactions, panelWindow } from '../../src/providers/freepay/panel-query.js';
import { shownStatus, type PaymentRow } from '../../src/providers/freepay/payments.js';
import { control, freepayForm, jibit, json, sandbox, tokens } from '../helpers.js';
import { recordStatements, unbounded } from './query-plans.js';

const app = sandbox();
afterAll(() => app.close());
const client = app.deps.db.$client;
const recorder = recordStatements(client);

/**
 * The journal's stored count, taken once per tenant per process (the first write after start)
 * and kept up to date in memory from then on; the journal itself is capped per tenant.
 */
const countedOnce = 'SELECT count(*) AS n FROM journal WHERE tenant_id = ?';

let tenant: { id: string; apiKey: string; secretKey: string; token: string; api: string };
let card: string;
const hour = 3600_000;

/** Rows a long-lived tenant has behind it, written straight into the database. */
function addHistory(tenantId: string, rows: number, nowMs: number) {
  const ledger = client.prepare("INSERT INTO ledger (tenant_id, wallet, amount_rial, balance_after_rial, reason, at_ms) VALUES (?, 'PRF', -1, 0, 'charge', ?)");
  const journal = client.prepare(
    "INSERT INTO journal (tenant_id, at_ms, provider, endpoint_id, method, path, query, headers, status, charged_rial, latency_ms) VALUES (?, ?, 'jibit', 'card-inquiry', 'GET', '/v1/cards', '{}', '{}', 200, 0, 1)",
  );
  const outbox = client.prepare("INSERT INTO outbox (tenant_id, at_ms, provider, channel, recipient, message) VALUES (?, ?, 'freepay', 'sms', '09120000000', '{\"text\":\"x\"}')");
  client.transaction(() => {
    for (let i = 0; i < rows; i++) {
      ledger.run(tenantId, nowMs - hour);
      journal.run(tenantId, nowMs - hour);
      outbox.run(tenantId, nowMs - hour);
    }
  })();
}

const pay = (id: string, authority: string, cardNumber: string) => control(app, 'POST', `/tenants/${id}/freepay/payments/${authority}/pay`, { card: cardNumber });
const requestPayment = async (api: string, amount = 150_000, extra: Record<string, string> = {}) =>
  ((await json(await freepayForm(app, '/payment/request', { api, amount: String(amount), callback: 'http://localhost/back', ...extra }))) as { authority: string }).authority;

beforeAll(async () => {
  const created = (await json(await control(app, 'POST', '/tenants', { jibit: { balances: { PRF: 1e12 } } }))) as {
    id: string;
    jibit: { apiKey: string; secretKey: string };
    freepay: { apiKey: string };
  };
  await control(app, 'POST', `/tenants/${created.id}/clock`, { freeze: true });
  await control(app, 'POST', `/tenants/${created.id}/clock`, { set: '2026-11-23T10:00:00+03:30' });
  const pair = await tokens(app, created.jibit);
  tenant = { id: created.id, ...created.jibit, token: pair.accessToken, api: created.freepay.apiKey };
  addHistory(tenant.id, 2_000, Date.parse('2026-11-23T10:00:00+03:30'));
  const values = (await json(await control(app, 'GET', '/test-values?endpoint=card-inquiry&outcome=success'))) as { request: { query: { number: string } } }[];
  card = values[0]!.request.query.number;
});

const panel = (api: string, query = '') => app.app.request(`/freepay/panel/transactions${query}`, { headers: { Authorization: `Bearer ${api}` } });

/** Each request path, with what it must answer. */
const paths: [string, () => Response | Promise<Response>, number][] = [
  ['GET /_sandbox/tenants/{id}', () => control(app, 'GET', `/tenants/${tenant.id}`), 200],
  ['POST /freepay/payment/request', () => freepayForm(app, '/payment/request', { api: tenant.api, amount: '150000', callback: 'http://localhost/back' }), 200],
  ['POST /_sandbox/tenants/{id}/freepay/payments/{authority}/pay', async () => pay(tenant.id, await requestPayment(tenant.api), '6037990000010013'), 200],
  [
    'POST /freepay/payment/verify',
    async () => {
      const authority = await requestPayment(tenant.api);
      await pay(tenant.id, authority, '6037990000010013');
      recorder.take();
      return freepayForm(app, '/payment/verify', { api: tenant.api, authority, amount: '150000' });
    },
    200,
  ],
  ['GET /freepay/panel/transactions', () => panel(tenant.api), 200],
  ['GET /freepay/panel/transactions?page=3&per_page=7', () => panel(tenant.api, '?page=3&per_page=7'), 200],
  ...['pending', 'expired', 'paid', 'verified', 'failed', 'reversed', 'cancelled'].map(
    (status): [string, () => Response | Promise<Response>, number] => [`GET /freepay/panel/transactions?status=${status}`, () => panel(tenant.api, `?status=${status}`), 200],
  ),
  ['GET /freepay/panel/transactions?from=…&to=…', () => panel(tenant.api, '?from=1405/09/01&to=1405/09/02'), 200],
  ['GET /freepay/panel/transactions?amount=…', () => panel(tenant.api, '?amount=150000'), 200],
  ['GET /freepay/panel/transactions?min_amount=…&max_amount=…', () => panel(tenant.api, '?min_amount=100000&max_amount=200000'), 200],
  ['GET /freepay/panel/transactions?card=…', () => panel(tenant.api, '?card=0013'), 200],
  ['GET /freepay/panel/transactions?order_id=…', () => panel(tenant.api, '?order_id=A-1'), 200],
  ['GET /freepay/panel/transactions?authority=…', () => panel(tenant.api, '?authority=12345678901234'), 200],
  ['GET /freepay/panel/transactions?ref_id=…', () => panel(tenant.api, '?ref_id=123456789012'), 200],
  ['GET /freepay/panel/transactions?card=<whole card>', () => panel(tenant.api, '?card=6037990000010013'), 200],
  ['GET /freepay/panel/transactions?status=paid&card=…&min_amount=…', () => panel(tenant.api, '?status=paid&card=0013&min_amount=100000'), 200],
  ['GET /_sandbox/tenants/{id}/journal', () => control(app, 'GET', `/tenants/${tenant.id}/journal`), 200],
  ...['provider=freepay', 'endpoint=card-inquiry', 'status=404', 'code=card.not_valid', 'since=2026-11-23T06:00:00Z'].map(
    (filter): [string, () => Response | Promise<Response>, number] => [`GET /_sandbox/tenants/{id}/journal?${filter}`, () => control(app, 'GET', `/tenants/${tenant.id}/journal?${filter}`), 200],
  ),
  ['GET /_sandbox/tenants/{id}/outbox', () => control(app, 'GET', `/tenants/${tenant.id}/outbox`), 200],
  ...['channel=webhook', 'provider=ice', 'recipient=09121234567', 'since=2026-11-23T06:00:00Z', 'channel=sms&provider=freepay&limit=5'].map(
    (filter): [string, () => Response | Promise<Response>, number] => [`GET /_sandbox/tenants/{id}/outbox?${filter}`, () => control(app, 'GET', `/tenants/${tenant.id}/outbox?${filter}`), 200],
  ),
  ['POST /jibit/ide/v1/tokens/generate', () => jibit(app, '/v1/tokens/generate', { method: 'POST', body: { apiKey: tenant.apiKey, secretKey: tenant.secretKey } }), 200],
  ['GET /jibit/ide/v1/cards', () => jibit(app, '/v1/cards', { query: { number: card }, token: tenant.token }), 200],
  ['GET /jibit/ide/v1/balances', () => jibit(app, '/v1/balances', { token: tenant.token }), 200],
  ['GET /jibit/ide/v1/reports/daily', () => jibit(app, '/v1/reports/daily', { query: { yearMonthDay: '050902' }, token: tenant.token }), 200],
];

describe('the journal is counted once per tenant', () => {
  it('a Freepay verify, which writes its entry inside its transaction, does not count the tenant’s journal again', async () => {
    const verifyOne = async () => {
      const authority = await requestPayment(tenant.api);
      expect((await pay(tenant.id, authority, '6037990000010013')).status).toBe(200);
      expect((await freepayForm(app, '/payment/verify', { api: tenant.api, authority, amount: '150000' })).status).toBe(200);
      await control(app, 'GET', `/tenants/${tenant.id}/journal?limit=1`);
    };
    await verifyOne();
    recorder.take();
    await verifyOne();
    await verifyOne();
    const statements = recorder.take();
    expect(statements.some((sql) => sql.includes('INSERT INTO journal'))).toBe(true);
    expect(statements.filter((sql) => sql === countedOnce)).toEqual([]);
  });
});

describe('every request path reads a bounded part of the tenant’s history', () => {
  it.each(paths)('%s', async (_name, call, status) => {
    recorder.take();
    const res = await call();
    expect(res.status).toBe(status);
    // The writes the call left behind (ledger, journal, usage) are part of its cost.
    await control(app, 'GET', `/tenants/${tenant.id}/journal?limit=1`);
    const statements = recorder.take().filter((sql) => sql !== countedOnce);
    expect(statements.length).toBeGreaterThan(0);
    expect(unbounded(client, statements)).toEqual([]);
  });
});

/** A merchant of its own with its key (the tenant view shows the key masked). */
async function newMerchant() {
  const created = (await json(await control(app, 'POST', '/tenants', {}))) as { id: string; freepay: { apiKey: string } };
  await control(app, 'POST', `/tenants/${created.id}/clock`, { freeze: true });
  await control(app, 'POST', `/tenants/${created.id}/clock`, { set: '2026-11-23T10:00:00+03:30' });
  return { id: created.id, api: created.freepay.apiKey };
}

const statuses = ['pending', 'paid', 'verified', 'failed', 'cancelled'] as const;
const cards = ['603799******0013', '610433******0027', '502229******0092', null];

/** Payments written straight into the table, spread over the ten days before `nowMs`, of every status. */
function insertPayments(tenantId: string, n: number, nowMs: number, seed = 1) {
  const insert = client.prepare(
    `INSERT INTO freepay_payments (authority, tenant_id, amount_rial, callback, order_id, status, card_pan, created_at_ms, expires_at_ms, reversal_due_at_ms, reversed_at_ms, settlement_id, history)
     VALUES (?, ?, ?, 'http://localhost/back', ?, ?, ?, ?, ?, NULL, ?, ?, '[]')`,
  );
  let x = seed;
  const next = () => (x = (x * 48271) % 2147483647);
  client.transaction(() => {
    for (let i = 0; i < n; i++) {
      const status = statuses[next() % statuses.length]!;
      const createdAtMs = nowMs - (next() % (10 * 24 * 3600)) * 1000;
      const authority = String(10_000_000_000_000 + seed * 1_000_000 + i);
      const reversed = status === 'failed' && next() % 3 === 0 ? createdAtMs + 72 * hour : null;
      // Settled, so the merchant's catch-up has no settlement left to run on them.
      const settlement = status === 'verified' ? 'stl_old' : null;
      insert.run(authority, tenantId, 10_000 * (1 + (next() % 5)), `O-${next() % 7}`, status, status === 'pending' ? null : cards[next() % cards.length]!, createdAtMs, createdAtMs + 15 * 60_000, reversed, settlement);
    }
  })();
}

const storedPayments = (tenantId: string) => client.prepare('SELECT * FROM freepay_payments WHERE tenant_id = ?').all(tenantId) as Record<string, unknown>[];
const asRow = (r: Record<string, unknown>) =>
  ({ authority: r.authority, amountRial: r.amount_rial, status: r.status, cardPan: r.card_pan, orderId: r.order_id, createdAtMs: r.created_at_ms, expiresAtMs: r.expires_at_ms, reversedAtMs: r.reversed_at_ms }) as PaymentRow;

/** What the panel must answer, worked out from every stored payment in memory. */
function expected(tenantId: string, nowMs: number, keep: (p: PaymentRow) => boolean, page: number, perPage: number) {
  const all = storedPayments(tenantId)
    .map(asRow)
    .filter(keep)
    .sort((a, b) => b.createdAtMs - a.createdAtMs || (a.authority < b.authority ? 1 : -1));
  return { total: all.length, authorities: all.slice((page - 1) * perPage, page * perPage).map((p) => p.authority) };
}

describe('answers that stay right with a long history', () => {
  it('GET /_sandbox/tenants/{id} answers the Freepay balances from each wallet’s newest ledger row behind thousands of Jibit charges', async () => {
    const m = await newMerchant();
    const verified = await requestPayment(m.api, 150_000);
    await pay(m.id, verified, '6037990000010013');
    await freepayForm(app, '/payment/verify', { api: m.api, authority: verified, amount: '150000' });
    await pay(m.id, await requestPayment(m.api, 90_000), '5022290000090092');
    addHistory(m.id, 3_000, Date.parse('2026-11-23T10:00:00+03:30'));
    const view = (await json(await control(app, 'GET', `/tenants/${m.id}`))) as { freepay: { balances: unknown } };
    expect(view.freepay.balances).toEqual({ FREEPAY: 150_000, FREEPAY_HELD: 90_000 });
  });

  it('GET /freepay/panel/transactions pages and totals 1,500 payments as a full read would, for every filter', async () => {
    const m = await newMerchant();
    const nowMs = Date.parse('2026-11-23T10:00:00+03:30');
    insertPayments(m.id, 1_500, nowMs);
    // A few made through the API: pending ones still open, one paid with a test card.
    const open = [await requestPayment(m.api, 20_000), await requestPayment(m.api, 30_000, { order_id: 'O-3' })];
    await pay(m.id, await requestPayment(m.api, 40_000), '6037990000010013');
    const cases: [string, (p: PaymentRow) => boolean][] = [
      ['', () => true],
      ...(['pending', 'expired', 'paid', 'verified', 'failed', 'reversed', 'cancelled'] as const).map(
        (status): [string, (p: PaymentRow) => boolean] => [`status=${status}`, (p) => shownStatus(p, nowMs) === status],
      ),
      ['amount=30000', (p) => p.amountRial === 30_000],
      ['min_amount=20000&max_amount=30000', (p) => p.amountRial >= 20_000 && p.amountRial <= 30_000],
      ['card=0027', (p) => p.cardPan?.endsWith('0027') ?? false],
      ['order_id=O-3', (p) => p.orderId === 'O-3'],
      [`authority=${open[0]}`, (p) => p.authority === open[0]],
      ['from=1405/08/28&to=1405/08/30', (p) => p.createdAtMs >= Date.parse('2026-11-18T20:30:00Z') && p.createdAtMs < Date.parse('2026-11-21T20:30:00Z')],
      ['status=failed&card=0092&min_amount=30000', (p) => shownStatus(p, nowMs) === 'failed' && (p.cardPan?.endsWith('0092') ?? false) && p.amountRial >= 30_000],
      ['status=verified&order_id=O-1&from=1405/08/25', (p) => shownStatus(p, nowMs) === 'verified' && p.orderId === 'O-1' && p.createdAtMs >= Date.parse('2026-11-15T20:30:00Z')],
    ];
    for (const [query, keep] of cases) {
      for (const [page, perPage] of [[1, 20], [3, 7], [2, 100]] as const) {
        const res = await panel(m.api, `?${query}&page=${page}&per_page=${perPage}`);
        const body = (await json(res)) as { total: number; page: number; per_page: number; transactions: { authority: string }[] };
        const want = expected(m.id, nowMs, keep, page, perPage);
        expect({ query, status: res.status, page: body.page, per_page: body.per_page, total: body.total, authorities: body.transactions.map((t) => t.authority) }).toEqual({
          query,
          status: 200,
          page,
          per_page: perPage,
          ...want,
        });
      }
    }
  });

  it('the running counts follow reversals and a reset', async () => {
    const m = await newMerchant();
    await pay(m.id, await requestPayment(m.api, 90_000), '5022290000090092');
    const totals = async () =>
      Object.fromEntries(
        await Promise.all(['failed', 'reversed'].map(async (status) => [status, ((await json(await panel(m.api, `?status=${status}`))) as { total: number }).total])),
      );
    expect(await totals()).toEqual({ failed: 1, reversed: 0 });
    await control(app, 'POST', `/tenants/${m.id}/clock`, { advanceSeconds: 73 * 3600 });
    expect(await totals()).toEqual({ failed: 0, reversed: 1 });
    await control(app, 'POST', `/tenants/${m.id}/reset`);
    expect(((await json(await panel(m.api))) as { total: number }).total).toBe(0);
  });

  it(`GET /freepay/panel/transactions beyond the newest ${panelWindow} answers total_capped, and refuses pages past them`, async () => {
    const m = await newMerchant();
    const nowMs = Date.parse('2026-11-23T10:00:00+03:30');
    insertPayments(m.id, panelWindow + 50, nowMs, 7);
    const all = (await json(await panel(m.api, '?per_page=1'))) as Record<string, unknown>;
    expect(all.total).toBe(panelWindow + 50);
    expect(all.total_capped).toBeUndefined();
    const capped = (await json(await panel(m.api, '?min_amount=1&per_page=1'))) as Record<string, unknown>;
    expect({ total: capped.total, total_capped: capped.total_capped }).toEqual({ total: panelWindow, total_capped: true });
    const deep = await panel(m.api, `?page=${panelWindow / 100 + 1}&per_page=100`);
    expect({ status: deep.status, body: await json(deep) }).toEqual({
      status: 400,
      body: { status: -1, message: `${freepayCodes.invalidInput.message} (page: the panel pages through the newest ${panelWindow} transactions; narrow with from/to)` },
    });
    expect((await panel(m.api, `?page=${panelWindow / 100}&per_page=100`)).status).toBe(200);
  });
});

describe('migration 0004 on a database from before it', () => {
  it('counts the payments already stored, and the triggers keep the counts from then on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mahak-0004-'));
    try {
      // The migrations up to 0003, as a database written before this one holds them.
      const folder = join(dir, 'drizzle');
      cpSync(new URL('../../drizzle', import.meta.url), folder, { recursive: true });
      const journalPath = join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      journal.entries = journal.entries.filter((e) => e.tag < '0004');
      writeFileSync(journalPath, JSON.stringify(journal));
      unlinkSync(join(folder, '0004_history_indexes.sql'));
      const file = join(dir, 'old.db');
      const old = new Database(file);
      migrate(drizzle(old), { migrationsFolder: folder });
      const insert = old.prepare(
        "INSERT INTO freepay_payments (authority, tenant_id, amount_rial, callback, status, created_at_ms, expires_at_ms, reversed_at_ms, history) VALUES (?, ?, 10000, 'http://localhost/back', ?, 0, 1, ?, '[]')",
      );
      const rows: [string, string, string, number | null][] = [
        ['1', 'ten_a', 'verified', null],
        ['2', 'ten_a', 'verified', null],
        ['3', 'ten_a', 'failed', null],
        ['4', 'ten_a', 'failed', 5],
        ['5', 'ten_b', 'pending', null],
      ];
      for (const r of rows) insert.run(...r);
      old.close();

      const db = openDb(file);
      const counts = () => db.$client.prepare('SELECT tenant_id AS tenant, status, count FROM freepay_payment_counts ORDER BY 1, 2').all();
      expect(counts()).toEqual([
        { tenant: 'ten_a', status: 'failed', count: 1 },
        { tenant: 'ten_a', status: 'reversed', count: 1 },
        { tenant: 'ten_a', status: 'verified', count: 2 },
        { tenant: 'ten_b', status: 'pending', count: 1 },
      ]);
      db.$client.prepare("UPDATE freepay_payments SET reversed_at_ms = 9 WHERE authority = '3'").run();
      db.$client.prepare("DELETE FROM freepay_payments WHERE authority = '1'").run();
      expect(counts()).toEqual([
        { tenant: 'ten_a', status: 'failed', count: 0 },
        { tenant: 'ten_a', status: 'reversed', count: 2 },
        { tenant: 'ten_a', status: 'verified', count: 1 },
        { tenant: 'ten_b', status: 'pending', count: 1 },
      ]);
      expect(panelTransactions(db, 'ten_a', {}, 10, 1, 20).total).toBe(3);
      db.$client.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
