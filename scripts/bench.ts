// npm run bench: requests per second and p50/p99 latency of Jibit card inquiry (token check,
// world lookup, daily limit, charge) against a bare Hono route, both served by child
// processes on loopback and loaded by autocannon in the same run. The ratio is the figure
// to compare between machines; absolute numbers drift. BENCH_SOAK=1 runs the mixed-load soak
// (scripts/soak.ts) afterwards.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startChild as start, stopChild as stop } from './child-server.js';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Figures { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number }

async function load(url: string, headers: Record<string, string> = {}): Promise<Figures> {
  // A short warm-up lets the JIT settle before the measured run.
  await autocannon({ url, connections, duration: 2, headers });
  const result = await autocannon({ url, connections, duration: durationSeconds, headers });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function json(url: string, init?: RequestInit) {
  const res = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Both servers stay up; their loads alternate, so drift on the machine hits both alike. */
async function main() {
  // A database file, as `npm start` uses, not :memory:: commits cost what they cost for users.
  const dir = mkdtempSync(join(tmpdir(), 'mahak-bench-'));
  const bare = await start('scripts/bench-bare.ts', {});
  const mahak = await start('src/main.ts', { MAHAK_DB: join(dir, 'bench.db') });
  try {
    const tenant = await json(`${mahak.url}/_sandbox/tenants`, {
      method: 'POST',
      body: JSON.stringify({ jibit: { dailyLimits: { 'card-inquiry': 1_000_000_000 }, balances: { PRF: 1e15 } } }),
    });
    const pair = await json(`${mahak.url}/jibit/ide/v1/tokens/generate`, { method: 'POST', body: JSON.stringify(tenant.jibit) });
    const values = (await json(`${mahak.url}/_sandbox/test-values?endpoint=card-inquiry&outcome=success`)) as unknown as {
      request: { query: Record<string, string> };
    }[];
    const cardUrl = `${mahak.url}/jibit/ide/v1/cards?number=${values[0]!.request.query.number}`;
    const auth = { Authorization: `Bearer ${pair.accessToken}` };
    const results = { bare: [] as Figures[], card: [] as Figures[] };
    for (let round = 0; round < rounds; round++) {
      results.bare.push(await load(`${bare.url}/bare`));
      results.card.push(await load(cardUrl, auth));
    }
    return results;
  } finally {
    await Promise.all([stop(bare), stop(mahak)]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = await main();
const summary = (runs: Figures[]): Figures => ({
  rps: median(runs.map((r) => r.rps)),
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
  requests: runs.reduce((a, r) => a + r.requests, 0),
  non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
  errors: runs.reduce((a, r) => a + r.errors, 0),
});
const bare = summary(results.bare);
const card = summary(results.card);
const row = (name: string, f: Figures) =>
  `| ${name} | ${Math.round(f.rps)} | ${f.p50} | ${f.p99} | ${f.requests} | ${f.non2xx + f.errors} |`;
console.log(`\n${connections} connections, ${rounds} alternating rounds of ${durationSeconds} s, loopback; medians\n`);
console.log('| route | req/s | p50 ms | p99 ms | requests | failed |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(row('bare Hono route', bare));
console.log(row('Jibit card inquiry', card));
console.log(`\nround by round (card / bare): ${results.card.map((c, i) => (c.rps / results.bare[i]!.rps).toFixed(2)).join(', ')}`);
console.log(`card inquiry / bare route throughput: ${(card.rps / bare.rps).toFixed(2)} (aim: at least 0.50)`);
if (card.non2xx + card.errors > 0) {
  console.error('card inquiry had failed requests: the figures are not valid');
  process.exitCode = 1;
}

if (process.env.BENCH_SOAK === '1') {
  const soak = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('soak.ts', import.meta.url))], { stdio: 'inherit' });
  const [code] = (await once(soak, 'exit')) as [number | null];
  if (code !== 0) process.exitCode = code ?? 1;
}
