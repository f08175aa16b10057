// What `mahak serve` says when it cannot start: one line each, saying what is wrong and which
// option (flag, or variable for npm start) to change. Never a stack trace.
import { statSync } from 'node:fs';
import { DbUnusable } from '../db/index.js';

/** Why a --port flag or PORT variable is not a port, or undefined when it is one (or not given). */
export function portProblem(name: string, value: string | undefined): string | undefined {
  if (value === undefined || (/^\d{1,5}$/.test(value) && Number(value) <= 65535)) return undefined;
  return `${name} must be a whole number from 0 to 65535, got ${value} (0 picks a free port)`;
}

/** The first flag given an empty value (`--db ''`), named, or undefined. */
export function emptyFlag(values: Record<string, unknown>): string | undefined {
  const empty = Object.keys(values).find((name) => values[name] === '');
  return empty === undefined ? undefined : `--${empty} needs a value`;
}

/** Why an --admin-token flag cannot lock the control API (its value never echoed), or undefined. */
export function adminTokenProblem(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (value.length < 16) return '--admin-token must be at least 16 characters (for example: openssl rand -base64 32)';
  if (!/^[\x21-\x7e]+$/.test(value)) return '--admin-token must be printable ASCII without spaces';
  return undefined;
}

/** Why a scenarios folder cannot be loaded, in words naming where it came from, or undefined. */
export function scenariosFolderProblem(dir: string, from: string): string | undefined {
  let stat;
  try {
    stat = statSync(dir);
  } catch {
    return `the scenarios folder ${dir} (${from}) does not exist. Give ${from} the path of a folder of scenario files, or leave it out for the ones that come with Mahak.`;
  }
  if (!stat.isDirectory()) return `the scenarios folder ${dir} (${from}) is a file, not a folder. Give ${from} the folder that holds it.`;
  return undefined;
}

/** An error of server.listen() in words. */
export function listenFailure(error: NodeJS.ErrnoException, host: string, port: number): string {
  switch (error.code) {
    case 'EADDRINUSE':
      return `port ${port} on ${host} is already in use. Stop what uses it, or choose another port with --port (PORT); 0 picks a free one.`;
    case 'EADDRNOTAVAIL':
      return `${host} is not an address of this machine. Give --host (HOST) one of its addresses, such as 127.0.0.1 or 0.0.0.0.`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_NONAME':
    case 'EAI_FAIL':
      return `the host ${host} does not resolve to an address. Give --host (HOST) an address of this machine, such as 127.0.0.1 or 0.0.0.0.`;
    case 'EACCES':
      return `port ${port} on ${host} needs privileges this process does not have. Choose a port from 1024 up with --port (PORT).`;
    default:
      return `cannot listen on ${host} port ${port} (${error.code ?? error.message}). Check --host (HOST) and --port (PORT).`;
  }
}

/** An error of opening the instance (database, world, scenarios) in words. */
export function openFailure(error: unknown): string {
  if (!(error instanceof DbUnusable)) return (error as Error).message;
  if (error.inUse) return `${error.message}. Stop that one first, or give this one its own file with --db (MAHAK_DB).`;
  return `${error.message}. Choose another path with --db (MAHAK_DB), or :memory: to keep nothing.`;
}
