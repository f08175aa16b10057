// The mahak command: serve, scenario validate / list / run, tenant create. `runCli` answers an
// exit code (0 ok, 1 a failure it reports, 2 a usage error), so tests run it in process.
// Each command is imported when it runs, so --help and --version answer without loading the sandbox.
import { help } from './help.js';
import { UsageError } from './usage.js';
import { mahakVersion } from './version.js';
import { processIo, type Io } from './io.js';

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h';

export async function runCli(argv: string[], io: Io = processIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || isHelp(command)) {
      io.out(help.mahak);
      return command === undefined ? 2 : 0;
    }
    if (command === '--version' || command === '-v' || command === 'version') return io.out(mahakVersion()), 0;
    if (command === 'help') return helpFor(rest, io);
    if (command === 'serve') return await (await import('./serve-command.js')).serveCommand(rest, io, env);
    if (command === 'scenario') {
      const [sub, ...args] = rest;
      if (isHelp(sub)) return io.out(help.scenario), 0;
      if (sub === 'validate') return (await import('./scenario-validate.js')).validateCommand(args, io);
      if (sub === 'list') return await (await import('./scenario-list.js')).listCommand(args, io, env);
      if (sub === 'run') return await (await import('./scenario-run.js')).runCommand(args, io, env);
      throw new UsageError(sub === undefined || sub.startsWith('-') ? 'scenario needs a subcommand: validate, list or run' : `unknown scenario subcommand: ${sub}`);
    }
    if (command === 'tenant') {
      const [sub, ...args] = rest;
      if (isHelp(sub)) return io.out(help.tenant), 0;
      if (sub === 'create') return await (await import('./tenant-create.js')).tenantCreateCommand(args, io, env);
      throw new UsageError(sub === undefined || sub.startsWith('-') ? 'tenant needs a subcommand: create' : `unknown tenant subcommand: ${sub}`);
    }
    throw new UsageError(`unknown command: ${command}`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mahak: ${error.message}\nRun mahak --help for the commands.`);
    return 2;
  }
}

/** `mahak help [command [subcommand]]`: the same texts as --help. */
function helpFor(topic: string[], io: Io): number {
  const [first, second] = topic;
  const texts: Record<string, string> = {
    '': help.mahak,
    serve: help.serve,
    scenario: help.scenario,
    'scenario validate': help.validate,
    'scenario list': help.list,
    'scenario run': help.run,
    tenant: help.tenant,
    'tenant create': help.create,
  };
  const text = texts[[first, second].filter(Boolean).join(' ')];
  if (text === undefined) throw new UsageError(`no help on ${topic.join(' ')}`);
  io.out(text);
  return 0;
}
