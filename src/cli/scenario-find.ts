// What `mahak scenario run` runs: a path is read as a file; a name is looked up in the running
// sandbox (with --url), then in the scenarios folder, and a near miss is suggested.
import { existsSync, statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { readScenarioFile, parseScenarioText, type Scenario } from '../scenario-format.js';
import { ScenarioInvalid } from '../core/scenarios/parse.js';
import { nearest } from '../core/nearest.js';
import { controlHeaders } from './remote.js';
import { folderFiles, printInvalid, scenariosFolder, shownPath } from './scenario-folder.js';
import type { Io } from './io.js';

export type Found = { scenario: Scenario; source: string } | { exitCode: number };

export interface Where {
  url: string | undefined;
  token: string | undefined;
  dir: string | undefined;
}

// A scenario name as the schema allows it: anything else is a path.
const looksLikeName = (arg: string) => /^[a-z0-9][a-z0-9-]{0,63}$/.test(arg);

export async function findScenario(arg: string, where: Where, io: Io, env: NodeJS.ProcessEnv): Promise<Found> {
  if (!looksLikeName(arg) || (existsSync(arg) && statSync(arg).isFile())) return fromFile(arg, undefined, io);
  if (where.url !== undefined) {
    const held = await heldBy(where.url, arg, where.token, env, io);
    if (held !== undefined) return held;
  }
  const folder = scenariosFolder(where.dir, env);
  const files = folderFiles(folder, io);
  if (files === undefined) return { exitCode: 1 };
  const path = files.find((file) => basename(file, extname(file)) === arg);
  if (path !== undefined) return fromFile(path, folder.dir, io);
  const hint = nearest(arg, files.map((file) => basename(file, extname(file))));
  const place = `${where.url !== undefined ? `on ${where.url} or ` : ''}in ${shownPath(folder.dir)}`;
  io.err(`mahak: no scenario named ${arg} ${place}${hint ? `; did you mean ${hint}?` : ''} (mahak scenario list shows them; a file is run by its path)`);
  return { exitCode: 1 };
}

function fromFile(path: string, root: string | undefined, io: Io): Found {
  try {
    const { scenario, source } = readScenarioFile(path, root);
    return { scenario, source };
  } catch (error) {
    if (!(error instanceof ScenarioInvalid)) throw error;
    printInvalid(io, error.source, error.reasons);
    return { exitCode: 1 };
  }
}

/** The scenario the sandbox holds under this name; undefined when it holds none (404). */
async function heldBy(url: string, name: string, token: string | undefined, env: NodeJS.ProcessEnv, io: Io): Promise<Found | undefined> {
  const at = `${url}/_sandbox/scenarios/${name}`;
  let res: Response;
  try {
    res = await fetch(at, { headers: controlHeaders(token, env) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    io.err(`mahak: cannot reach ${at}${cause ? ` (${cause})` : ''}; is the sandbox running?`);
    return { exitCode: 1 };
  }
  if (res.status === 404) return undefined;
  if (!res.ok) {
    io.err(`mahak: ${at} answered ${res.status}: ${await res.text()}`);
    return { exitCode: 1 };
  }
  const { source } = (await res.json()) as { source: string };
  try {
    return { scenario: parseScenarioText(source, `${name} on ${url}`).scenario, source };
  } catch (error) {
    if (!(error instanceof ScenarioInvalid)) throw error;
    printInvalid(io, error.source, error.reasons);
    return { exitCode: 1 };
  }
}
