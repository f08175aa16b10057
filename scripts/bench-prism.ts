// Prism, the OpenAPI mock server integrators would otherwise reach for, serving Mahak's own
// contract of the Jibit card route, for the benchmark's Mahak / Prism figure. The pinned version
// is installed on demand into the git-ignored .bench-tools/prism (never a dependency: it is large,
// and CI does not need it); an offline machine gets a reason to print instead of a Prism.
// `npx tsx scripts/bench-prism.ts` alone loads Mahak's card inquiry and Prism in alternating rounds
// and prints each server's CPU time per request beside its throughput: on a machine busy with other
// work, throughput follows the share of the cores a server gets, CPU time per request much less.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startChild, stopChild } from './child-server.js';

/** 5.15 and later need Node 24; 5.14.2 declares node >= 18.20.1, so it runs where Mahak does. */
export const prismVersion = '5.14.2';
export const cardPath = '/jibit/ide/v1/cards';
const toolsDir = fileURLToPath(new URL('../.bench-tools/prism', import.meta.url));
const prismEntry = join(toolsDir, 'node_modules/@stoplight/prism-cli/dist/index.js');

/** The path of Prism's entry, installed first when missing; throws with npm's reason when it cannot be. */
export function ensurePrism(): string {
  if (existsSync(prismEntry)) return prismEntry;
  mkdirSync(toolsDir, { recursive: true });
  // Install scripts are not needed: Prism and its dependencies are plain JavaScript.
  // One retry: an offline machine learns it in seconds rather than after npm's backoff.
  const npm = spawnSync(
    'npm',
    ['install', '--prefix', toolsDir, '--no-save', '--ignore-scripts', '--no-audit', '--no-fund', '--fetch-retries', '1', `@stoplight/prism-cli@${prismVersion}`],
    { encoding: 'utf8', timeout: 180_000 },
  );
  if (npm.status !== 0 || !existsSync(prismEntry)) {
    const said = `${npm.stderr ?? ''}`.split('\n').filter((line) => /^npm (error|ERR!) /.test(line)).map((line) => line.replace(/^npm (error|ERR!) /, ''));
    throw new Error((said.find((line) => /reason:/.test(line)) ?? said[0] ?? npm.error?.message ?? `npm exited with ${npm.status}`).trim());
  }
  return prismEntry;
}

type Json = Record<string, unknown>;

/** Every `#/components/schemas/X` a value refers to, followed through the schemas it names. */
function referencedSchemas(value: unknown, all: Record<string, unknown>, into = new Map<string, unknown>()): Map<string, unknown> {
  if (Array.isArray(value)) for (const v of value) referencedSchemas(v, all, into);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const name = key === '$ref' && typeof v === 'string' ? /^#\/components\/schemas\/(.+)$/.exec(v)?.[1] : undefined;
      if (name !== undefined && !into.has(name)) {
        into.set(name, all[name]);
        referencedSchemas(all[name], all, into);
      } else referencedSchemas(v, all, into);
    }
  }
  return into;
}

/**
 * An OpenAPI document holding only the card route, cut from Mahak's /openapi.json (so both serve
 * one contract), with Mahak's own answer for the card as the static example Prism answers.
 */
export function cardDocument(mahakDocument: Json, example: unknown): Json {
  const paths = mahakDocument.paths as Record<string, { get: Json }>;
  const components = mahakDocument.components as { schemas: Record<string, unknown>; securitySchemes: Record<string, unknown> };
  const get = structuredClone(paths[cardPath]!.get);
  const ok = (get.responses as Record<string, { content: Record<string, Json> }>)['200']!;
  ok.content['application/json']!.example = example;
  const security = (get.security as Record<string, unknown>[]).flatMap((s) => Object.keys(s));
  return {
    openapi: mahakDocument.openapi,
    info: { title: 'Mahak card inquiry, for Prism', version: '1' },
    paths: { [cardPath]: { get } },
    components: {
      schemas: Object.fromEntries(referencedSchemas(get, components.schemas)),
      securitySchemes: Object.fromEntries(security.map((name) => [name, components.securitySchemes[name]])),
    },
  };
}

/** A port free on loopback a moment ago (Prism takes a port number, not 0). */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/**
 * Prism as integrators start it: its defaults, which log a line per request at info.
 * BENCH_PRISM_ARGS adds flags; `quietArgs` is Prism at its quickest, matched to Mahak's server.
 */
export const prismArgs = (process.env.BENCH_PRISM_ARGS ?? '').split(' ').filter(Boolean);
/** No line logged per request, no CORS headers (Mahak's API sends none): about five times less CPU a request. */
export const quietArgs = ['--verboseLevel', 'error', '--cors', 'false'];

export interface PrismServer { url: string; child: ChildProcess; dir: string }

/** Prism mocking `document` on a free loopback port, resolved once it answers. `args`: more `prism mock` flags. */
export async function startPrism(document: Json, args: string[] = prismArgs): Promise<PrismServer> {
  const entry = ensurePrism();
  const dir = mkdtempSync(join(tmpdir(), 'mahak-prism-'));
  const file = join(dir, 'card.json');
  writeFileSync(file, JSON.stringify(document, null, 2));
  const port = await freePort();
  const child = spawn(process.execPath, [entry, 'mock', file, '--host', '127.0.0.1', '--port', String(port), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Prism logs a line per request: the pipes are read, or a full pipe would stall it.
  let output = '';
  const keep = (chunk: Buffer) => { if (output.length < 20_000) output += String(chunk); };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    // Any answer means it listens (this one is a 401: no token).
    const answered = await fetch(`${url}${cardPath}?number=1`).then(() => true, () => false);
    if (answered) return { url, child, dir };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
  throw new Error(`Prism did not start:\n${output.slice(-2000)}`);
}

export async function stopPrism(prism: PrismServer): Promise<void> {
  if (prism.child.exitCode === null) {
    prism.child.kill('SIGTERM');
    await once(prism.child, 'exit');
  }
  rmSync(prism.dir, { recursive: true, force: true });
}

/** CPU time a process has used (user and system), in µs; utime and stime count ticks of 10 ms. */
function cpuUsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

interface Run { rps: number; p99: number; cpuUs: number; failed: number }

async function measure(pid: number, options: autocannon.Options, seconds: number): Promise<Run> {
  await autocannon({ ...options, duration: 2 });
  const before = cpuUsOf(pid);
  const result = await autocannon({ ...options, duration: seconds });
  return { rps: result.requests.average, p99: result.latency.p99, cpuUs: (cpuUsOf(pid) - before) / result.requests.total, failed: result.non2xx + result.errors };
}

async function compare() {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const dir = mkdtempSync(join(tmpdir(), 'mahak-bench-prism-'));
  const mahak = await startChild('src/main.ts', { MAHAK_DB: join(dir, 'bench.db') });
  const prisms: PrismServer[] = [];
  try {
    const post = async (path: string, body: unknown) => (await (await fetch(`${mahak.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as Record<string, unknown>;
    const tenant = (await post('/_sandbox/tenants', { jibit: { dailyLimits: { 'card-inquiry': 1_000_000_000 }, balances: { PRF: 1e15 } } })) as { jibit: object };
    const { accessToken } = (await post('/jibit/ide/v1/tokens/generate', tenant.jibit)) as { accessToken: string };
    const values = (await (await fetch(`${mahak.url}/_sandbox/test-values?endpoint=card-inquiry&outcome=success`)).json()) as { request: { query: { number: string } } }[];
    const path = `${cardPath}?number=${values[0]!.request.query.number}`;
    const headers = { authorization: `Bearer ${accessToken}` };
    const answer = await (await fetch(`${mahak.url}${path}`, { headers })).json();
    ensurePrism();
    const document = cardDocument((await (await fetch(`${mahak.url}/openapi.json`)).json()) as Json, answer);
    prisms.push(await startPrism(document, prismArgs), await startPrism(document, quietArgs));
    const runs = { mahak: [] as Run[], prism: [] as Run[], quiet: [] as Run[] };
    for (let round = 0; round < rounds; round++) {
      runs.mahak.push(await measure(mahak.child.pid!, { url: `${mahak.url}${path}`, headers, connections }, seconds));
      runs.prism.push(await measure(prisms[0]!.child.pid!, { url: `${prisms[0]!.url}${path}`, headers, connections }, seconds));
      runs.quiet.push(await measure(prisms[1]!.child.pid!, { url: `${prisms[1]!.url}${path}`, headers, connections }, seconds));
    }
    return runs;
  } finally {
    for (const prism of prisms) await stopPrism(prism);
    await stopChild(mahak);
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const runs = await compare();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const rps = (r: Run[]) => median(r.map((x) => x.rps));
  const cpu = (r: Run[]) => median(r.map((x) => x.cpuUs));
  console.log(`\n| server | req/s (rounds) | p99 ms | server CPU µs a request (rounds) | failed |`);
  console.log('| --- | --- | --- | --- | --- |');
  const named = [
    ['Mahak, Jibit card inquiry', runs.mahak],
    [`Prism ${prismVersion}, ${prismArgs.join(' ') || 'its defaults'}`, runs.prism],
    [`Prism ${prismVersion}, ${quietArgs.join(' ')}`, runs.quiet],
  ] as const;
  for (const [name, r] of named) {
    console.log(`| ${name} | ${Math.round(rps(r))} (${r.map((x) => Math.round(x.rps)).join(', ')}) | ${median(r.map((x) => x.p99))} | ${Math.round(cpu(r))} (${r.map((x) => Math.round(x.cpuUs)).join(', ')}) | ${r.reduce((a, x) => a + x.failed, 0)} |`);
  }
  for (const [name, r] of named.slice(1)) {
    console.log(`\nMahak / ${name}: throughput **${(rps(runs.mahak) / rps(r)).toFixed(2)}**, CPU a request **${(cpu(r) / cpu(runs.mahak)).toFixed(2)}** (aim 5)`);
  }
}
