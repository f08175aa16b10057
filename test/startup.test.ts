// Start-up failures of the executable: each prints one clear line (no stack trace) and exits 1
// (2 for a usage error); one database file is served by one Mahak at a time.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../src/index.js';
import { runCli } from '../src/cli/index.js';

const dir = mkdtempSync(join(tmpdir(), 'mahak-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The environment without the variables serve reads, so the machine's own cannot interfere. */
const cleanEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(PORT|HOST|MAHAK_\w+)$/.test(name)));

interface Exit {
  code: number | null;
  stdout: string;
  stderr: string;
}

function launch(argv: string[], env: Record<string, string> = {}): { child: ChildProcess; exit: Promise<Exit>; output: () => string } {
  const child = spawn(process.execPath, argv, { env: { ...cleanEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A start-up that should fail but serves instead is stopped, so the test fails rather than hangs.
  const guard = setTimeout(() => child.kill('SIGKILL'), 45_000);
  const exit = new Promise<Exit>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr });
    }),
  );
  return { child, exit, output: () => stdout };
}

/** Runs `mahak serve …` and waits for it to exit. */
const serve = (args: string[], env: Record<string, string> = {}) => launch(['bin/mahak.js', 'serve', ...args], env).exit;

/** Starts `mahak serve …` and waits until it listens. */
async function serving(args: string[]) {
  const running = launch(['bin/mahak.js', 'serve', '--port', '0', '--host', '127.0.0.1', ...args]);
  const port = await new Promise<number>((resolve, reject) => {
    running.child.stdout!.on('data', () => {
      const found = /serving on http:\/\/localhost:(\d+)/.exec(running.output());
      if (found) resolve(Number(found[1]));
    });
    void running.exit.then((exit) => reject(new Error(`exited ${exit.code}: ${exit.stderr}`)));
  });
  return { ...running, port };
}

/** A port of 127.0.0.1 held by a server of the test's own. */
let busy: Server;
let busyPort = 0;
beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
  busyPort = (busy.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((resolve) => busy.close(() => resolve())));

const file = join(dir, 'plain.txt');
const text = 'this is a text file, not a database\n';
writeFileSync(file, text);
// Root writes into any folder whatever its mode; /sys refuses even root.
const unwritable = process.getuid?.() === 0 ? '/sys' : join(dir, 'read-only');
if (unwritable !== '/sys') {
  mkdirSync(unwritable);
  chmodSync(unwritable, 0o555);
}
const dbHint = 'Choose another path with --db (MAHAK_DB), or :memory: to keep nothing.';

describe('mahak serve refuses to start with one clear line', { timeout: 60_000 }, () => {
  it('when the port is in use: exit 1', async () => {
    const exit = await serve(['--port', String(busyPort), '--host', '127.0.0.1', '--db', ':memory:']);
    expect(exit).toEqual({
      code: 1,
      stdout: '',
      stderr: `Mahak cannot start: port ${busyPort} on 127.0.0.1 is already in use. Stop what uses it, or choose another port with --port (PORT); 0 picks a free one.\n`,
    });
  });

  it('when the host name does not resolve: exit 1', async () => {
    const exit = await serve(['--port', '0', '--host', 'nowhere.invalid', '--db', ':memory:']);
    expect(exit).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Mahak cannot start: the host nowhere.invalid does not resolve to an address. Give --host (HOST) an address of this machine, such as 127.0.0.1 or 0.0.0.0.\n',
    });
  });

  it('when the host is not an address of this machine: exit 1', async () => {
    const exit = await serve(['--port', '0', '--host', '192.0.2.1', '--db', ':memory:']);
    expect(exit).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Mahak cannot start: 192.0.2.1 is not an address of this machine. Give --host (HOST) one of its addresses, such as 127.0.0.1 or 0.0.0.0.\n',
    });
  });

  it('when --port is not a number: exit 2, naming the flag', async () => {
    const exit = await serve(['--port', 'abc', '--db', ':memory:']);
    expect(exit).toEqual({
      code: 2,
      stdout: '',
      stderr: 'mahak: --port must be a whole number from 0 to 65535, got abc (0 picks a free port)\nRun mahak --help for the commands.\n',
    });
  });

  it('when --port is past 65535 (and PORT is fine): exit 2, naming the flag', async () => {
    const exit = await serve(['--port', '70000', '--db', ':memory:'], { PORT: '8787' });
    expect(exit.stderr).toBe('mahak: --port must be a whole number from 0 to 65535, got 70000 (0 picks a free port)\nRun mahak --help for the commands.\n');
    expect(exit.code).toBe(2);
  });

  it('when the PORT variable is not a number: exit 2, naming the variable', async () => {
    const exit = await serve(['--db', ':memory:'], { PORT: '80a' });
    expect(exit.stderr).toBe('mahak: PORT must be a whole number from 0 to 65535, got 80a (0 picks a free port)\nRun mahak --help for the commands.\n');
    expect(exit.code).toBe(2);
  });

  it('when the database folder is not writable: exit 1', async () => {
    const exit = await serve(['--port', '0', '--host', '127.0.0.1', '--db', join(unwritable, 'mahak.db')]);
    expect(exit).toEqual({
      code: 1,
      stdout: '',
      stderr: `Mahak cannot start: the database ${join(unwritable, 'mahak.db')} cannot be created: its folder ${unwritable} is not writable. ${dbHint}\n`,
    });
  });

  it('when the missing database folder cannot be created: exit 1', async () => {
    const exit = await serve(['--port', '0', '--host', '127.0.0.1', '--db', join(unwritable, 'data', 'mahak.db')]);
    expect(exit).toEqual({
      code: 1,
      stdout: '',
      stderr: `Mahak cannot start: the database folder ${join(unwritable, 'data')} cannot be created (permission denied). ${dbHint}\n`,
    });
  });

  it.each([join(file, 'x.db'), join(file, 'deeper', 'x.db')])('when the database path %s runs through a file: exit 1', async (path) => {
    const exit = await serve(['--port', '0', '--host', '127.0.0.1', '--db', path]);
    expect(exit).toEqual({
      code: 1,
      stdout: '',
      stderr: `Mahak cannot start: the database ${path} cannot be created: ${file} is a file, not a folder. ${dbHint}\n`,
    });
  });

  it('when the database path is a folder: exit 1', async () => {
    const exit = await serve(['--port', '0', '--host', '127.0.0.1', '--db', dir]);
    expect(exit).toEqual({ code: 1, stdout: '', stderr: `Mahak cannot start: the database ${dir} is a folder, not a file. ${dbHint}\n` });
  });

  it('when the database file is not a SQLite database: exit 1, the file untouched', async () => {
    const exit = await serve(['--port', '0', '--host', '127.0.0.1', '--db', file]);
    expect(exit).toEqual({ code: 1, stdout: '', stderr: `Mahak cannot start: the database ${file} is not a SQLite database. ${dbHint}\n` });
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('mahak serve flags, checked before anything starts (in process)', () => {
  it.each([
    [['--host', ''], '--host needs a value'],
    [['--db', ''], '--db needs a value'],
    [['--port=-1'], '--port must be a whole number from 0 to 65535, got -1 (0 picks a free port)'],
    [['--port', '80.5'], '--port must be a whole number from 0 to 65535, got 80.5 (0 picks a free port)'],
  ])('serve %j exits 2 naming the flag', async (args, reason) => {
    const err: string[] = [];
    const io = { out: () => {}, err: (line: string) => err.push(line) };
    expect(await runCli(['serve', ...args], io, { PORT: '8787' })).toBe(2);
    expect(err).toEqual([`mahak: ${reason}\nRun mahak --help for the commands.`]);
  });
});

describe('environment variables, checked before anything starts (in process)', () => {
  it.each([
    ['MAHAK_JOURNAL_LIMIT', 'abc', '"abc" is not valid; give a whole number from 1 to 10000000'],
    ['MAHAK_JOURNAL_LIMIT', '0', '"0" is not valid; give a whole number from 1 to 10000000'],
    ['MAHAK_URL', 'localhost', '"localhost" is not valid; give a URL such as http://localhost:8787'],
    ['MAHAK_TRUST_PROXY', 'yes', '"yes" is not valid; give true, false, 1 or 0'],
    ['MAHAK_ADMIN_TOKEN', 'short', 'must be at least 16 characters (for example: openssl rand -base64 32)'],
  ])('serve with %s=%s exits 2 saying what it takes, in words', async (name, value, reason) => {
    const err: string[] = [];
    const io = { out: () => {}, err: (line: string) => err.push(line) };
    expect(await runCli(['serve'], io, { [name]: value })).toBe(2);
    expect(err).toEqual([`mahak: Bad environment variable ${name}: ${reason}\nRun mahak --help for the commands.`]);
  });
});

describe('one Mahak per database file', { timeout: 120_000 }, () => {
  const db = join(dir, 'shared', 'mahak.db');
  const inUse = `Mahak cannot start: the database ${db} is already in use by another Mahak. Stop that one first, or give this one its own file with --db (MAHAK_DB).\n`;

  it('a second mahak serve on the file exits 1; after the first stops (SIGTERM or kill -9) a new one starts', async () => {
    const first = await serving(['--db', db]);
    expect(await serve(['--port', '0', '--host', '127.0.0.1', '--db', db])).toEqual({ code: 1, stdout: '', stderr: inUse });
    // The first still serves, unharmed.
    expect((await fetch(`http://127.0.0.1:${first.port}/jibit/ide/health`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect((await first.exit).code).toBe(0);
    const second = await serving(['--db', db]);

    second.child.kill('SIGKILL');
    await second.exit;
    const third = await serving(['--db', db]);
    expect((await fetch(`http://127.0.0.1:${third.port}/jibit/ide/health`)).status).toBe(200);
    third.child.kill('SIGTERM');
    expect((await third.exit).code).toBe(0);
  });

  it('npm start (src/main.ts) refuses the file too, and a busy port, with the same lines', async () => {
    const first = await serving(['--db', db]);
    try {
      const main = (env: Record<string, string>) => launch(['--import', 'tsx', 'src/main.ts'], { HOST: '127.0.0.1', PORT: '0', ...env }).exit;
      expect(await main({ MAHAK_DB: db })).toEqual({ code: 1, stdout: '', stderr: inUse });
      expect(await main({ MAHAK_DB: ':memory:', PORT: String(first.port) })).toEqual({
        code: 1,
        stdout: '',
        stderr: `Mahak cannot start: port ${first.port} on 127.0.0.1 is already in use. Stop what uses it, or choose another port with --port (PORT); 0 picks a free one.\n`,
      });
    } finally {
      first.child.kill('SIGTERM');
      await first.exit;
    }
  });

  it('createSandbox on a file another sandbox holds throws, naming the file; :memory: needs no lock', async () => {
    const path = join(dir, 'in-process', 'sandbox.db');
    const holder = createSandbox({ db: path, scenarios: false });
    expect(() => createSandbox({ db: path, scenarios: false })).toThrow(expect.objectContaining({ name: 'DbUnusable', message: `the database ${path} is already in use by another Mahak`, inUse: true }));
    const alongside = [createSandbox({ scenarios: false }), createSandbox({ scenarios: false })];
    await Promise.all([holder, ...alongside].map((s) => s.close()));
    const after = createSandbox({ db: path, scenarios: false });
    await after.close();
  });
  it('createSandbox whose scenarios folder is bad throws and leaves the file free for the next one', async () => {
    const path = join(dir, 'bad-folder', 'sandbox.db');
    const folder = join(dir, 'bad-folder', 'scenarios', 'jibit');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'broken.yaml'), 'name: broken\nprovider: jibit\n');
    expect(() => createSandbox({ db: path, scenarios: join(dir, 'bad-folder', 'scenarios') })).toThrow(/broken.yaml: description: /);
    const after = createSandbox({ db: path, scenarios: false });
    await after.close();
  });
});

describe('createSandbox().listen()', () => {
  it('rejects on a busy port, naming it, and the sandbox still closes', async () => {
    const sandbox = createSandbox({ scenarios: false });
    await expect(sandbox.listen(busyPort)).rejects.toThrow(expect.objectContaining({ message: `cannot listen on 127.0.0.1:${busyPort}: the port is already in use`, code: 'EADDRINUSE' }));
    await sandbox.close();
  });

  it('creates a missing database folder, however deep', async () => {
    const sandbox = createSandbox({ db: join(dir, 'new', 'deeper', 'still', 'sandbox.db'), scenarios: false });
    const { url } = await sandbox.listen();
    expect((await fetch(`${url}/jibit/ide/health`)).status).toBe(200);
    await sandbox.close();
  });
});
