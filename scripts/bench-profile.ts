// npx tsx scripts/bench-profile.ts: serves Mahak under `node --cpu-prof`, loads Jibit card inquiry with
// autocannon, and prints where the server's CPU went: self time by function and by file,
// as microseconds per request, so the hot path's costs can be compared before and after a change.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 8);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const top = Number(process.env.PROFILE_TOP ?? 30);

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[]; endTime: number }

async function json(url: string, init?: RequestInit) {
  const res = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

const dir = mkdtempSync(join(tmpdir(), 'mahak-profile-'));
// PROFILE_BARE=1 profiles the bare reference route instead, to see what any Hono route pays.
const bare = process.env.PROFILE_BARE === '1';
const script = bare ? 'scripts/bench-bare.ts' : 'src/main.ts';
const child = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', 'tsx', script], {
  env: { ...process.env, MAHAK_DB: join(dir, 'bench.db'), PORT: '0', HOST: '127.0.0.1' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let url = '';
let output = '';
for await (const chunk of child.stdout!) {
  output += String(chunk);
  const port = /serving on http:\/\/localhost:(\d+)/.exec(output)?.[1];
  if (port) { url = `http://127.0.0.1:${port}`; break; }
}
if (!url) throw new Error(`the server exited before serving:\n${output}`);
// A load that fails (or any error below) must not leave the profiled server running.
process.once('exit', () => child.kill('SIGTERM'));

// PROFILE_ROUTE=freepay-request, freepay-verify or ice-report profiles Freepay's payment request, its verify (of payments paid first) or ICE's report request instead of card inquiry;
// PROFILE_ROUTE=root profiles `GET /`, a small JSON answer through Mahak's server and app alone (what every route pays).
const route = process.env.PROFILE_ROUTE ?? 'card';
interface Target { target: string; headers: Record<string, string>; method?: 'GET' | 'POST'; body?: string | undefined; amount?: number; requests?: autocannon.Request[] }
const { target, headers, method, body, requests: verifies, amount }: Target = bare
  ? { target: `${url}/bare`, headers: {}, method: 'GET' }
  : route === 'freepay-request'
    ? await paymentRequest()
    : route === 'freepay-verify'
      ? await paymentVerify()
      : route === 'ice-report'
        ? await reportRequest()
        : route === 'root'
          ? { target: `${url}/`, headers: {}, method: 'GET' }
          : await cardInquiry();
/** PROFILE_ROUTE=freepay-verify: PROFILE_VERIFIES payments (3,000) are requested and paid first, then each verified once. */
async function paymentVerify() {
  const tenant = (await json(`${url}/_sandbox/tenants`, { method: 'POST', body: '{}' })) as { id: string; freepay: { apiKey: string } };
  const count = Number(process.env.PROFILE_VERIFIES ?? 3000);
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const paid: string[] = [];
  const payOne = async () => {
    const res = await fetch(`${url}/freepay/payment/request`, { method: 'POST', headers: form, body: new URLSearchParams({ api: tenant.freepay.apiKey, amount: '150000', callback: 'http://localhost/back' }) });
    const { authority } = (await res.json()) as { authority: string };
    await json(`${url}/_sandbox/tenants/${tenant.id}/freepay/payments/${authority}/pay`, { method: 'POST', body: JSON.stringify({ card: '6037990000010013' }) });
    paid.push(authority);
  };
  for (let i = 0; i < count; i += 16) await Promise.all(Array.from({ length: Math.min(16, count - i) }, payOne));
  let next = 0;
  return {
    target: `${url}/freepay/payment/verify`,
    method: 'POST' as const,
    headers: form,
    body: undefined,
    amount: count,
    requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: new URLSearchParams({ api: tenant.freepay.apiKey, authority: paid[next++]!, amount: '150000' }).toString() }) }],
  };
}
async function reportRequest() {
  const tenant = (await json(`${url}/_sandbox/tenants`, { method: 'POST', body: JSON.stringify({ ice: { business: { balanceRial: 1e12 } } }) })) as {
    id: string; ice: { business: { username: string; password: string } };
  };
  const { username, password } = tenant.ice.business;
  const login = await json(`${url}/ice/api/v1/auth/login`, { method: 'POST', headers: { 'X-Sandbox-Tenant': tenant.id }, body: JSON.stringify({ login: username, password }) });
  return {
    target: `${url}/ice/api/v1/reports`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', Authorization: `Bearer ${login.accessToken}` },
    body: JSON.stringify({ personType: 'natural', nationalCode: '0020000014', mobile: '09123456789', payer: 'credit' }),
  };
}
async function paymentRequest() {
  const tenant = (await json(`${url}/_sandbox/tenants`, { method: 'POST', body: '{}' })) as { freepay: { apiKey: string } };
  return {
    target: `${url}/freepay/payment/request`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api: tenant.freepay.apiKey, amount: '150000', callback: 'http://localhost/back' }).toString(),
  };
}
async function cardInquiry() {
const tenant = await json(`${url}/_sandbox/tenants`, {
  method: 'POST',
  body: JSON.stringify({ jibit: { dailyLimits: { 'card-inquiry': 1_000_000_000 }, balances: { PRF: 1e15 } } }),
});
const pair = await json(`${url}/jibit/ide/v1/tokens/generate`, { method: 'POST', body: JSON.stringify(tenant.jibit) });
const values = (await json(`${url}/_sandbox/test-values?endpoint=card-inquiry&outcome=success`)) as unknown as {
  request: { query: Record<string, string> };
}[];
return {
  method: 'GET' as const,
  body: undefined,
  headers: { Authorization: `Bearer ${pair.accessToken}` },
  target: `${url}/jibit/ide/v1/cards?number=${values[0]!.request.query.number}`,
};
}
// A verify can be measured only once per payment: no warm-up, and a fixed amount of them.
if (!amount) await autocannon({ url: target, connections, duration: 2, headers, method, body });
const loadStart = performance.now();
const result = await autocannon({ url: target, connections, headers, method, body, ...(amount ? { amount, requests: verifies } : { duration: seconds }) });
const loadEnd = performance.now();
child.kill('SIGTERM');
await once(child, 'exit');
const exited = performance.now();

const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
if (!file) throw new Error('no profile was written');
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Profile;
rmSync(dir, { recursive: true, force: true });

// Only the samples taken during the measured load count: start-up, warm-up and shutdown are left out.
const windowFrom = profile.endTime - (exited - loadStart) * 1000;
const windowTo = profile.endTime - (exited - loadEnd) * 1000;
const sampledAt: number[] = [];
let t = profile.endTime - profile.timeDeltas.reduce((a, b) => a + b, 0);
for (const delta of profile.timeDeltas) sampledAt.push((t += delta));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (sampledAt[i]! >= windowFrom && sampledAt[i]! <= windowTo) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const parent = new Map<number, Node>();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
const place = (u: string) => (u.startsWith('file://') ? relative(process.cwd(), new URL(u).pathname) : u);

/** Where a call's time goes, in the groups the README's table uses; first match wins. */
const groups: [string, RegExp][] = [
  ['token check (jose, token cache)', /src\/core\/tokens|node_modules\/jose/],
  ['tenant lookup and settings', /src\/core\/tenants|jibit\/settings|jibit\/tenancy/],
  ['world lookup', /src\/core\/world/],
  ['limit and charge (meter, ledger)', /src\/core\/(meter|ledger|accounts)/],
  ['journal (text on the path, batch writes behind)', /src\/core\/(journal|write-behind)|better-sqlite3/],
  ['scenario rule check', /src\/core\/scenarios/],
  ['zod', /node_modules\/zod/],
  ['Hono routing', /hono\/dist\/(router|hono-base)/],
  ['Hono context and compose, node-server adapter', /hono\/dist|@hono\/node-server/],
  ['Mahak middleware and server (app, http, node-server, body limit)', /src\/(app|core\/(http|node-server|body-limit|forced-error|raw-head|socket-answers|health))/],
  ['Jibit pipeline, dispatch and handler', /src\/providers\/jibit/],
  ['Node HTTP, streams and timers', /^node:/],
];
const nativeGroups: [string, RegExp][] = [
  ['JSON (parse, stringify)', /^(stringify|parse)$/],
  ['socket writes and reads (native)', /^(writev|writeBuffer|writeUtf8String|writeLatin1String|onStreamRead|shutdown)$/],
  ['garbage collector', /^\(garbage collector\)$/],
  ['idle', /^\(idle\)$/],
  ['V8 and runtime (program)', /^\(program\)$/],
];
function groupOf(node: Node): string {
  const native = nativeGroups.find(([, re]) => !node.callFrame.url && re.test(node.callFrame.functionName));
  if (native) return native[0];
  // Other native frames count towards the code that called them.
  let n: Node | undefined = node;
  while (n && !n.callFrame.url) n = parent.get(n.id);
  if (!n) return 'other native';
  const where = place(n.callFrame.url);
  return groups.find(([, re]) => re.test(where))?.[0] ?? `other: ${where}`;
}

const byFunction = new Map<string, number>();
const byGroup = new Map<string, number>();
for (const [id, us] of self) {
  const node = byId.get(id)!;
  const where = place(node.callFrame.url) || '(native)';
  const fn = `${node.callFrame.functionName || '(anonymous)'}  ${where}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  const group = groupOf(node);
  byGroup.set(group, (byGroup.get(group) ?? 0) + us);
}
// Library and Node time charged to the nearest Mahak function that called it.
const byCaller = new Map<string, number>();
for (const [id, us] of self) {
  let n: Node | undefined = byId.get(id);
  while (n && !place(n.callFrame.url).startsWith('src/')) n = parent.get(n.id);
  const key = n ? `${n.callFrame.functionName || '(anonymous)'}  ${place(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : '(outside Mahak code)';
  byCaller.set(key, (byCaller.get(key) ?? 0) + us);
}
const requests = result.requests.total;
const print = (title: string, m: Map<string, number>, n: number) => {
  console.log(`\n${title} (µs per request, self time)`);
  for (const [k, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${(us / requests).toFixed(2).padStart(8)}  ${k}`);
};
console.log(`${requests} ${bare ? 'bare route requests' : route} calls in ${seconds} s (${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms), non-2xx ${result.non2xx}`);
const busy = [...self].filter(([id]) => byId.get(id)!.callFrame.functionName !== '(idle)').reduce((a, [, us]) => a + us, 0);
console.log(`server CPU while loaded: ${(busy / requests).toFixed(1)} µs per request (idle left out)`);
print('by group', byGroup, 40);
print('by function', byFunction, top);
print('by the nearest Mahak function (its own time and the libraries it called)', byCaller, top);
