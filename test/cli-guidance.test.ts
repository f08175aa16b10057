// The mahak command guiding a newcomer: scenarios run by name, listed with their files and whole
// descriptions, --version, help on every level, flags named in words, URLs without a scheme,
// every problem of a scenario file at once with the nearest valid code, a scenarios folder
// that does not exist said so.
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/index.js';
import { createSandbox } from '../src/index.js';

async function mahak(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io = { out: (l: string) => out.push(...l.split('\n')), err: (l: string) => err.push(...l.split('\n')) };
  const code = await runCli(argv, io, env);
  return { code, out, err };
}

const steps = (out: string[]) => out.map((l) => l.replace(/\(\d+ ms\)/, '(n ms)'));

const dir = mkdtempSync(join(tmpdir(), 'mahak-cli-guide-'));
const write = (name: string, text: string) => {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, text);
  return path;
};

const oneCall = `provider: jibit
description: |
  Given the default tenant's keys,
  When a token is asked for,
  Then it is given.
steps:
  - name: token
    request: { method: POST, path: /jibit/ide/v1/tokens/generate, body: { apiKey: "{{jibit.apiKey}}", secretKey: "{{jibit.secretKey}}" } }
    expect: { status: 200 }
`;
const own = join(dir, 'own');
const ownFile = write('own/jibit/one-call.yaml', `name: one-call\n${oneCall}`);

describe('mahak scenario run <name>', () => {
  it('runs a scenario that comes with Mahak by its name', async () => {
    const { code, out, err } = await mahak(['scenario', 'run', 'flaky-provider']);
    expect({ code, err, first: out[0], last: out.at(-1) }).toEqual({
      code: 0,
      err: [],
      first: 'flaky-provider: 8 steps against an in-process sandbox',
      last: 'passed: 8 of 8 steps',
    });
  });

  it('runs a webhook scenario in process: its own sandbox listens, so deliveries reach the inbox', async () => {
    const { code, out, err } = await mahak(['scenario', 'run', 'webhook-delivered-twice']);
    expect({ code, err, last: out.at(-1) }).toEqual({ code: 0, err: [], last: 'passed: 7 of 7 steps' });
  });

  it('looks a name up in MAHAK_SCENARIOS, or --dir', async () => {
    const expected = { code: 0, err: [], out: ['one-call: 1 steps against an in-process sandbox', 'ok    token (n ms)', 'passed: 1 of 1 steps'] };
    const byEnv = await mahak(['scenario', 'run', 'one-call'], { MAHAK_SCENARIOS: own });
    expect({ ...byEnv, out: steps(byEnv.out) }).toEqual(expected);
    const byFlag = await mahak(['scenario', 'run', 'one-call', '--dir', own]);
    expect({ ...byFlag, out: steps(byFlag.out) }).toEqual(expected);
  });

  it('names the nearest scenario for a misspelt name, exit 1', async () => {
    expect(await mahak(['scenario', 'run', 'flaky-providr'])).toEqual({
      code: 1,
      out: [],
      err: ['mahak: no scenario named flaky-providr in scenarios; did you mean flaky-provider? (mahak scenario list shows them; a file is run by its path)'],
    });
  });

  it('a path that does not exist is a file that cannot be read', async () => {
    expect(await mahak(['scenario', 'run', join(dir, 'missing.yaml')])).toEqual({
      code: 1,
      out: [`FAIL  ${join(dir, 'missing.yaml')}`, '        cannot be read: ENOENT'],
      err: [],
    });
  });

  describe('with --url', () => {
    const sandbox = createSandbox({ scenarios: false });
    let url = '';
    beforeAll(async () => {
      ({ url } = await sandbox.listen());
      const source = `name: held-only\n${oneCall}`;
      const res = await fetch(`${url}/_sandbox/scenarios`, { method: 'POST', headers: { 'content-type': 'application/yaml' }, body: source });
      expect(res.status).toBe(201);
    });
    afterAll(() => sandbox.close());

    it('runs a scenario the sandbox holds by its name, given as host:port without a scheme', async () => {
      const hostPort = url.replace('http://', '');
      const { code, out, err } = await mahak(['scenario', 'run', 'held-only', '--url', hostPort]);
      expect({ code, err, out: steps(out) }).toEqual({
        code: 0,
        err: [],
        out: [`held-only: 1 steps against ${url}`, 'ok    token (n ms)', 'passed: 1 of 1 steps'],
      });
    });

    it('falls back to the scenarios folder for a name the sandbox does not hold', async () => {
      const { code, out } = await mahak(['scenario', 'run', 'one-call', '--url', url, '--dir', own]);
      expect({ code, last: out.at(-1) }).toEqual({ code: 0, last: 'passed: 1 of 1 steps' });
    });

    it('lists the sandbox given without a scheme', async () => {
      const { code, out } = await mahak(['scenario', 'list', '--url', `${url.replace('http://', '')}/`]);
      expect({ code, out: out.slice(0, 4) }).toEqual({
        code: 0,
        out: [`${'held-only'.padEnd(32)} jibit    (uploaded)`, "    Given the default tenant's keys,", '    When a token is asked for,', '    Then it is given.'],
      });
    });

    it('tenant create takes host:port too', async () => {
      const { code, out } = await mahak(['tenant', 'create', '--url', url.replace('http://', '')]);
      expect(code).toBe(0);
      expect(JSON.parse(out.join('\n'))).toMatchObject({ id: expect.stringMatching(/^ten_/) });
    });
  });
});

describe('mahak scenario list', () => {
  it("shows each file's path and its whole description", async () => {
    expect(await mahak(['scenario', 'list', '--dir', own])).toEqual({
      code: 0,
      out: [`${'one-call'.padEnd(32)} jibit    ${ownFile}`, "    Given the default tenant's keys,", '    When a token is asked for,', '    Then it is given.'],
      err: [],
    });
  });

  it('shows the shipped files by their path from the working folder', async () => {
    const { code, out } = await mahak(['scenario', 'list']);
    expect(code).toBe(0);
    const at = out.indexOf(`${'flaky-provider'.padEnd(32)} jibit    scenarios/jibit/flaky-provider.yaml`);
    expect(out.slice(at, at + 5)).toEqual([
      `${'flaky-provider'.padEnd(32)} jibit    scenarios/jibit/flaky-provider.yaml`,
      '    Given a Jibit whose card inquiry fails on every third call with server.error (HTTP 500),',
      '    When the client asks about the same card again and again,',
      '    Then calls 1 and 2 succeed, call 3 fails, calls 4 and 5 succeed, call 6 fails, and so on;',
      '    a failed call is not charged and does not count towards the daily limit.',
    ]);
  });
});

describe('mahak --version and help', () => {
  const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

  it.each([['--version'], ['-v'], ['version']])('%s prints the package version', async (flag) => {
    expect(await mahak([flag])).toEqual({ code: 0, out: [version], err: [] });
  });

  it.each([
    [['scenario', '--help'], 'Usage: mahak scenario <validate | list | run> [options]'],
    [['scenario', '-h'], 'Usage: mahak scenario <validate | list | run> [options]'],
    [['tenant', '--help'], 'Usage: mahak tenant create [options]'],
    [['help'], 'Usage: mahak <command> [options]'],
    [['help', 'scenario'], 'Usage: mahak scenario <validate | list | run> [options]'],
    [['help', 'scenario', 'run'], 'Usage: mahak scenario run <name or file> [--url <url> [--token <t>]] [--dir <dir>] [--keep]'],
    [['help', 'serve'], 'Usage: mahak serve [options]'],
  ])('%j prints help and exits 0', async (argv, first) => {
    const { code, out, err } = await mahak(argv);
    expect({ code, first: out[0], err }).toEqual({ code: 0, first, err: [] });
  });

  it('--help loads no command: the entry imports only the help, usage, version and output modules', () => {
    const source = readFileSync('src/cli/index.ts', 'utf8');
    const statics = [...source.matchAll(/^import .* from '([^']+)';$/gm)].map((m) => m[1]);
    expect(statics).toEqual(['./help.js', './usage.js', './version.js', './io.js']);
  });
});

describe('flags named in plain words', () => {
  it.each([
    [['serve', '--port', 'abc'], {}, 'mahak: --port must be a whole number from 0 to 65535, got abc (0 picks a free port)'],
    [['serve', '--port', '70000'], {}, 'mahak: --port must be a whole number from 0 to 65535, got 70000 (0 picks a free port)'],
    [['serve'], { PORT: 'abc' }, 'mahak: PORT must be a whole number from 0 to 65535, got abc (0 picks a free port)'],
    [['serve', '--admin-token', 'short'], {}, 'mahak: --admin-token must be at least 16 characters (for example: openssl rand -base64 32)'],
    [['serve', '--admin-token', 'long enough but spaced'], {}, 'mahak: --admin-token must be printable ASCII without spaces'],
    [['scenario', 'list', '--url', 'ftp://localhost:8787'], {}, 'mahak: --url must be a URL such as http://localhost:8787 or localhost:8787, got ftp://localhost:8787'],
    [['scenario', 'run', 'flaky-provider', '--url', 'http://'], {}, 'mahak: --url must be a URL such as http://localhost:8787 or localhost:8787, got http://'],
    [['tenant', 'create'], { MAHAK_URL: 'http://exa mple' }, 'mahak: MAHAK_URL must be a URL such as http://localhost:8787 or localhost:8787, got http://exa mple'],
  ])('%j %j is a usage error naming it', async (argv, env, line) => {
    expect(await mahak(argv, env)).toEqual({ code: 2, out: [], err: [line, 'Run mahak --help for the commands.'] });
  });
});

describe('a scenarios folder that does not exist', () => {
  const nowhere = join(dir, 'nowhere');
  const file = write('a-file', 'not a folder');

  it('stops serve naming MAHAK_SCENARIOS', async () => {
    expect(await mahak(['serve', '--port', '0', '--db', ':memory:'], { MAHAK_SCENARIOS: nowhere })).toEqual({
      code: 1,
      out: [],
      err: [`Mahak cannot start: the scenarios folder ${nowhere} (MAHAK_SCENARIOS) does not exist. Give MAHAK_SCENARIOS the path of a folder of scenario files, or leave it out for the ones that come with Mahak.`],
    });
  });

  it('stops serve when it is a file', async () => {
    expect(await mahak(['serve', '--port', '0', '--db', ':memory:', '--scenarios', file])).toEqual({
      code: 1,
      out: [],
      err: [`Mahak cannot start: the scenarios folder ${file} (--scenarios) is a file, not a folder. Give --scenarios the folder that holds it.`],
    });
  });

  it.each([[['scenario', 'list']], [['scenario', 'run', 'flaky-provider']]])('%j says so too', async (argv) => {
    expect(await mahak(argv, { MAHAK_SCENARIOS: nowhere })).toEqual({
      code: 1,
      out: [],
      err: [`mahak: the scenarios folder ${nowhere} (MAHAK_SCENARIOS) does not exist. Give MAHAK_SCENARIOS the path of a folder of scenario files, or leave it out for the ones that come with Mahak.`],
    });
  });
});

describe('mahak scenario validate', () => {
  it('reports every problem of a file at once, with the nearest endpoint and error code', async () => {
    const path = write(
      'many/jibit/many-problems.yaml',
      `name: not-the-file-name
provider: jibit
description: Every kind of problem in one file.
rules:
  - when: { endpoint: balance }
    then: { error: server.error }
  - when: { endpoint: balances }
    then: { error: server.eror }
  - when: { endpoint: card-inquiry }
    then: { delayMs: -5 }
steps:
  - name: no request
`,
    );
    expect(await mahak(['scenario', 'validate', path])).toEqual({
      code: 1,
      out: [
        `FAIL  ${path}`,
        '        rules.2.then.delayMs: Too small: expected number to be >=0',
        '        steps.0.request: Invalid input: expected object, received undefined',
        expect.stringMatching(/^ {8}rules\.0\.when\.endpoint: balance is not a jibit endpoint; did you mean balances\? endpoints: token-generate, /),
        '        rules.1.then.error: server.eror is not a documented error of balances; did you mean server.error?',
        '        name: not-the-file-name differs from the file name many-problems; name a file after its scenario',
      ],
      err: [],
    });
  });

  it('suggests the nearest code any endpoint documents when the rule names none', async () => {
    const path = write('jibit/any-endpoint.yaml', 'name: any-endpoint\nprovider: jibit\ndescription: d\nrules: [{ then: { error: card.not_vaild } }]\n');
    expect(await mahak(['scenario', 'validate', path])).toEqual({
      code: 1,
      out: [`FAIL  ${path}`, '        rules.0.then.error: no jibit endpoint documents card.not_vaild; did you mean card.not_valid?'],
      err: [],
    });
  });

  it('checks every file of a folder, each in its provider folder', async () => {
    expect(await mahak(['scenario', 'validate', own])).toEqual({ code: 0, out: [`ok    ${ownFile}  (one-call: jibit, 0 rules, 1 step)`], err: [] });
    const { code, out } = await mahak(['scenario', 'validate', 'scenarios']);
    expect({ code, last: out.at(-1), failed: out.filter((l) => !l.startsWith('ok    ')).length }).toEqual({ code: 0, last: `${out.length - 1} valid, 0 not valid`, failed: 1 });
    const wrongFolder = join(dir, 'wrong-folder');
    const misplaced = write('wrong-folder/freepay/one-call.yaml', `name: one-call\n${oneCall}`);
    expect(await mahak(['scenario', 'validate', wrongFolder])).toEqual({
      code: 1,
      out: [`FAIL  ${misplaced}`, `        provider: jibit scenarios belong in ${join(wrongFolder, 'jibit')}/`],
      err: [],
    });
  });

  it('suggests nothing for a code far from every documented one', async () => {
    const path = write('jibit/far-code.yaml', 'name: far-code\nprovider: jibit\ndescription: d\nrules: [{ when: { endpoint: balances }, then: { error: completely.different } }]\n');
    expect((await mahak(['scenario', 'validate', path])).out).toEqual([`FAIL  ${path}`, '        rules.0.then.error: completely.different is not a documented error of balances']);
  });
});
