// Where the scenario commands find scenarios by folder (--dir, MAHAK_SCENARIOS, or the ones that
// come with Mahak), and how they show a file and a file's problems.
import { isAbsolute, relative } from 'node:path';
import { shippedScenariosDir } from '../instance.js';
import { scenarioFiles } from '../scenario-format.js';
import { scenariosFolderProblem } from './failures.js';
import type { Io } from './io.js';

export interface Folder {
  dir: string;
  /** What chose it, to name when it leads nowhere. */
  from: string;
}

export function scenariosFolder(flag: string | undefined, env: NodeJS.ProcessEnv): Folder {
  if (flag !== undefined) return { dir: flag, from: '--dir' };
  if (env.MAHAK_SCENARIOS) return { dir: env.MAHAK_SCENARIOS, from: 'MAHAK_SCENARIOS' };
  return { dir: shippedScenariosDir, from: 'the scenarios that come with Mahak' };
}

/** The folder's scenario files, or undefined once it has said on stderr why there are none. */
export function folderFiles(folder: Folder, io: Io): string[] | undefined {
  const problem = scenariosFolderProblem(folder.dir, folder.from);
  if (problem) {
    io.err(`mahak: ${problem}`);
    return undefined;
  }
  return scenarioFiles(folder.dir);
}

/** A path as short as it can be said: relative to the working folder when it is inside it. */
export function shownPath(path: string): string {
  const inside = relative(process.cwd(), path);
  return inside !== '' && !inside.startsWith('..') && !isAbsolute(inside) ? inside : path;
}

export function printInvalid(io: Io, path: string, reasons: readonly string[]): void {
  io.out(`FAIL  ${path}\n${reasons.map((r) => `        ${r}`).join('\n')}`);
}
