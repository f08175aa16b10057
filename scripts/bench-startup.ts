// Start-up figures of the built package (issue targets: command to listening port < 1 s on an
// existing database, createSandbox() + first answer < 150 ms once modules are loaded, --help <
// 300 ms), each the median of STARTUP_RUNS runs beside plain `node -e 0` on the same machine.
// Run `npm run build` first: the figures are of dist/bundle/ (what `npm start` and the package's
// mahak command run) and, for comparison, of tsc's dist/ tree they were bundled from.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const bundle = join(dist, 'bundle');
const runs = Number(process.env.STARTUP_RUNS ?? 11);

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${Math.round(value)} ms`;

/** Milliseconds from spawning `node args` to its exit. */
function untilExit(args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(performance.now() - started) : reject(new Error(`node ${args.join(' ')} exited ${code}`))));
  });
}

/** Milliseconds from spawning the server (`node entry`) to its first answer (GET /jibit/ide/health, 200). */
function untilFirstAnswer(entry: string, db: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [entry], { env: { ...process.env, PORT: '0', MAHAK_DB: db }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.on('error', reject);
    child.stdout.on('data', async (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const port = /serving on http:\/\/localhost:(\d+)/.exec(out)?.[1];
      if (!port || child.killed) return;
      try {
        const res = await fetch(`http://127.0.0.1:${port}/jibit/ide/health`);
        await res.text();
        if (res.status !== 200) throw new Error(`health answered ${res.status}`);
        resolve(performance.now() - started);
      } catch (error) {
        reject(error as Error);
      } finally {
        child.kill('SIGTERM');
      }
    });
    child.on('exit', (code) => {
      if (!child.killed) reject(new Error(`the server exited ${code} before answering: ${out}`));
    });
  });
}

async function main(): Promise<void> {
  for (const entry of [join(dist, 'main.js'), join(bundle, 'main.mjs')]) if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  const scratch = mkdtempSync(join(tmpdir(), 'mahak-startup-'));
  const db = join(scratch, 'mahak.db');
  try {
    // The first start creates and seeds the file; the figures are of an existing database.
    await untilFirstAnswer(join(bundle, 'main.mjs'), db);
    const node: number[] = [];
    const serve: number[] = [];
    const serveTsc: number[] = [];
    const help: number[] = [];
    const helpTsc: number[] = [];
    const load = loadavg()[0]!;
    // Interleaved, so a burst of load on the machine falls on every figure alike.
    for (let i = 0; i < runs; i++) {
      node.push(await untilExit(['-e', '0']));
      serve.push(await untilFirstAnswer(join(bundle, 'main.mjs'), db));
      serveTsc.push(await untilFirstAnswer(join(dist, 'main.js'), db));
      help.push(await untilExit([join(bundle, 'mahak.mjs'), '--help']));
      helpTsc.push(await untilExit([join(dist, 'cli', 'bin.js'), '--help']));
    }
    // In process, as a test file pays it: modules loaded once, then a sandbox made and asked.
    const { createSandbox } = (await import(pathToFileURL(join(dist, 'index.js')).href)) as typeof import('../src/index.js');
    const inProcess: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const started = performance.now();
      const sandbox = createSandbox();
      const res = await sandbox.fetch(new Request('http://sandbox.test/jibit/ide/health'));
      await res.text();
      const took = performance.now() - started;
      await sandbox.close();
      if (i > 0) inProcess.push(took);
    }
    const loadAfter = loadavg()[0]!;
    console.log(`start-up, median of ${runs} runs, ${cpus().length} cores, Node ${process.versions.node}, ${new Date().toISOString().slice(0, 10)}, load average ${load.toFixed(2)} before and ${loadAfter.toFixed(2)} after`);
    console.log(`| figure | median | aim |\n| --- | --- | --- |`);
    console.log(`| plain node -e 0 (the floor) | ${ms(median(node))} | |`);
    console.log(`| npm start's node dist/bundle/main.mjs to its first answer, existing database | ${ms(median(serve))} | < 1,000 ms |`);
    console.log(`| the same from tsc's tree, node dist/main.js | ${ms(median(serveTsc))} | |`);
    console.log(`| createSandbox() + first answer, modules loaded | ${ms(median(inProcess))} | < 150 ms |`);
    console.log(`| mahak --help (dist/bundle/mahak.mjs, the package's bin) | ${ms(median(help))} | < 300 ms |`);
    console.log(`| the same from tsc's tree, dist/cli/bin.js | ${ms(median(helpTsc))} | |`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
