// The package as a consumer gets it: built, packed, installed from the tarball into a scratch
// project, then imported from plain JavaScript, type-checked as strict NodeNext TypeScript, the
// README's vitest example run, and `npx mahak` run with plain node.
import { spawn, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

const repo = resolve(import.meta.dirname, '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'mahak-package-'));
const consumer = join(work, 'consumer');
const minutes = (n: number) => n * 60_000;

function run(command: string, args: string[], cwd: string, timeout = minutes(10)): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', timeout, env: { ...process.env, npm_config_update_notifier: 'false', NO_COLOR: '1', FORCE_COLOR: '0' } });
  if (result.error) throw result.error;
  return result;
}

function ok(command: string, args: string[], cwd: string, timeout?: number): string {
  const result = run(command, args, cwd, timeout);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

interface PackEntry {
  filename: string;
  files: { path: string }[];
}
let packed: PackEntry;

beforeAll(() => {
  // What npm pack runs first: a clean build, so no output of a deleted source is packed.
  ok(npm, ['run', 'prepack', '--silent'], repo);
  // The build just ran; --ignore-scripts keeps pack from running it again.
  packed = (JSON.parse(ok(npm, ['pack', '--json', '--ignore-scripts', '--pack-destination', work], repo)) as PackEntry[])[0]!;
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  const tarball = join(work, packed.filename);
  const install = ['install', '--no-audit', '--no-fund', '--ignore-scripts'];
  // From npm's cache when it holds every package; otherwise the registry fills the gaps.
  const offline = run(npm, [...install, '--offline', tarball], consumer);
  if (offline.status !== 0) ok(npm, [...install, '--prefer-offline', tarball], consumer);
  // Scripts were skipped, so better-sqlite3 has no binding: this checkout's is the same build
  // when the versions match; otherwise it is built as a consumer's install would.
  const versionOf = (dir: string) => (JSON.parse(readFileSync(join(dir, 'node_modules/better-sqlite3/package.json'), 'utf8')) as { version: string }).version;
  if (versionOf(consumer) === versionOf(repo)) {
    cpSync(join(repo, 'node_modules/better-sqlite3/build'), join(consumer, 'node_modules/better-sqlite3/build'), { recursive: true });
  } else {
    ok(npm, ['rebuild', 'better-sqlite3'], consumer, minutes(15));
  }
  // The test runner the README's example imports: this checkout's, as a consumer's devDependency.
  symlinkSync(join(repo, 'node_modules/vitest'), join(consumer, 'node_modules/vitest'), 'dir');
}, minutes(30));

afterAll(() => rmSync(work, { recursive: true, force: true }), minutes(2));

describe('the packed package', () => {
  test('holds the build, the migrations, the world and the scenarios, and no sources, tests or scripts', () => {
    const paths = packed.files.map((file) => file.path);
    const outside = paths.filter((path) => !/^(dist|drizzle|fixtures|scenarios)\//.test(path) && !['package.json', 'README.md'].includes(path));
    expect(outside).toEqual([]);
    expect(paths.filter((path) => /\.(ts|tsx)$/.test(path) && !path.endsWith('.d.ts'))).toEqual([]);
    expect(paths.filter((path) => path.endsWith('.tsbuildinfo') || path.endsWith('.map'))).toEqual([]);
    for (const needed of ['dist/index.js', 'dist/index.d.ts', 'dist/cli/bin.js', 'dist/main.js', 'dist/bundle/mahak.mjs', 'dist/bundle/main.mjs', 'drizzle/meta/_journal.json', 'drizzle/0000_init.sql', 'fixtures/world.json', 'scenarios/scenario.schema.json']) {
      expect(paths).toContain(needed);
    }
    // The bundle's commands and shared code, each in its own chunk beside the entries.
    expect(paths.filter((path) => /^dist\/bundle\/serve-command-\w+\.mjs$/.test(path))).toHaveLength(1);
    const bundled = paths.filter((path) => path.startsWith('dist/bundle/'));
    expect(bundled.filter((path) => !path.endsWith('.mjs'))).toEqual([]);
    expect(paths.some((path) => path.startsWith('scenarios/jibit/'))).toBe(true);
    // Every file tsc built has its source: nothing left over from a file since deleted.
    const orphans = paths.filter((path) => path.startsWith('dist/') && !path.startsWith('dist/bundle/') && !['.ts', '.tsx', '.json'].some((ext) => existsSync(join(repo, 'src', path.slice('dist/'.length).replace(/(\.d\.ts|\.js|\.json)$/, '') + ext))));
    expect(orphans).toEqual([]);
  });

  test('is imported by plain ESM JavaScript, which creates a sandbox and gets an answer', () => {
    writeFileSync(
      join(consumer, 'plain.mjs'),
      `import { createSandbox, verifyWebhook } from 'mahak';
const sandbox = createSandbox();
const res = await sandbox.fetch(new Request('http://sandbox/jibit/ide/v1/tokens/generate', {
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ apiKey: sandbox.credentials.apiKey, secretKey: sandbox.credentials.secretKey }),
}));
const body = await res.json();
console.log(JSON.stringify({ status: res.status, keys: Object.keys(body).sort(), verifyWebhook: typeof verifyWebhook }));
await sandbox.close();
`,
    );
    const out = ok(process.execPath, ['plain.mjs'], consumer, minutes(1));
    expect(JSON.parse(out)).toEqual({ status: 200, keys: ['accessToken', 'refreshToken'], verifyWebhook: 'function' });
  }, minutes(5));

  test('type-checks in a strict NodeNext TypeScript project with default settings', () => {
    writeFileSync(join(consumer, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'NodeNext', strict: true, noEmit: true }, include: ['*.ts'] }));
    writeFileSync(
      join(consumer, 'typed.ts'),
      `import { createSandbox, verifyWebhook, type Sandbox, type SandboxOptions } from 'mahak';
const options: SandboxOptions = { worldSeed: 'typed', scenarios: false };
const sandbox: Sandbox = createSandbox(options);
const port: Promise<number> = sandbox.listen().then(({ port }) => port);
const apiKey: string = sandbox.credentials.apiKey;
// @ts-expect-error a misspelt option is refused
createSandbox({ worldSeeed: 'x' });
export { port, apiKey, verifyWebhook };
`,
    );
    const result = run(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '-p', '.'], consumer, minutes(5));
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  }, minutes(5));

  test("runs the README's vitest example", () => {
    const readme = readFileSync(join(repo, 'README.md'), 'utf8');
    const example = /```ts\n(import \{ afterAll, expect, test \} from 'vitest';\nimport \{ createSandbox \} from 'mahak';[\s\S]*?)```/.exec(readme)?.[1];
    expect(example).toBeDefined();
    writeFileSync(join(consumer, 'readme.test.ts'), example!);
    const result = run(process.execPath, [join(consumer, 'node_modules/vitest/vitest.mjs'), 'run', '--root', consumer, 'readme.test.ts'], consumer, minutes(3));
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Tests\s+2 passed/);
  }, minutes(5));

  test('answers npx mahak --help with plain node, and serves from the bundle', async () => {
    const help = run('npx', ['--no-install', 'mahak', '--help'], consumer, minutes(1));
    expect(help.stderr).toBe('');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: mahak <command>/);
    expect(existsSync(join(consumer, 'node_modules/tsx'))).toBe(false);
    // The bin npm linked is the bundle's entry.
    expect(realpathSync(join(consumer, 'node_modules/.bin/mahak'))).toBe(realpathSync(join(consumer, 'node_modules/mahak/dist/bundle/mahak.mjs')));
    // Started by plain node with tsc's cli/ and core/ trees removed, it serves from the bundle:
    // the migrations, the world's fixtures and the scenarios are found from the package root.
    rmSync(join(consumer, 'node_modules/mahak/dist/cli'), { recursive: true });
    rmSync(join(consumer, 'node_modules/mahak/dist/core'), { recursive: true });
    const child = spawn(process.execPath, [join(consumer, 'node_modules/.bin/mahak'), 'serve', '--port', '0', '--db', join(work, 'serve.db')], { cwd: consumer, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const port = await new Promise<string>((found, failed) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /http:\/\/localhost:(\d+)/.exec(out);
        if (match) found(match[1]!);
      });
      child.on('exit', (code) => failed(new Error(`mahak serve exited ${code}: ${out}`)));
    });
    try {
      expect(out).toMatch(/Scenarios: +\d+ loaded from \S*node_modules\/mahak\/scenarios\n/);
      const res = await fetch(`http://127.0.0.1:${port}/health`);
      expect(res.status).toBe(200);
      const jibitHealth = await fetch(`http://127.0.0.1:${port}/jibit/ide/health`);
      expect(jibitHealth.status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  }, minutes(5));
});
