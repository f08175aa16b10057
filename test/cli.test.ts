// The mahak command, run in process with its output captured; the executable itself is
// started once to show `mahak serve` listens and `npm start`'s entry point works.
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/index.js';
import { createSandbox } from '../src/index.js';

function captured() {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l: string) => out.push(...l.split('\n')), err: (l: string) => err.push(...l.split('\n')) }, out, err };
}

/** A loopback port nothing listens on. */
const deadUrl = await new Promise<string>((resolve) => {
  const server = createServer();
  server.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as AddressInfo;
    server.close(() => resolve(`http://127.0.0.1:${port}`));
  });
});

async function mahak(...argv: string[]) {
  const { io, out, err } = captured();
  const code = await runCli(argv, io, { MAHAK_URL: deadUrl });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'mahak-cli-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};

const good = write(
  'jibit/two-calls.yaml',
  `name: two-calls
provider: jibit
description: Given a token, when balances are asked twice, then the second fails.
rules: [{ when: { endpoint: balances, nth: 2 }, then: { error: server.error } }]
steps:
  - name: token
    request: { method: POST, path: /jibit/ide/v1/tokens/generate, body: { apiKey: "{{jibit.apiKey}}", secretKey: "{{jibit.secretKey}}" } }
    save: { token: body.accessToken }
  - name: first balances
    request: { path: /jibit/ide/v1/balances, headers: { Authorization: "Bearer {{token}}" } }
    expect: { status: 200 }
  - name: second balances
    request: { path: /jibit/ide/v1/balances, headers: { Authorization: "Bearer {{token}}" } }
    expect: { status: 500, code: server.error }
`,
);
const wrongExpectation = write(
  'wrong/wrong-expectation.yaml',
  `name: wrong-expectation
provider: jibit
description: Given nothing, then balances is expected to fail, which it does not.
steps:
  - name: token
    request: { method: POST, path: /jibit/ide/v1/tokens/generate, body: { apiKey: "{{jibit.apiKey}}", secretKey: "{{jibit.secretKey}}" } }
    save: { token: body.accessToken }
  - name: balances
    request: { path: /jibit/ide/v1/balances, headers: { Authorization: "Bearer {{token}}" } }
    expect: { status: 500 }
  - name: never reached
    request: { path: /jibit/ide/v1/balances }
`,
);
const invalid = write('bad/invalid.yaml', 'name: invalid\nprovider: jibit\ndescription: d\nrules: [{ when: { endpoint: nope }, then: { delayMs: 1 } }]\n');
const misnamed = write('bad/misnamed.yaml', 'name: other-name\nprovider: jibit\ndescription: d\n');

describe('mahak --help', () => {
  it.each([
    [['--help'], 'Usage: mahak <command> [options]'],
    [['serve', '--help'], 'Usage: mahak serve [options]'],
    [['scenario', 'validate', '--help'], 'Usage: mahak scenario validate <file or folder…>'],
    [['scenario', 'list', '-h'], 'Usage: mahak scenario list [--url <url> [--token <t>] | --dir <dir>]'],
    [['scenario', 'run', '--help'], 'Usage: mahak scenario run <name or file> [--url <url> [--token <t>]] [--dir <dir>] [--keep]'],
    [['tenant', 'create', '--help'], 'Usage: mahak tenant create [--url <url>] [--token <t>] [--name <name>]'],
  ])('%j prints its usage and exits 0', async (argv, first) => {
    const { code, out, err } = await mahak(...argv);
    expect({ code, first: out[0], err }).toEqual({ code: 0, first, err: [] });
  });

  it.each([
    [[], 'mahak: '],
    [['bogus'], 'mahak: unknown command: bogus'],
    [['scenario'], 'mahak: scenario needs a subcommand: validate, list or run'],
    [['scenario', 'frobnicate'], 'mahak: unknown scenario subcommand: frobnicate'],
    [['tenant'], 'mahak: tenant needs a subcommand: create'],
    [['scenario', 'validate'], 'mahak: scenario validate needs at least one file'],
    [['scenario', 'run'], 'mahak: scenario run needs exactly one scenario: its name or its file'],
    [['serve', '--port'], "mahak: Option '--port <value>' argument missing"],
    [['serve', '--port', 'abc'], 'mahak: --port must be a whole number from 0 to 65535, got abc (0 picks a free port)'],
    [['scenario', 'list', '--bogus'], "mahak: Unknown option '--bogus'"],
  ])('%j is a usage error: exit 2 with the reason', async (argv, reason) => {
    const { code, out, err } = await mahak(...argv);
    expect(code).toBe(2);
    if (argv.length === 0) {
      expect(out[0]).toBe('Usage: mahak <command> [options]');
    } else {
      expect(err[0]!.startsWith(reason)).toBe(true);
      expect(err[1]).toBe('Run mahak --help for the commands.');
    }
  });
});

describe('mahak scenario validate', () => {
  it('prints ok for valid files and the reasons for the others, exiting 1', async () => {
    const { code, out } = await mahak('scenario', 'validate', good, invalid, misnamed, join(dir, 'missing.yaml'));
    expect(code).toBe(1);
    expect(out).toEqual([
      `ok    ${good}  (two-calls: jibit, 1 rule, 3 steps)`,
      `FAIL  ${invalid}`,
      expect.stringMatching(/^ {8}rules\.0\.when\.endpoint: nope is not a jibit endpoint; endpoints: token-generate, /),
      `FAIL  ${misnamed}`,
      '        name: other-name differs from the file name misnamed; name a file after its scenario',
      `FAIL  ${join(dir, 'missing.yaml')}`,
      '        cannot be read: ENOENT',
      '1 valid, 3 not valid',
    ]);
  });

  it('exits 0 when every file is valid', async () => {
    expect(await mahak('scenario', 'validate', good)).toEqual({ code: 0, out: [`ok    ${good}  (two-calls: jibit, 1 rule, 3 steps)`], err: [] });
  });
});

describe('mahak scenario list', () => {
  it("lists a folder's scenarios by name, provider, file and description", async () => {
    const { code, out } = await mahak('scenario', 'list', '--dir', join(dir, 'jibit'));
    expect(code).toBe(1); // the folder's files are checked against their provider folder: jibit/ holds no provider folder
    expect(out).toEqual([`${good}  NOT VALID`, `    provider: jibit scenarios belong in ${join(dir, 'jibit', 'jibit')}/`]);
    const listed = await mahak('scenario', 'list', '--dir', dir);
    expect(listed.out).toContain(`${'two-calls'.padEnd(32)} jibit    ${good}`);
    expect(listed.out).toContain('    Given a token, when balances are asked twice, then the second fails.');
    expect(listed.code).toBe(1); // bad/ and wrong/ hold files outside their provider's folder
  });

  it('lists the scenarios that come with Mahak by default, all valid', async () => {
    const { code, out } = await mahak('scenario', 'list');
    expect(code).toBe(0);
    expect(out.filter((l) => !l.startsWith(' ')).map((l) => l.split(' ')[0])).toEqual(expect.arrayContaining(['daily-limit-exhausted', 'flaky-provider', 'error-codes-cards', 'token-expiry']));
  });
});

describe('against a running sandbox', () => {
  const sandbox = createSandbox({ scenarios: false });
  let url = '';
  beforeAll(async () => {
    ({ url } = await sandbox.listen());
  });
  afterAll(() => sandbox.close());

  it('scenario run --url uploads the scenario, runs its steps and reports each', async () => {
    const { code, out } = await mahak('scenario', 'run', good, '--url', url);
    expect({ code, out: out.map((l) => l.replace(/\(\d+ ms\)/, '(n ms)')) }).toEqual({
      code: 0,
      out: [`two-calls: 3 steps against ${url}`, 'ok    token (n ms)', 'ok    first balances (n ms)', 'ok    second balances (n ms)', 'passed: 3 of 3 steps'],
    });
    const listed = await mahak('scenario', 'list', '--url', url);
    expect(listed).toEqual({
      code: 0,
      out: [`${'two-calls'.padEnd(32)} jibit    (uploaded)`, '    Given a token, when balances are asked twice, then the second fails.'],
      err: [],
    });
  });

  it('scenario run --keep keeps the tenant and prints its id', async () => {
    const { code, out } = await mahak('scenario', 'run', good, '--url', url, '--keep');
    expect(code).toBe(0);
    const id = /tenant (ten_\S+) kept$/.exec(out.at(-1)!)?.[1];
    expect(id).toBeDefined();
    const tenant = (await (await fetch(`${url}/_sandbox/tenants/${id}`)).json()) as { scenario: string };
    expect(tenant.scenario).toBe('two-calls');
  });

  it('tenant create --url prints the new tenant as JSON', async () => {
    const { code, out } = await mahak('tenant', 'create', '--url', url, '--name', 'from the command line');
    expect(code).toBe(0);
    const created = JSON.parse(out.join('\n')) as { id: string };
    expect(created).toEqual({
      id: expect.stringMatching(/^ten_/),
      jibit: { apiKey: expect.any(String), secretKey: expect.any(String) },
      freepay: { apiKey: expect.stringMatching(/^fpk_/) },
      ice: { business: { username: 'mahak', password: 'Mahak1234', mobile: '09120000000', officialName: 'شرکت نمونه ماهک' } },
      controlToken: expect.stringMatching(/^mtc_ten_/),
    });
    expect(((await (await fetch(`${url}/_sandbox/tenants/${created.id}`)).json()) as { name: string }).name).toBe('from the command line');
  });
});

describe('mahak scenario run in process', () => {
  it('reports a failing step with its reason, skips the rest and exits 1', async () => {
    const { code, out } = await mahak('scenario', 'run', wrongExpectation);
    expect(code).toBe(1);
    expect(out.map((l) => l.replace(/\(\d+ ms\)/, '(n ms)'))).toEqual([
      'wrong-expectation: 3 steps against an in-process sandbox',
      'ok    token (n ms)',
      'FAIL  balances (n ms)',
      expect.stringMatching(/^ {8}status: expected 500, got 200 \{"balances":/),
      'skip  never reached',
      'failed: 1 of 3 steps',
    ]);
  });

  it('refuses an invalid file before running anything', async () => {
    const { code, out } = await mahak('scenario', 'run', invalid);
    expect(code).toBe(1);
    expect(out[0]).toBe(`FAIL  ${invalid}`);
  });

  it('reports a sandbox that cannot be reached', async () => {
    const { code, out } = await mahak('scenario', 'run', good, '--url', deadUrl);
    expect(code).toBe(1);
    expect(out[1]).toBe(`FAIL  the sandbox could not be reached at ${deadUrl}: fetch failed: ECONNREFUSED`);
  });

  it('tenant create reports a sandbox that cannot be reached (MAHAK_URL by default)', async () => {
    const { code, err } = await mahak('tenant', 'create');
    expect({ code, err }).toEqual({ code: 1, err: [`mahak: cannot reach ${deadUrl}/_sandbox/tenants (ECONNREFUSED); is the sandbox running?`] });
  });
});

describe('mahak serve', () => {
  it('stops before serving when a scenario file is not valid, naming the file and the reason', async () => {
    const { code, err } = await mahak('serve', '--port', '0', '--db', ':memory:', '--scenarios', join(dir, 'bad'));
    expect(code).toBe(1);
    expect(err[0]).toBe('Mahak cannot start: a scenario is not valid.');
    expect(err[1]).toMatch(new RegExp(`^  ${join(dir, 'bad')}/(invalid|misnamed)\\.yaml$`));
  });

  it('stops when the scenarios folder does not exist', async () => {
    const { code, err } = await mahak('serve', '--port', '0', '--db', ':memory:', '--scenarios', join(dir, 'nowhere'));
    expect({ code, err }).toEqual({
      code: 1,
      err: [
        `Mahak cannot start: the scenarios folder ${join(dir, 'nowhere')} (--scenarios) does not exist. Give --scenarios the path of a folder of scenario files, or leave it out for the ones that come with Mahak.`,
      ],
    });
  });

  it('the executable serves with the shipped scenarios loaded, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/mahak.js', 'serve', '--port', '0', '--db', ':memory:', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /serving on http:\/\/localhost:(\d+)/.exec(output);
        if (found) resolve(Number(found[1]));
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
    expect(output).toMatch(/Scenarios: {10}\d+ loaded from .*scenarios/);
    const list = (await (await fetch(`http://127.0.0.1:${port}/_sandbox/scenarios`)).json()) as { scenarios: { name: string; origin: string }[] };
    expect(list.scenarios.find((s) => s.name === 'flaky-provider')?.origin).toBe('jibit/flaky-provider.yaml');
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
