// Start-up figures of the built package (issue targets: command to listening port < 1 s on an
// existing database, createSandbox() + first answer < 150 ms once modules are loaded, --help <
// 300 ms), each the median of STARTUP_RUNS runs beside plain `node -e 0` on the same machine.
// Run `npm run build` first: the figures are of dist/, as `npm start` and the package serve it.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
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

/** Milliseconds from spawning the server to its first answer (GET /jibit/ide/health, 200). */
function untilFirstAnswer(db: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [join(dist, 'main.js')], { env: { ...process.env, PORT: '0', MAHAK_DB: db }, stdio: ['ignore', 'pipe', 'pipe'] });
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
  if (!existsSync(join(dist, 'main.js'))) throw new Error('dist/ is missing: run npm run build first');
  const scratch = mkdtempSync(join(tmpdir(), 'mahak-startup-'));
  const db = join(scratch, 'mahak.db');
  try {
    // The first start creates and seeds the file; the figures are of an existing database.
    await untilFirstAnswer(db);
    const node: number[] = [];
    const serve: number[] = [];
    const help: number[] = [];
    for (let i = 0; i < runs; i++) {
      node.push(await untilExit(['-e', '0']));
      serve.push(await untilFirstAnswer(db));
      help.push(await untilExit([join(dist, 'cli', 'bin.js'), '--help']));
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
    console.log(`start-up, median of ${runs} runs, ${cpus().length} cores, Node ${process.versions.node}`);
    console.log(`| figure | median | aim |\n| --- | --- | --- |`);
    console.log(`| plain node -e 0 (the floor) | ${ms(median(node))} | |`);
    console.log(`| node dist/main.js to its first answer, existing database | ${ms(median(serve))} | < 1,000 ms |`);
    console.log(`| createSandbox() + first answer, modules loaded | ${ms(median(inProcess))} | < 150 ms |`);
    console.log(`| mahak --help (dist/cli/bin.js) | ${ms(median(help))} | < 300 ms |`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

await main();
