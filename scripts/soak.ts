// npm run soak (or BENCH_SOAK=1 npm run bench): a mixed load over every provider against a tenant
// that already has 100,000 ledger rows and 100,000 journal entries, minute after minute, to show
// that no request gets slower as history grows: throughput and the server's RSS per minute, the
// last minute against the first. SOAK_MINUTES (default 2), SOAK_WINDOW_SECONDS (default 60),
// SOAK_CONNECTIONS (default 16) and SOAK_HISTORY (default 100000) change the run.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startChild, stopChild as stop } from './child-server.js';

/** Windows of load, each SOAK_WINDOW_SECONDS long (a minute unless told). */
const minutes = Number(process.env.SOAK_MINUTES ?? 2);
const windowSeconds = Number(process.env.SOAK_WINDOW_SECONDS ?? 60);
const connections = Number(process.env.SOAK_CONNECTIONS ?? 16);
const history = Number(process.env.SOAK_HISTORY ?? 100_000);

/** Mahak on `dbPath`, keeping every journal entry, so it grows through the run as a long-lived tenant's would. */
const start = (dbPath: string) => startChild('src/main.ts', { MAHAK_DB: dbPath, MAHAK_JOURNAL_LIMIT: '10000000' });

/** Resident memory of the server process, in MiB (Linux). */
function rssMiB(pid: number): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return Math.round(Number(kb) / 1024);
}

async function json(url: string, init?: RequestInit) {
  const res = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

interface Tenant { id: string; apiKey: string; secretKey: string; freepayKey: string; card: string }

/** A tenant made through the API, then the history written straight into the stopped server's database. */
async function prepare(dbPath: string): Promise<Tenant> {
  const server = await start(dbPath);
  let tenant: Tenant;
  try {
    const created = (await json(`${server.url}/_sandbox/tenants`, {
      method: 'POST',
      body: JSON.stringify({ jibit: { dailyLimits: { 'card-inquiry': 1_000_000_000 }, balances: { PRF: 1e15 } } }),
    })) as { id: string; jibit: { apiKey: string; secretKey: string }; freepay: { apiKey: string } };
    const values = (await json(`${server.url}/_sandbox/test-values?endpoint=card-inquiry&outcome=success`)) as unknown as { request: { query: { number: string } } }[];
    tenant = { id: created.id, ...created.jibit, freepayKey: created.freepay.apiKey, card: values[0]!.request.query.number };
  } finally {
    await stop(server);
  }
  const db = new Database(dbPath);
  const nowMs = Date.now();
  const ledger = db.prepare("INSERT INTO ledger (tenant_id, wallet, amount_rial, balance_after_rial, reason, endpoint_id, at_ms) VALUES (?, 'PRF', -1000, ?, 'charge', 'card-inquiry', ?)");
  const journal = db.prepare(
    `INSERT INTO journal (tenant_id, at_ms, provider, endpoint_id, method, path, query, request_body, headers, status, response_body, error_code, charged_rial, rule, latency_ms)
     VALUES (?, ?, 'jibit', 'card-inquiry', 'GET', '/v1/cards', ?, NULL, '{}', 200, ?, NULL, 1000, NULL, 1)`,
  );
  db.transaction(() => {
    for (let i = 0; i < history; i++) {
      const atMs = nowMs - (history - i) * 1000;
      ledger.run(tenant.id, 1e15 - i * 1000, atMs);
      journal.run(tenant.id, atMs, JSON.stringify({ number: tenant.card }), JSON.stringify({ number: tenant.card, type: 'DEBIT', name: 'نام' }));
    }
  })();
  db.close();
  return tenant;
}

/** What a connection keeps between the requests of its round: the access token and the payment's authority. */
type Context = { token?: string; authority?: string };
const own = (context: object) => context as Context;

/** One buyer's round over every provider; each connection repeats it. */
function round(t: Tenant): autocannon.Request[] {
  const json = { 'content-type': 'application/json' };
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const jibit = (ctx: Context) => ({ authorization: `Bearer ${ctx.token}` });
  const panel = { authorization: `Bearer ${t.freepayKey}` };
  return [
    {
      method: 'POST', path: '/jibit/ide/v1/tokens/generate', headers: json, body: JSON.stringify({ apiKey: t.apiKey, secretKey: t.secretKey }),
      onResponse: (_status, body, ctx) => { own(ctx).token = (JSON.parse(body) as { accessToken: string }).accessToken; },
    },
    { method: 'GET', path: `/jibit/ide/v1/cards?number=${t.card}`, setupRequest: (req, ctx) => ({ ...req, headers: jibit(own(ctx)) }) },
    {
      method: 'POST', path: '/freepay/payment/request', headers: form,
      body: new URLSearchParams({ api: t.freepayKey, amount: '150000', callback: 'http://localhost/back' }).toString(),
      onResponse: (_status, body, ctx) => { own(ctx).authority = (JSON.parse(body) as { authority: string }).authority; },
    },
    {
      method: 'POST', headers: json, body: JSON.stringify({ card: '6037990000010013' }),
      setupRequest: (req, ctx) => ({ ...req, path: `/_sandbox/tenants/${t.id}/freepay/payments/${own(ctx).authority}/pay` }),
    },
    {
      method: 'POST', path: '/freepay/payment/verify', headers: form,
      setupRequest: (req, ctx) => ({ ...req, body: new URLSearchParams({ api: t.freepayKey, authority: own(ctx).authority!, amount: '150000' }).toString() }),
    },
    { method: 'GET', path: `/_sandbox/tenants/${t.id}` },
    { method: 'GET', path: `/_sandbox/tenants/${t.id}/journal?limit=20` },
    { method: 'GET', path: `/_sandbox/tenants/${t.id}/journal?endpoint=payment-verify&limit=20` },
    { method: 'GET', path: `/_sandbox/tenants/${t.id}/outbox?limit=20` },
    { method: 'GET', path: '/freepay/panel/transactions', headers: panel },
    { method: 'GET', path: '/freepay/panel/transactions?status=verified&per_page=50', headers: panel },
  ];
}

interface Minute { rps: number; p50: number; p99: number; requests: number; failed: number; rssMiB: number }

async function soak(): Promise<Minute[]> {
  const dir = mkdtempSync(join(tmpdir(), 'mahak-soak-'));
  const dbPath = join(dir, 'soak.db');
  try {
    const tenant = await prepare(dbPath);
    const server = await start(dbPath);
    try {
      const minutesRun: Minute[] = [];
      for (let m = 0; m < minutes; m++) {
        const result = await autocannon({ url: server.url, connections, duration: windowSeconds, requests: round(tenant) });
        minutesRun.push({
          rps: result.requests.total / windowSeconds,
          p50: result.latency.p50,
          p99: result.latency.p99,
          requests: result.requests.total,
          failed: result.non2xx + result.errors,
          rssMiB: rssMiB(server.child.pid!),
        });
        console.error(`window ${m + 1}: ${Math.round(minutesRun.at(-1)!.rps)} req/s, RSS ${minutesRun.at(-1)!.rssMiB} MiB`);
      }
      return minutesRun;
    } finally {
      await stop(server);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const runs = await soak();
const first = runs[0]!;
const last = runs.at(-1)!;
console.log(`\nmixed load, ${connections} connections, ${runs.length} windows of ${windowSeconds} s; tenant with ${history} ledger rows and ${history} journal entries before the start\n`);
console.log(`| window (${windowSeconds} s) | req/s | p50 ms | p99 ms | requests | failed | server RSS MiB |`);
console.log('| --- | --- | --- | --- | --- | --- | --- |');
runs.forEach((r, i) => console.log(`| ${i + 1} | ${Math.round(r.rps)} | ${r.p50} | ${r.p99} | ${r.requests} | ${r.failed} | ${r.rssMiB} |`));
console.log(`\nlast / first window throughput: ${(last.rps / first.rps).toFixed(2)} (aim: at least 0.90); RSS ${first.rssMiB} → ${last.rssMiB} MiB`);
if (runs.some((r) => r.failed > 0)) {
  console.error('some requests failed: the figures are not valid');
  process.exitCode = 1;
}
