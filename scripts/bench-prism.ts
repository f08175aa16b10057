// Prism, the OpenAPI mock server integrators would otherwise reach for, serving Mahak's own
// contract of the Jibit card route, for the benchmark's Mahak / Prism figure. The pinned version
// is installed on demand into the git-ignored .bench-tools/prism (never a dependency: it is large,
// and CI does not need it); an offline machine gets a reason to print instead of a Prism.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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
 * Prism at its quickest, matched to Mahak's server: no line logged per request (its default logs
 * each at info, several times slower) and no CORS headers (Mahak's API sends none).
 * BENCH_PRISM_ARGS replaces these, e.g. BENCH_PRISM_ARGS= for Prism's defaults.
 */
export const prismArgs = (process.env.BENCH_PRISM_ARGS ?? '--verboseLevel error --cors false').split(' ').filter(Boolean);

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
