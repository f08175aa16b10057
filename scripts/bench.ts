// npm run bench: requests per second and p50/p99 latency of Mahak's hot routes (Jibit card
// inquiry: token check, world lookup, daily limit, charge, journal; Freepay payment request, its
// verify (each of a payment requested and paid before the load) and its request → pay → verify
// round; ICE report request) against a bare Hono route, all served by
// child processes on loopback and loaded by autocannon in the same run. The ratio is the figure
// to compare between machines; absolute numbers drift. BENCH_ROUTES=card,freepay-request picks
// routes; BENCH_COMPARE=<another checkout> serves that checkout's Mahak too, loaded in the same
// rounds, for a before-and-after figure. The route `prism` loads Prism mocking the card route from
// Mahak's own OpenAPI document (scripts/bench-prism.ts), for Mahak / Prism; a machine that cannot
// install Prism prints the reason in its row. BENCH_SOAK=1 runs the mixed-load soak
// (scripts/soak.ts) afterwards. The routes `work-30` and `work-60` calibrate the ratio: the bare
// route after 30 or 60 µs of busy CPU work, so a route's ratio can be read as CPU per call.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startChild as start, stopChild as stop } from './child-server.js';
import { cardDocument, ensurePrism, prismArgs, prismVersion, startPrism, stopPrism, type PrismServer } from './bench-prism.js';

const durationSeconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);

interface Figures { rps: number; p50: number; p99: number; requests: number; non2xx: number; errors: number }

/**
 * What autocannon sends for one route: a URL, and the request (or round of requests) each
 * connection repeats; or, for a request that changes what it is sent for (a verify), `fresh`
 * makes what `count` requests need first and answers their load, sent that many times.
 */
type Load = Pick<autocannon.Options, 'url' | 'headers' | 'method' | 'body' | 'requests'> & { fresh?: (count: number) => Promise<Load> };

/** How many verifies a round measures (after a warm-up of a fifth as many), each of a payment paid for it. */
const verifyCount = Number(process.env.BENCH_VERIFIES ?? 5000);

async function load(options: Load): Promise<Figures> {
  const result = options.fresh ? await freshLoad(options.fresh) : await repeatedLoad(options);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

async function repeatedLoad(options: Load) {
  // A short warm-up lets the JIT settle before the measured run.
  await autocannon({ ...options, connections, duration: 2 });
  return autocannon({ ...options, connections, duration: durationSeconds });
}

async function freshLoad(fresh: (count: number) => Promise<Load>) {
  await autocannon({ ...(await fresh(Math.ceil(verifyCount / 5))), connections, amount: Math.ceil(verifyCount / 5) });
  return autocannon({ ...(await fresh(verifyCount)), connections, amount: verifyCount });
}

async function json(url: string, init?: RequestInit) {
  const res = await fetch(url, { ...init, headers: { 'Content-Type': 'application/json', ...init?.headers } });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const routeNames = {
  card: 'Jibit card inquiry',
  'freepay-request': 'Freepay payment request',
  'freepay-verify': 'Freepay request → pay → verify round',
  'freepay-verify-only': 'Freepay verify (each of a fresh paid payment)',
  'ice-report': 'ICE report request',
  prism: `Prism ${prismVersion} mocking the card route (${prismArgs.join(' ') || 'its defaults'})`,
  'work-30': 'calibration: the bare route after 30 µs of busy work',
  'work-60': 'calibration: the bare route after 60 µs of busy work',
} as const;
/** The calibration routes, served by the bare route's process: the ratio a route reaches when it costs that much more CPU per call. */
const workRoutes = { 'work-30': 30, 'work-60': 60 } as const;
const isWork = (route: string): route is keyof typeof workRoutes => route in workRoutes;
type Route = keyof typeof routeNames;
const chosen = (process.env.BENCH_ROUTES?.split(',') ?? Object.keys(routeNames)) as Route[];
for (const r of chosen) if (!(r in routeNames)) throw new Error(`BENCH_ROUTES: no route ${r}; routes: ${Object.keys(routeNames).join(', ')}`);

/** A tenant with room for every call the run makes, and the loads of the chosen routes on `url`. */
async function routesOf(url: string): Promise<Map<Route, Load>> {
  const tenant = (await json(`${url}/_sandbox/tenants`, {
    method: 'POST',
    body: JSON.stringify({ jibit: { dailyLimits: { 'card-inquiry': 1_000_000_000 }, balances: { PRF: 1e15 } }, ice: { business: { balanceRial: 1e12 } } }),
  })) as { id: string; jibit: { apiKey: string; secretKey: string }; freepay: { apiKey: string }; ice: { business: { username: string; password: string } } };
  const loads = new Map<Route, Load>();
  if (chosen.includes('card') || chosen.includes('prism')) {
    const pair = await json(`${url}/jibit/ide/v1/tokens/generate`, { method: 'POST', body: JSON.stringify(tenant.jibit) });
    const values = (await json(`${url}/_sandbox/test-values?endpoint=card-inquiry&outcome=success`)) as unknown as {
      request: { query: Record<string, string> };
    }[];
    loads.set('card', { url: `${url}/jibit/ide/v1/cards?number=${values[0]!.request.query.number}`, headers: { Authorization: `Bearer ${pair.accessToken}` } });
  }
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const authority = (ctx: object) => (ctx as { authority?: string }).authority ?? '';
  const paymentRequest = new URLSearchParams({ api: tenant.freepay.apiKey, amount: '150000', callback: 'http://localhost/back' }).toString();
  if (chosen.includes('freepay-request')) loads.set('freepay-request', { url: `${url}/freepay/payment/request`, method: 'POST', headers: form, body: paymentRequest });
  if (chosen.includes('freepay-verify')) {
    // Each connection repeats a round: request, pay by the control API (as the buyer would on the page), verify.
    loads.set('freepay-verify', {
      url,
      requests: [
        {
          method: 'POST', path: '/freepay/payment/request', headers: form, body: paymentRequest,
          onResponse: (_status, body, ctx) => { (ctx as { authority?: string }).authority = (JSON.parse(body) as { authority: string }).authority; },
        },
        {
          method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card: '6037990000010013' }),
          setupRequest: (req, ctx) => ({ ...req, path: `/_sandbox/tenants/${tenant.id}/freepay/payments/${authority(ctx)}/pay` }),
        },
        {
          method: 'POST', path: '/freepay/payment/verify', headers: form,
          setupRequest: (req, ctx) => ({ ...req, body: new URLSearchParams({ api: tenant.freepay.apiKey, authority: authority(ctx), amount: '150000' }).toString() }),
        },
      ],
    });
  }
  if (chosen.includes('freepay-verify-only')) {
    // The payments are requested and paid before the load, by the same round less its verify; each verify then answers status 1.
    const pay = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ card: '6037990000010013' }) } as const;
    loads.set('freepay-verify-only', {
      url,
      fresh: async (count): Promise<Load> => {
        const paid: string[] = [];
        const made = await autocannon({
          url, connections, amount: 2 * (count + connections),
          requests: [
            {
              method: 'POST', path: '/freepay/payment/request', headers: form, body: paymentRequest,
              onResponse: (_status, body, ctx) => { (ctx as { authority?: string }).authority = (JSON.parse(body) as { authority: string }).authority; },
            },
            {
              ...pay,
              setupRequest: (req, ctx) => ({ ...req, path: `/_sandbox/tenants/${tenant.id}/freepay/payments/${authority(ctx)}/pay` }),
              onResponse: (status, _body, ctx) => { if (status === 200) paid.push(authority(ctx)); },
            },
          ],
        });
        // The last rounds may be cut off as the amount is reached; enough whole ones are asked for.
        if (paid.length < count) throw new Error(`freepay-verify-only: paid ${paid.length} of ${count} payments (${made.non2xx} non-2xx, ${made.errors} errors)`);
        let next = 0;
        return {
          url: `${url}/freepay/payment/verify`, method: 'POST', headers: form,
          requests: [{ setupRequest: (req) => ({ ...req, body: new URLSearchParams({ api: tenant.freepay.apiKey, authority: paid[next++ % paid.length]!, amount: '150000' }).toString() }) }],
        };
      },
    });
  }
  if (chosen.includes('ice-report')) {
    const { username, password } = tenant.ice.business;
    const login = await json(`${url}/ice/api/v1/auth/login`, {
      method: 'POST', headers: { 'X-Sandbox-Tenant': tenant.id }, body: JSON.stringify({ login: username, password }),
    });
    loads.set('ice-report', {
      url: `${url}/ice/api/v1/reports`, method: 'POST',
      headers: { 'content-type': 'application/json', Authorization: `Bearer ${login.accessToken}` },
      body: JSON.stringify({ personType: 'natural', nationalCode: '0020000014', mobile: '09123456789', payer: 'credit' }),
    });
  }
  return loads;
}

interface Served { name: string; loads: Map<Route, Load>; runs: Map<Route, Figures[]> }

/** Prism serving the card route with Mahak's answer for the same card, loaded with the same request; or why not. */
async function prismFor(mahakUrl: string, card: Load): Promise<{ server: PrismServer; load: Load } | { skipped: string }> {
  try {
    ensurePrism();
  } catch (error) {
    return { skipped: `could not install Prism (${(error as Error).message})` };
  }
  let server: PrismServer | undefined;
  try {
    const answer = await json(card.url!, { headers: card.headers as Record<string, string> });
    server = await startPrism(cardDocument(await json(`${mahakUrl}/openapi.json`), answer));
    const { pathname, search } = new URL(card.url!);
    const prismLoad = { ...card, url: `${server.url}${pathname}${search}` };
    // Both must answer the same body, or the figures compare different work.
    const prismAnswer = await json(prismLoad.url, { headers: card.headers as Record<string, string> });
    if (JSON.stringify(prismAnswer) !== JSON.stringify(answer)) throw new Error(`Prism answered ${JSON.stringify(prismAnswer)}, Mahak ${JSON.stringify(answer)}`);
    return { server, load: prismLoad };
  } catch (error) {
    if (server) await stopPrism(server);
    return { skipped: `could not start Prism (${(error as Error).message})` };
  }
}

/** Every server stays up; their loads alternate, so drift on the machine hits all alike. */
async function main() {
  // A database file, as `npm start` uses, not :memory:: commits cost what they cost for users.
  const dir = mkdtempSync(join(tmpdir(), 'mahak-bench-'));
  const compare = process.env.BENCH_COMPARE;
  const bare = await start('scripts/bench-bare.ts', {});
  const mahak = await start('src/main.ts', { MAHAK_DB: join(dir, 'bench.db') });
  const before = compare ? await start('src/main.ts', { MAHAK_DB: join(dir, 'before.db') }, compare) : undefined;
  let prism: Awaited<ReturnType<typeof prismFor>> | undefined;
  try {
    const served: Served[] = [{ name: 'Mahak', loads: await routesOf(mahak.url), runs: new Map() }];
    if (before) served.push({ name: `Mahak of ${compare}`, loads: await routesOf(before.url), runs: new Map() });
    if (chosen.includes('prism')) prism = await prismFor(mahak.url, served[0]!.loads.get('card')!);
    const bareRuns: Figures[] = [];
    const prismRuns: Figures[] = [];
    const workRuns = new Map<Route, Figures[]>();
    for (let round = 0; round < rounds; round++) {
      bareRuns.push(await load({ url: `${bare.url}/bare` }));
      for (const route of chosen) {
        if (isWork(route)) {
          workRuns.set(route, [...(workRuns.get(route) ?? []), await load({ url: `${bare.url}/work/${workRoutes[route]}` })]);
          continue;
        }
        if (route === 'prism') {
          if (prism && 'load' in prism) prismRuns.push(await load(prism.load));
          continue;
        }
        for (const s of served) s.runs.set(route, [...(s.runs.get(route) ?? []), await load(s.loads.get(route)!)]);
      }
    }
    return { bareRuns, served, prismRuns, workRuns, prismSkipped: prism && 'skipped' in prism ? prism.skipped : undefined };
  } finally {
    await Promise.all([stop(bare), stop(mahak), ...(before ? [stop(before)] : []), ...(prism && 'server' in prism ? [stopPrism(prism.server)] : [])]);
    rmSync(dir, { recursive: true, force: true });
  }
}

const { bareRuns, served, prismRuns, workRuns, prismSkipped } = await main();
const summary = (runs: Figures[]): Figures => ({
  rps: median(runs.map((r) => r.rps)),
  p50: median(runs.map((r) => r.p50)),
  p99: median(runs.map((r) => r.p99)),
  requests: runs.reduce((a, r) => a + r.requests, 0),
  non2xx: runs.reduce((a, r) => a + r.non2xx, 0),
  errors: runs.reduce((a, r) => a + r.errors, 0),
});
const bare = summary(bareRuns);
const aims: Record<Exclude<Route, 'prism' | keyof typeof workRoutes>, number> = { card: 0.5, 'freepay-request': 0.35, 'freepay-verify': 0.35, 'freepay-verify-only': 0.35, 'ice-report': 0.35 };
const ratioOf = (runs: Figures[]) => summary(runs).rps / bare.rps;
/** Each round's ratio to the bare route of the same round. */
const byRound = (runs: Figures[]) => runs.map((f, i) => (f.rps / bareRuns[i]!.rps).toFixed(2)).join(', ');
const row = (name: string, f: Figures, ratio = '') =>
  `| ${name} | ${Math.round(f.rps)} | ${f.p50} | ${f.p99} | ${f.requests} | ${f.non2xx + f.errors} | ${ratio} |`;
console.log(`\n${connections} connections, ${rounds} alternating rounds of ${durationSeconds} s, loopback; medians\n`);
console.log('| route | req/s | p50 ms | p99 ms | requests | failed | / bare (rounds) |');
console.log('| --- | --- | --- | --- | --- | --- | --- |');
console.log(row('bare Hono route', bare));
for (const route of chosen) {
  if (isWork(route)) {
    const runs = workRuns.get(route)!;
    console.log(row(routeNames[route], summary(runs), `**${ratioOf(runs).toFixed(2)}** (${byRound(runs)})`));
    continue;
  }
  if (route === 'prism') {
    if (prismSkipped !== undefined) console.log(`| ${routeNames.prism} | skipped: ${prismSkipped.replaceAll('|', '/')} | | | | | |`);
    else console.log(row(routeNames.prism, summary(prismRuns), `**${ratioOf(prismRuns).toFixed(2)}**`));
    continue;
  }
  for (const s of served) {
    const runs = s.runs.get(route)!;
    const name = served.length > 1 ? `${routeNames[route]} (${s.name})` : routeNames[route];
    console.log(row(name, summary(runs), `**${ratioOf(runs).toFixed(2)}** (${byRound(runs)}), aim ${aims[route].toFixed(2)}`));
  }
}
if (prismRuns.length > 0) {
  // Round by round, so both sides of each ratio met the same moment of the machine.
  for (const s of served) {
    const cardRuns = s.runs.get('card');
    if (!cardRuns) continue;
    const prismRounds = cardRuns.map((f, i) => (f.rps / prismRuns[i]!.rps).toFixed(2)).join(', ');
    const ratio = summary(cardRuns).rps / summary(prismRuns).rps;
    console.log(`\nJibit card inquiry (${s.name}) / Prism: **${ratio.toFixed(2)}** (rounds ${prismRounds}), aim 5.00`);
  }
  const f = summary(prismRuns);
  if (f.non2xx + f.errors > 0) {
    console.error('Prism had failed requests: its figures are not valid');
    process.exitCode = 1;
  }
}
for (const route of chosen) {
  if (route === 'prism' || isWork(route)) continue;
  for (const s of served) {
    const f = summary(s.runs.get(route)!);
    if (f.non2xx + f.errors === 0) continue;
    console.error(`${routeNames[route]} (${s.name}) had failed requests: its figures are not valid`);
    process.exitCode = 1;
  }
}

if (process.env.BENCH_SOAK === '1') {
  const soak = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('soak.ts', import.meta.url))], { stdio: 'inherit' });
  const [code] = (await once(soak, 'exit')) as [number | null];
  if (code !== 0) process.exitCode = code ?? 1;
}
