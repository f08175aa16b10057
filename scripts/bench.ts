// npm run bench: requests per second and p50/p99 latency of Jibit card inquiry (token check,
// world lookup, daily limit, charge) against a bare Hono route, both served by child
// processes on loopback and loaded by autocannon in the same run. The ratio is the figure
// to compare between machines; absolute numbers drift.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Server { url: string; child: ChildProcess }

async function start(script: string, env: Record<string, string>): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  for await (const chunk of child.stdout!) {
    output += String(chunk);
    const port = /serving on http:\/\/localhost:(\d+)/.exec(output)?.[1];
    if (port) return { url: `http://127.0.0.1:${port}`, child };
  }
  throw new Error(`${script} exited before serving:\n${output}`);
}

async function stop(server: Server) {
  server.child.kill('SIGTERM');
  await once(server.child, 'exit');
}

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

async function benchCardInquiry(): Promise<Figures> {
  // A database file, as `npm start` uses, not :memory:: commits cost what they cost for users.
  const dir = mkdtempSync(join(tmpdir(), 'mahak-bench-'));
  const server = await start('src/main.ts', { MAHAK_DB: join(dir, 'bench.db') });
  try {
    const tenant = await json(`${server.url}/_sandbox/tenants`, {
      method: 'POST',
      body: JSON.stringify({ jibit: { dailyLimits: { 'card-inquiry': 1_000_000_000 }, balances: { PRF: 1e15 } } }),
    });
    const pair = await json(`${server.url}/jibit/ide/v1/tokens/generate`, {
      method: 'POST',
      body: JSON.stringify(tenant.jibit),
    });
    const values = (await json(`${server.url}/_sandbox/test-values`)) as unknown as { endpoint: string; outcome: string; request: { query: Record<string, string> } }[];
    const card = values.find((v) => v.endpoint === 'card-inquiry' && v.outcome === 'success')!.request.query.number;
    return await load(`${server.url}/jibit/ide/v1/cards?number=${card}`, { Authorization: `Bearer ${pair.accessToken}` });
  } finally {
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

async function benchBare(): Promise<Figures> {
  const server = await start('scripts/bench-bare.ts', {});
  try {
    return await load(`${server.url}/bare`);
  } finally {
    await stop(server);
  }
}

const bare = await benchBare();
const card = await benchCardInquiry();
const row = (name: string, f: Figures) =>
  `| ${name} | ${Math.round(f.rps)} | ${f.p50} | ${f.p99} | ${f.requests} | ${f.non2xx + f.errors} |`;
console.log(`\n${connections} connections, ${durationSeconds} s each, loopback\n`);
console.log('| route | req/s | p50 ms | p99 ms | requests | failed |');
console.log('| --- | --- | --- | --- | --- | --- |');
console.log(row('bare Hono route', bare));
console.log(row('Jibit card inquiry', card));
console.log(`\ncard inquiry / bare route throughput: ${(card.rps / bare.rps).toFixed(2)} (aim: at least 0.50)`);
if (card.non2xx + card.errors > 0) {
  console.error('card inquiry had failed requests: the figures are not valid');
  process.exitCode = 1;
}
