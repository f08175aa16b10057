// The executable and the control API's lock: `mahak serve` listens on loopback unless told
// otherwise, and beyond it makes (and prints) an admin token when none is given; the commands
// that call a running sandbox send MAHAK_ADMIN_TOKEN or --token.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/index.js';
import { createSandbox } from '../src/index.js';

const adminToken = 'cli-admin-token-0123456789abcdef';

interface Served { port: number; banner: string[]; stop(): Promise<number | null> }

/** Starts bin/mahak.js serve and waits for its banner (up to the "Try:" line). */
async function serve(args: string[], env: Record<string, string> = {}): Promise<Served> {
  const { MAHAK_ADMIN_TOKEN: _ignored, HOST: _host, ...inherited } = process.env;
  const child = spawn(process.execPath, ['bin/mahak.js', 'serve', '--port', '0', '--db', ':memory:', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, ...env },
  });
  let output = '';
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /serving on http:\/\/localhost:(\d+)/.exec(output);
      if (found && output.includes('  Try: ')) resolve(Number(found[1]));
    });
    void exited.then((code) => reject(new Error(`exited ${code}: ${output}${errors}`)));
  });
  return { port, banner: output.split('\n'), stop: () => (child.kill('SIGTERM'), exited) };
}

const lineOf = (banner: string[], label: string) => banner.find((l) => l.startsWith(`  ${label}`));

async function get(url: string, token?: string) {
  const res = await fetch(url, token === undefined ? {} : { headers: { Authorization: `Bearer ${token}` } });
  return { status: res.status, challenge: res.headers.get('www-authenticate'), body: (await res.json()) as Record<string, unknown> };
}

const missingToken = {
  status: 401,
  challenge: 'Bearer realm="mahak-control"',
  body: {
    error: 'unauthorized',
    message: 'the control API needs a token: send Authorization: Bearer <token>, the admin token (MAHAK_ADMIN_TOKEN, or the one printed at start-up) or, for one tenant, its control token',
  },
};
const wrongToken = { status: 403, challenge: null, body: { error: 'forbidden', message: 'this token is neither the admin token nor a control token of a tenant of this sandbox' } };

/** An address of this machine that is not loopback, to show what listens beyond it. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

describe('mahak serve', () => {
  it('--help names the loopback default and the admin token', async () => {
    const out: string[] = [];
    expect(await runCli(['serve', '--help'], { out: (l) => out.push(...l.split('\n')), err: () => {} }, {})).toBe(0);
    expect(out.filter((l) => /--host|--admin-token/.test(l))).toEqual([
      '  --host <address>     address to listen on (env HOST, default 127.0.0.1); beyond loopback the control API needs an admin token',
      '  --admin-token <t>    lock the control API with this token (env MAHAK_ADMIN_TOKEN); made and printed when listening beyond loopback without one',
    ]);
  });

  it('on 0.0.0.0 without a token makes one, prints it with the default tenant’s control token, and enforces it', async () => {
    const served = await serve(['--host', '0.0.0.0']);
    try {
      const { banner, port } = served;
      expect(banner[0]).toMatch(/^Mahak is serving on http:\/\/localhost:\d+ \(listening on 0\.0\.0\.0, database :memory:, ready in \d+ ms\)$/);
      expect(lineOf(banner, 'Control API:')).toBe(`  Control API:        http://localhost:${port}/_sandbox   (locked: send Authorization: Bearer <admin token>)`);
      expect(lineOf(banner, 'API reference:')).toBe(`  API reference:      http://localhost:${port}/docs`);
      expect(lineOf(banner, 'Dashboard:')).toBe(`  Dashboard:          http://localhost:${port}/_sandbox   (in a browser)`);
      expect(lineOf(banner, 'ICE consent:')).toBe(`  ICE consent:        http://localhost:${port}/ice           (ICE publishes no API: the sandbox's own routes)`);
      const admin = /^ {2}Admin token: {8}([\w-]{43}) {3}\(made at start-up; set MAHAK_ADMIN_TOKEN to choose one\)$/.exec(lineOf(banner, 'Admin token:') ?? '')?.[1];
      expect(admin).toBeDefined();
      const tenantToken = /^ {2}Default tenant's control token: (mtc_ten_default_[\w-]{43})$/.exec(lineOf(banner, "Default tenant's control token:") ?? '')?.[1];
      expect(tenantToken).toBeDefined();

      const base = `http://127.0.0.1:${port}/_sandbox`;
      expect(await get(`${base}/tenants/ten_default`)).toEqual(missingToken);
      expect(await get(`${base}/tenants/ten_default`, 'not-the-token')).toEqual(wrongToken);
      for (const token of [admin!, tenantToken!]) {
        const res = await get(`${base}/tenants/ten_default`, token);
        expect({ status: res.status, id: res.body.id, jibit: (res.body.jibit as { secretKey: string }).secretKey }).toEqual({ status: 200, id: 'ten_default', jibit: 'maha…-key' });
      }
      expect((await get(`${base}/scenarios`, tenantToken)).status).toBe(200);
      const create = await fetch(`${base}/tenants`, { method: 'POST', headers: { Authorization: `Bearer ${tenantToken}` } });
      expect(create.status).toBe(403);
      // Reachable beyond loopback, as asked, and locked there too.
      if (outside) expect(await get(`http://${outside}:${port}/_sandbox/tenants/ten_default`)).toEqual(missingToken);
      // The providers keep their own credentials.
      const generate = await fetch(`http://127.0.0.1:${port}/jibit/ide/v1/tokens/generate`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ apiKey: 'mahak-default-api-key', secretKey: 'mahak-default-secret-key' }),
      });
      expect(generate.status).toBe(200);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  }, 60_000);

  it('with MAHAK_ADMIN_TOKEN set says so without printing it, and enforces it', async () => {
    const served = await serve(['--host', '0.0.0.0'], { MAHAK_ADMIN_TOKEN: adminToken });
    try {
      expect(lineOf(served.banner, 'Admin token:')).toBe('  Admin token:        as given (MAHAK_ADMIN_TOKEN or --admin-token), not printed');
      expect(served.banner.join('\n')).not.toContain(adminToken);
      const base = `http://127.0.0.1:${served.port}/_sandbox`;
      expect(await get(`${base}/tenants/ten_default`)).toEqual(missingToken);
      expect((await get(`${base}/tenants/ten_default`, adminToken)).status).toBe(200);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  }, 60_000);

  it('by default listens on 127.0.0.1 only, with the control API open', async () => {
    const served = await serve([]);
    try {
      const { banner, port } = served;
      expect(banner[0]).toMatch(/\(listening on 127\.0\.0\.1, database :memory:, /);
      expect(lineOf(banner, 'Control API:')).toBe(`  Control API:        http://localhost:${port}/_sandbox   (open: no admin token, loopback only)`);
      expect(lineOf(banner, 'Admin token:')).toBeUndefined();
      expect(banner.join('\n')).not.toContain('control token');
      expect((await get(`http://127.0.0.1:${port}/_sandbox/tenants/ten_default`)).status).toBe(200);
      if (outside) {
        const beyond = await fetch(`http://${outside}:${port}/_sandbox/tenants/ten_default`).catch((error: { cause?: { code?: string } }) => error.cause?.code);
        expect(beyond).toBe('ECONNREFUSED');
      }
    } finally {
      expect(await served.stop()).toBe(0);
    }
  }, 60_000);
});

describe('commands that call a locked sandbox', () => {
  const sandbox = createSandbox({ scenarios: false, adminToken });
  let url = '';
  beforeAll(async () => {
    ({ url } = await sandbox.listen());
  });
  afterAll(() => sandbox.close());

  async function mahak(env: Record<string, string>, ...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, { out: (l) => out.push(...l.split('\n')), err: (l) => err.push(...l.split('\n')) }, env);
    return { code, out, err };
  }

  it('tenant create without a token reports the 401 and its reason', async () => {
    expect(await mahak({}, 'tenant', 'create', '--url', url)).toEqual({
      code: 1,
      out: [],
      err: [`mahak: ${url}/_sandbox/tenants answered 401: ${JSON.stringify(missingToken.body)}`],
    });
  });

  it.each([
    ['MAHAK_ADMIN_TOKEN', { MAHAK_ADMIN_TOKEN: adminToken }, []],
    ['--token', {}, ['--token', adminToken]],
    ['--token over MAHAK_ADMIN_TOKEN', { MAHAK_ADMIN_TOKEN: 'a-stale-token-of-another-run' }, ['--token', adminToken]],
  ])('tenant create with %s creates the tenant', async (_how, env, flags) => {
    const { code, out, err } = await mahak(env, 'tenant', 'create', '--url', url, ...flags);
    expect({ code, err }).toEqual({ code: 0, err: [] });
    expect(JSON.parse(out.join('\n'))).toEqual({
      id: expect.stringMatching(/^ten_/),
      jibit: { apiKey: expect.any(String), secretKey: expect.any(String) },
      freepay: { apiKey: expect.stringMatching(/^fpk_/) },
      ice: { business: { username: 'mahak', password: 'Mahak1234', mobile: '09120000000', officialName: 'شرکت نمونه ماهک' } },
      controlToken: expect.stringMatching(/^mtc_ten_/),
    });
  });

  it('scenario list --url sends the token, and without one reports the 401', async () => {
    expect(await mahak({ MAHAK_ADMIN_TOKEN: adminToken }, 'scenario', 'list', '--url', url)).toEqual({ code: 0, out: [], err: [] });
    expect(await mahak({}, 'scenario', 'list', '--url', url)).toEqual({
      code: 1,
      out: [],
      err: [`mahak: ${url}/_sandbox/scenarios answered 401: ${JSON.stringify(missingToken.body)}`],
    });
  });

  it('scenario run --url sends the token on its control calls, not on the provider calls its steps make', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mahak-cli-auth-'));
    const file = join(dir, 'locked-run.yaml');
    writeFileSync(
      file,
      `name: locked-run
provider: jibit
description: A token, then the tenant's clock moved by a step through the control API.
rules: []
steps:
  - name: token
    request: { method: POST, path: /jibit/ide/v1/tokens/generate, body: { apiKey: "{{jibit.apiKey}}", secretKey: "{{jibit.secretKey}}" } }
    expect: { status: 200 }
  - name: clock
    request: { method: POST, path: "/_sandbox/tenants/{{tenant.id}}/clock", body: { freeze: true } }
    expect: { status: 200 }
`,
    );
    const run = await mahak({ MAHAK_ADMIN_TOKEN: adminToken }, 'scenario', 'run', file, '--url', url);
    expect({ ...run, out: run.out.map((l) => l.replace(/\(\d+ ms\)/, '(n ms)')) }).toEqual({
      code: 0,
      out: [`locked-run: 2 steps against ${url}`, 'ok    token (n ms)', 'ok    clock (n ms)', 'passed: 2 of 2 steps'],
      err: [],
    });
    const refused = await mahak({}, 'scenario', 'run', file, '--url', url);
    expect(refused.code).toBe(1);
    expect(refused.out.at(-1)).toMatch(/^FAIL {2}(upload|tenant creation) refused \(401\)/);
  });
});
