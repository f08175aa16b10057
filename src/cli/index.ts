// The mahak command: serve, scenario validate / list / run, tenant create. `runCli` answers an
// exit code (0 ok, 1 a failure it reports, 2 a usage error), so tests run it in process.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { basename } from 'node:path';
import { readEnv } from '../env.js';
import { readScenarioFile, scenarioFiles } from '../scenario-format.js';
import { ScenarioInvalid } from '../core/scenarios/parse.js';
import { runScenario, type StepResult } from '../core/scenarios/runner.js';
import { shippedScenariosDir } from '../instance.js';
import { createSandbox } from '../index.js';
import { startServer } from './serve.js';
import { emptyFlag, portProblem } from './failures.js';
import { processIo, type Io } from './io.js';

const help = {
  mahak: `Usage: mahak <command> [options]

A sandbox of the Jibit inquiry API and the Freepay payment gateway (ICE consent next).

Commands:
  serve                      serve the sandbox (what npm start does)
  scenario validate <file…>  check scenario files
  scenario list              list scenarios (a folder's, or a running sandbox's)
  scenario run <file>        run a scenario's steps and report each
  tenant create              create a tenant on a running sandbox

Run mahak <command> --help for a command's options.`,
  serve: `Usage: mahak serve [options]

Options:
  --port <n>           port to listen on (env PORT, default 8787; 0 picks a free one)
  --host <address>     address to listen on (env HOST, default 127.0.0.1); beyond loopback the control API needs an admin token
  --admin-token <t>    lock the control API with this token (env MAHAK_ADMIN_TOKEN); made and printed when listening beyond loopback without one
  --db <path>          SQLite file, or :memory: (env MAHAK_DB, default ./data/mahak.db)
  --scenarios <dir>    scenarios folder to load (env MAHAK_SCENARIOS, default: the ones that come with Mahak)
  --seed <text>        synthetic world seed (env MAHAK_WORLD_SEED, default mahak)
  -h, --help           show this help

A scenario file that is not valid stops start-up with its path and the reason.`,
  validate: `Usage: mahak scenario validate <file…>

Checks each scenario file (YAML or JSON) against the scenario schema and the provider's
catalog: endpoint ids, documented error codes, fixture records. Prints one line per file.
Exits 1 when any file is not valid.`,
  list: `Usage: mahak scenario list [--url <url> [--token <t>] | --dir <dir>]

Options:
  --url <url>   list the scenarios a running sandbox holds (e.g. http://localhost:8787)
  --token <t>   its admin token, when its control API is locked (env MAHAK_ADMIN_TOKEN)
  --dir <dir>   list the scenario files of a folder (default: the ones that come with Mahak)
  -h, --help    show this help`,
  run: `Usage: mahak scenario run <file> [--url <url> [--token <t>]] [--keep]

Runs the scenario's steps against a running sandbox (--url), or against a fresh in-process one
when no URL is given. The scenario is uploaded if the sandbox does not hold this text of it,
a tenant of its own is created and the scenario switched on for it.

Options:
  --url <url>   the sandbox's root URL (e.g. http://localhost:8787)
  --token <t>   its admin token, when its control API is locked (env MAHAK_ADMIN_TOKEN)
  --keep        keep the tenant afterwards (its id is printed), to look at its journal
  -h, --help    show this help

Prints each step's result; exits 1 when a step fails.`,
  tenant: `Usage: mahak tenant create [--url <url>] [--token <t>] [--name <name>]

Creates a tenant on a running sandbox and prints its id, credentials and control token as JSON.

Options:
  --url <url>     the sandbox's root URL (env MAHAK_URL, default http://localhost:8787)
  --token <t>     its admin token, when its control API is locked (env MAHAK_ADMIN_TOKEN)
  --name <name>   the tenant's name
  -h, --help      show this help`,
};

class UsageError extends Error {}

function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export async function runCli(argv: string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(help.mahak);
      return command === undefined ? 2 : 0;
    }
    if (command === 'serve') return await serveCommand(rest, io, env);
    if (command === 'scenario') {
      const [sub, ...args] = rest;
      if (sub === 'validate') return validateCommand(args, io);
      if (sub === 'list') return await listCommand(args, io, env);
      if (sub === 'run') return await runCommand(args, io, env);
      throw new UsageError(sub === undefined || sub.startsWith('-') ? 'scenario needs a subcommand: validate, list or run' : `unknown scenario subcommand: ${sub}`);
    }
    if (command === 'tenant') {
      const [sub, ...args] = rest;
      if (sub === 'create') return await tenantCreateCommand(args, io, env);
      throw new UsageError(sub === undefined || sub.startsWith('-') ? 'tenant needs a subcommand: create' : `unknown tenant subcommand: ${sub}`);
    }
    throw new UsageError(`unknown command: ${command}`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mahak: ${error.message}\nRun mahak --help for the commands.`);
    return 2;
  }
}

async function serveCommand(args: string[], io: Io, source: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    'admin-token': { type: 'string' },
    db: { type: 'string' },
    scenarios: { type: 'string' },
    seed: { type: 'string' },
  });
  if (values.help) return io.out(help.serve), 0;
  // Checked here to name what was given, the flag or the variable, in words rather than the schema's.
  const badFlag = emptyFlag(values) ?? (values.port !== undefined ? portProblem('--port', values.port) : portProblem('PORT', source.PORT));
  if (badFlag) throw new UsageError(badFlag);
  let env;
  try {
    env = readEnv({
      ...source,
      ...(values.port !== undefined ? { PORT: values.port } : {}),
      ...(values.host !== undefined ? { HOST: values.host } : {}),
      ...(values['admin-token'] !== undefined ? { MAHAK_ADMIN_TOKEN: values['admin-token'] } : {}),
      ...(values.db !== undefined ? { MAHAK_DB: values.db } : {}),
      ...(values.scenarios !== undefined ? { MAHAK_SCENARIOS: values.scenarios } : {}),
      ...(values.seed !== undefined ? { MAHAK_WORLD_SEED: values.seed } : {}),
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const started = await startServer(
    {
      port: env.PORT,
      host: env.HOST,
      db: env.MAHAK_DB,
      ...(env.MAHAK_SCENARIOS !== undefined ? { scenarios: env.MAHAK_SCENARIOS } : {}),
      worldSeed: env.MAHAK_WORLD_SEED,
      trustProxy: env.MAHAK_TRUST_PROXY,
      journalLimit: env.MAHAK_JOURNAL_LIMIT,
      ...(env.MAHAK_ADMIN_TOKEN !== undefined ? { adminToken: env.MAHAK_ADMIN_TOKEN } : {}),
    },
    io,
  );
  if ('exitCode' in started) return started.exitCode;
  const shutdown = () => void started.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  return 0;
}

function validateCommand(args: string[], io: Io): number {
  const { values, positionals } = parse(args, {}, true);
  if (values.help) return io.out(help.validate), 0;
  if (positionals.length === 0) throw new UsageError('scenario validate needs at least one file');
  let failed = 0;
  for (const path of positionals) {
    try {
      const { scenario } = readScenarioFile(path);
      io.out(`ok    ${path}  (${scenario.name}: ${scenario.provider}, ${count(scenario.rules.length, 'rule')}, ${count(scenario.steps.length, 'step')})`);
    } catch (error) {
      if (!(error instanceof ScenarioInvalid)) throw error;
      failed++;
      io.out(`FAIL  ${path}\n${error.reasons.map((r) => `        ${r}`).join('\n')}`);
    }
  }
  if (positionals.length > 1) io.out(`${positionals.length - failed} valid, ${failed} not valid`);
  return failed > 0 ? 1 : 0;
}

const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;
const firstLine = (text: string) => text.split('\n')[0]!.trim();

async function listCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parse(args, { url: { type: 'string' }, dir: { type: 'string' }, token: { type: 'string' } });
  if (values.help) return io.out(help.list), 0;
  if (values.url !== undefined && values.dir !== undefined) throw new UsageError('give --url or --dir, not both');
  if (values.url !== undefined) {
    const url = `${values.url.replace(/\/+$/, '')}/_sandbox/scenarios`;
    const res = await reach(url, io, { headers: controlHeaders(values.token, env) });
    if (!res) return 1;
    const body = (await res.json()) as { scenarios: { name: string; provider: string; origin: string; description: string }[] };
    for (const s of body.scenarios) io.out(`${s.name.padEnd(32)} ${s.provider.padEnd(8)} ${firstLine(s.description)}`);
    return 0;
  }
  const dir = values.dir ?? shippedScenariosDir;
  let failed = 0;
  let files: string[];
  try {
    files = scenarioFiles(dir);
  } catch {
    io.err(`mahak: ${dir} is not a readable folder`);
    return 1;
  }
  for (const path of files) {
    try {
      const { scenario } = readScenarioFile(path, dir);
      io.out(`${scenario.name.padEnd(32)} ${scenario.provider.padEnd(8)} ${firstLine(scenario.description)}`);
    } catch (error) {
      if (!(error instanceof ScenarioInvalid)) throw error;
      failed++;
      io.out(`${basename(path).padEnd(32)} NOT VALID ${error.reasons[0]}`);
    }
  }
  return failed > 0 ? 1 : 0;
}

async function reach(url: string, io: Io, init?: RequestInit): Promise<Response | undefined> {
  try {
    const res = await fetch(url, init);
    if (res.ok) return res;
    io.err(`mahak: ${url} answered ${res.status}: ${await res.text()}`);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    io.err(`mahak: cannot reach ${url}${cause ? ` (${cause})` : ''}; is the sandbox running?`);
  }
  return undefined;
}

const mark: Record<StepResult['outcome'], string> = { passed: 'ok  ', failed: 'FAIL', skipped: 'skip' };

async function runCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values, positionals } = parse(args, { url: { type: 'string' }, keep: { type: 'boolean' }, token: { type: 'string' } }, true);
  if (values.help) return io.out(help.run), 0;
  if (positionals.length !== 1) throw new UsageError('scenario run needs exactly one file');
  let file;
  try {
    file = readScenarioFile(positionals[0]!);
  } catch (error) {
    if (!(error instanceof ScenarioInvalid)) throw error;
    io.out(`FAIL  ${error.source}\n${error.reasons.map((r) => `        ${r}`).join('\n')}`);
    return 1;
  }
  const { scenario, source } = file;
  const inProcess = values.url === undefined ? createSandbox({ scenarios: false }) : undefined;
  const token = controlToken(values.token, env);
  io.out(`${scenario.name}: ${scenario.steps.length} steps against ${values.url ?? 'an in-process sandbox'}`);
  try {
    const result = await runScenario(scenario, {
      baseUrl: values.url ?? 'http://mahak.local',
      ...(inProcess ? { fetch: (url: string, init: RequestInit) => inProcess.fetch(new Request(url, init)) } : {}),
      ...(!inProcess && token !== undefined ? { controlToken: token } : {}),
      source,
      keepTenant: values.keep === true,
      onStep: (step) => {
        io.out(`${mark[step.outcome]}  ${step.name}${step.outcome === 'skipped' ? '' : ` (${step.ms} ms)`}`);
        for (const problem of step.problems) io.out(`        ${problem}`);
      },
    });
    if (result.setupProblem) {
      io.out(`FAIL  ${result.setupProblem}`);
      return 1;
    }
    const passed = result.steps.filter((s) => s.outcome === 'passed').length;
    io.out(`${result.ok ? 'passed' : 'failed'}: ${passed} of ${result.steps.length} steps${values.keep && result.tenantId ? `; tenant ${result.tenantId} kept` : ''}`);
    return result.ok ? 0 : 1;
  } finally {
    await inProcess?.close();
  }
}

async function tenantCreateCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parse(args, { url: { type: 'string' }, name: { type: 'string' }, token: { type: 'string' } });
  if (values.help) return io.out(help.tenant), 0;
  const base = (values.url ?? env.MAHAK_URL ?? 'http://localhost:8787').replace(/\/+$/, '');
  const res = await reach(`${base}/_sandbox/tenants`, io, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...controlHeaders(values.token, env) },
    body: JSON.stringify(values.name !== undefined ? { name: values.name } : {}),
  });
  if (!res) return 1;
  io.out(JSON.stringify(await res.json(), null, 2));
  return 0;
}

/** The token for a running sandbox's control API: --token, else MAHAK_ADMIN_TOKEN (empty: none). */
const controlToken = (flag: string | undefined, env: NodeJS.ProcessEnv) => flag ?? (env.MAHAK_ADMIN_TOKEN || undefined);

function controlHeaders(flag: string | undefined, env: NodeJS.ProcessEnv): Record<string, string> {
  const token = controlToken(flag, env);
  return token === undefined ? {} : { authorization: `Bearer ${token}` };
}

