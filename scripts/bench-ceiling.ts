// npm run bench:ceiling: how far one Mahak process goes. Throughput, latency and the server's RSS
// of the Jibit card inquiry and of Freepay's payment request (a write per call) with 1, 100 and
// 10,000 tenants, requests spread over them round robin; then a file holding 1 million journal
// rows: start-up, throughput, RSS, file size and the control API's journal reads. Every server is
// a child process on a database file in a temporary folder; the tenant counts are served at once
// and loaded in alternating rounds. CEILING_TENANTS (default 1,100,10000), CEILING_ROWS (default
// 1000000), CEILING_ROUNDS (default 2), CEILING_SECONDS (default 5) and CEILING_CONNECTIONS
// (default 32) change the run; CEILING_SKIP=tenants or journal leaves a part out.
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync } from 'node:fs';
import { loadavg, tmpdir, cpus } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startChild, stopChild, type ChildServer } from './child-server.js';

const tenantCounts = (process.env.CEILING_TENANTS ?? '1,100,10000').split(',').map(Number);
const journalRows = Number(process.env.CEILING_ROWS ?? 1_000_000);
const seconds = Number(process.env.CEILING_SECONDS ?? 5);
const rounds = Number(process.env.CEILING_ROUNDS ?? 2);
const connections = Number(process.env.CEILING_CONNECTIONS ?? 32);
const skip = new Set((process.env.CEILING_SKIP ?? '').split(','));

const rssMiB = (pid: number) => Math.round(Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) / 1024);
const sizeMiB = (path: string) => (existsSync(path) ? statSync(path).size / 2 ** 20 : 0);
const files = (db: string) => `${sizeMiB(db).toFixed(0)} MiB + WAL ${sizeMiB(`${db}-wal`).toFixed(0)} MiB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const load1 = () => loadavg()[0]!.toFixed(1);

/**
 * Creating a tenant hashes its ICE business's password with scrypt (N = 2^14), 50–180 ms of one
 * core each on this machine, so 10,000 tenants would take 10–30 minutes to make. Servers that only
 * make tenants for a measurement get this preload, which lowers scrypt's cost for hashing and
 * checking alike; nothing measured after the tenants are made calls scrypt. CEILING_REAL_SCRYPT=1
 * keeps the real cost.
 */
const cheapScrypt = `import crypto from 'node:crypto'; import { syncBuiltinESMExports } from 'node:module';
const real = crypto.scryptSync; crypto.scryptSync = (p, s, n, o) => real(p, s, n, { ...o, N: 1024 }); syncBuiltinESMExports();`;
const cheapTenants: Record<string, string> = process.env.CEILING_REAL_SCRYPT === '1' ? {} : { NODE_OPTIONS: `--import=data:text/javascript,${encodeURIComponent(cheapScrypt)}` };

/** Mahak on `db`, and how long from the command to its first answer. */
async function serve(db: string, env: Record<string, string> = {}): Promise<{ server: ChildServer; startMs: number }> {
  const started = performance.now();
  const server = await startChild('src/main.ts', { MAHAK_DB: db, ...env });
  await fetch(`${server.url}/health`);
  return { server, startMs: Math.round(performance.now() - started) };
}

async function json(url: string, init?: RequestInit) {
  const res = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

interface Tenant { id: string; jibitToken: string; freepayKey: string }

/** `n` tenants with room for every call, each with a Jibit token, made `parallel` at a time. */
async function makeTenants(url: string, n: number, parallel = 8): Promise<Tenant[]> {
  const made: Tenant[] = [];
  const one = async () => {
    const t = (await json(`${url}/_sandbox/tenants`, {
      method: 'POST',
      body: JSON.stringify({ jibit: { dailyLimits: { 'card-inquiry': 1_000_000_000 }, balances: { PRF: 1e15 } } }),
    })) as { id: string; jibit: { apiKey: string; secretKey: string }; freepay: { apiKey: string } };
    const pair = await json(`${url}/jibit/ide/v1/tokens/generate`, { method: 'POST', body: JSON.stringify(t.jibit) });
    made.push({ id: t.id, jibitToken: pair.accessToken as string, freepayKey: t.freepay.apiKey });
  };
  let started = 0;
  const workers = Array.from({ length: Math.min(parallel, n) }, async () => {
    while (started < n) {
      started++;
      await one();
    }
  });
  await Promise.all(workers);
  return made;
}

interface Figures { rps: number; p50: number; p99: number; failed: number; rss: number; cpuUs: number }

/** CPU time the process has used (user and system), in µs: per request, it does not depend on what else the machine runs. */
export function cpuUsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15, in clock ticks of 10 ms.
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

/** Load with one request per call, each to the next tenant round robin; RSS read at the end of the load. */
async function loadOver(server: ChildServer, request: (t: Tenant) => autocannon.Request, tenants: Tenant[]): Promise<Figures> {
  let next = 0;
  const requests: autocannon.Request[] = [{ setupRequest: (req) => ({ ...req, ...request(tenants[next++ % tenants.length]!) }) }];
  await autocannon({ url: server.url, connections, duration: 1, requests });
  const cpuBefore = cpuUsOf(server.child.pid!);
  const result = await autocannon({ url: server.url, connections, duration: seconds, requests });
  const cpuUs = Math.round((cpuUsOf(server.child.pid!) - cpuBefore) / result.requests.total);
  return { rps: Math.round(result.requests.average), p50: result.latency.p50, p99: result.latency.p99, failed: result.non2xx + result.errors, rss: rssMiB(server.child.pid!), cpuUs };
}

const card = (number: string) => (t: Tenant): autocannon.Request => ({
  method: 'GET', path: `/jibit/ide/v1/cards?number=${number}`, headers: { authorization: `Bearer ${t.jibitToken}` },
});
const paymentRequest = (t: Tenant): autocannon.Request => ({
  method: 'POST', path: '/freepay/payment/request', headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ api: t.freepayKey, amount: '150000', callback: 'http://localhost/back' }).toString(),
});

async function cardNumber(url: string): Promise<string> {
  const values = (await json(`${url}/_sandbox/test-values?endpoint=card-inquiry&outcome=success`)) as unknown as { request: { query: { number: string } } }[];
  return values[0]!.request.query.number;
}

const lines: string[] = [];
const say = (line: string) => {
  lines.push(line);
  console.log(line);
};

/** The median run of several, by throughput; RSS the largest seen. */
function summary(runs: Figures[]): Figures {
  const mid = [...runs].sort((a, b) => a.rps - b.rps)[Math.floor(runs.length / 2)]!;
  return { ...mid, failed: runs.reduce((a, r) => a + r.failed, 0), rss: Math.max(...runs.map((r) => r.rss)) };
}

/** Every tenant count served at once, their loads alternating round by round, so drift on the machine hits all alike. */
async function tenantsPart(dir: string) {
  const served: { n: number; db: string; server: ChildServer; tenants: Tenant[]; madeS: string; idle: number; card: Figures[]; pay: Figures[] }[] = [];
  try {
    for (const n of tenantCounts) {
      const db = join(dir, `tenants-${n}.db`);
      const { server } = await serve(db, n > 100 ? cheapTenants : {});
      const started = performance.now();
      served.push({ n, db, server, tenants: [], madeS: '', idle: 0, card: [], pay: [] });
      const s = served.at(-1)!;
      s.tenants = await makeTenants(server.url, n);
      s.madeS = ((performance.now() - started) / 1000).toFixed(1);
      s.idle = rssMiB(server.child.pid!);
    }
    const number = await cardNumber(served[0]!.server.url);
    for (let round = 0; round < rounds; round++) {
      for (const s of served) s.card.push(await loadOver(s.server, card(number), s.tenants));
      for (const s of served) s.pay.push(await loadOver(s.server, paymentRequest, s.tenants));
    }
  } finally {
    for (const s of served) await stopChild(s.server);
  }
  say(`\n| tenants | made in | RSS idle MiB | card req/s | card p50 / p99 ms | card server CPU µs | RSS MiB | Freepay request req/s | p50 / p99 ms | server CPU µs | RSS MiB | failed | file | restart to first answer |`);
  say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const s of served) {
    const c = summary(s.card);
    const f = summary(s.pay);
    const size = files(s.db);
    const again = await serve(s.db);
    await stopChild(again.server);
    say(`| ${s.n.toLocaleString('en')} | ${s.madeS} s | ${s.idle} | ${c.rps} | ${c.p50} / ${c.p99} | ${c.cpuUs} | ${c.rss} | ${f.rps} | ${f.p50} / ${f.p99} | ${f.cpuUs} | ${f.rss} | ${c.failed + f.failed} | ${size} | ${again.startMs} ms |`);
  }
  say(`Card req/s (server CPU µs a call) round by round: ${served.map((s) => `${s.n}: ${s.card.map((r) => `${r.rps} (${r.cpuUs})`).join(', ')}`).join('; ')}; load average ${load1()}`);
}

/** A journal read through the control API, `times` over: median and slowest, in ms. */
async function timeRead(url: string, path: string, times = 15): Promise<string> {
  const ms: number[] = [];
  let entries = 0;
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    const body = (await json(`${url}${path}`)) as { entries: unknown[] };
    ms.push(performance.now() - started);
    entries = body.entries.length;
  }
  return `${median(ms).toFixed(1)} / ${Math.max(...ms).toFixed(1)} ms (${entries} entries)`;
}

async function journalPart(dir: string) {
  const db = join(dir, 'journal.db');
  const keepAll = { MAHAK_JOURNAL_LIMIT: '10000000' };
  // The tenant through the API, then the rows straight into the stopped server's file.
  const first = await serve(db, keepAll);
  const [tenant] = await makeTenants(first.server.url, 1);
  const number = await cardNumber(first.server.url);
  await stopChild(first.server);
  const started = performance.now();
  const sqlite = new Database(db);
  const insert = sqlite.prepare(
    `INSERT INTO journal (tenant_id, at_ms, provider, endpoint_id, method, path, query, request_body, headers, status, response_body, error_code, charged_rial, rule, latency_ms)
     VALUES (?, ?, 'jibit', ?, 'GET', '/v1/cards', ?, NULL, '{"authorization":"Bearer eyJ…"}', ?, ?, ?, ?, NULL, 1)`,
  );
  const nowMs = Date.now();
  const query = JSON.stringify({ number });
  const ok = JSON.stringify({ number, cardInfo: { bank: 'MELLI', type: 'DEBIT', ownerName: 'علی محمدی', depositNumber: '1234567890123' } });
  const failed = JSON.stringify({ code: 'card.not_valid', message: 'شماره کارت نامعتبر است' });
  sqlite.transaction(() => {
    // One call in a hundred failed, so the code and status filters have something to find.
    for (let i = 0; i < journalRows; i++) {
      const bad = i % 100 === 0;
      insert.run(tenant!.id, nowMs - (journalRows - i) * 1000, 'card-inquiry', query, bad ? 400 : 200, bad ? failed : ok, bad ? 'card.not_valid' : null, bad ? 0 : 1000);
    }
  })();
  sqlite.close();
  const builtS = ((performance.now() - started) / 1000).toFixed(1);
  say(`\n${journalRows.toLocaleString('en')} journal rows of one tenant written in one transaction in ${builtS} s; the file: ${files(db)}`);

  const { server, startMs } = await serve(db, keepAll);
  try {
    const idle = rssMiB(server.child.pid!);
    const cold = await timeRead(server.url, `/_sandbox/tenants/${tenant!.id}/journal?limit=100`, 1);
    say(`Start-up to the first answer: ${startMs} ms; RSS idle ${idle} MiB; the first journal page after start ${cold}`);
    // Beside it, the same tenant's calls on an empty file, loaded in alternating rounds.
    const empty = await serve(join(dir, 'empty.db'), keepAll);
    const runs = { card: [] as Figures[], pay: [] as Figures[], emptyCard: [] as Figures[], emptyPay: [] as Figures[] };
    try {
      const [fresh] = await makeTenants(empty.server.url, 1);
      for (let round = 0; round < rounds; round++) {
        runs.card.push(await loadOver(server, card(number), [tenant!]));
        runs.emptyCard.push(await loadOver(empty.server, card(number), [fresh!]));
        runs.pay.push(await loadOver(server, paymentRequest, [tenant!]));
        runs.emptyPay.push(await loadOver(empty.server, paymentRequest, [fresh!]));
      }
    } finally {
      await stopChild(empty.server);
    }
    say(`\n| load | on the ${journalRows.toLocaleString('en')}-row file: req/s | p50 / p99 ms | server CPU µs | RSS MiB | on an empty file, same rounds: req/s | p50 / p99 ms | server CPU µs | RSS MiB | failed |`);
    say('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const [what, big, small] of [['card inquiry', runs.card, runs.emptyCard], ['Freepay payment request', runs.pay, runs.emptyPay]] as const) {
      const b = summary(big);
      const e = summary(small);
      say(`| ${what} | ${b.rps} | ${b.p50} / ${b.p99} | ${b.cpuUs} | ${b.rss} | ${e.rps} | ${e.p50} / ${e.p99} | ${e.cpuUs} | ${e.rss} | ${b.failed + e.failed} |`);
    }
    say(`\nAfter the load: ${files(db)}; load average ${load1()}`);
    const base = `/_sandbox/tenants/${tenant!.id}/journal`;
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    say(`\n| journal read (control API), ${journalRows.toLocaleString('en')} rows and more | median / slowest of 15 |`);
    say('| --- | --- |');
    for (const [what, path] of [
      ['newest 100', `${base}?limit=100`],
      ['newest 1,000 (the most a page holds)', `${base}?limit=1000`],
      ['endpoint=card-inquiry, 100', `${base}?endpoint=card-inquiry&limit=100`],
      ['code=card.not_valid (1 in 100), 100', `${base}?code=card.not_valid&limit=100`],
      ['status=500 (none), 100', `${base}?status=500&limit=100`],
      ['status=400&provider=jibit, 100', `${base}?status=400&provider=jibit&limit=100`],
      ['since an hour ago, 100', `${base}?since=${encodeURIComponent(hourAgo)}&limit=100`],
    ] as const) say(`| ${what} | ${await timeRead(server.url, path)} |`);
  } finally {
    await stopChild(server);
  }

  // The same file under the default limit of 10,000 a tenant: the first write cuts the rest.
  const trimmed = await serve(db);
  try {
    // The cut runs when the call's entry is written behind: a /health asked right after waits for it.
    const timed = async (path: string, init?: RequestInit) => {
      const s = performance.now();
      await fetch(`${trimmed.server.url}${path}`, init);
      return `${(performance.now() - s).toFixed(0)} ms`;
    };
    const call = await timed(`/jibit/ide/v1/cards?number=${number}`, { headers: { authorization: `Bearer ${tenant!.jibitToken}` } });
    const health = await timed('/health');
    const read = await timed(`/_sandbox/tenants/${tenant!.id}/journal?limit=1`);
    say(`\nRestarted with the default MAHAK_JOURNAL_LIMIT (10,000): start-up ${trimmed.startMs} ms; a card call ${call}, then /health ${health} and a journal read ${read} while its entry is written and the oldest ${Math.max(0, journalRows - 10_000).toLocaleString('en')} and more rows are cut; the file after: ${files(db)}`);
  } finally {
    await stopChild(trimmed.server);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'mahak-ceiling-'));
const began = performance.now();
say(`Ceiling of one process: ${new Date().toISOString().slice(0, 10)}, ${cpus().length} cores, Node ${process.versions.node}, load average at start ${load1()}; ${connections} connections, ${seconds} s a load after a 1 s warm-up, medians of ${rounds} rounds`);
try {
  if (!skip.has('tenants')) await tenantsPart(dir);
  if (!skip.has('journal')) await journalPart(dir);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
say(`\nThe run took ${((performance.now() - began) / 1000).toFixed(0)} s.`);
