// `mahak scenario validate <file or folder…>`: one line per valid file, every problem of the others.
import { statSync } from 'node:fs';
import { readScenarioFile, scenarioFiles } from '../scenario-format.js';
import { ScenarioInvalid } from '../core/scenarios/parse.js';
import { help } from './help.js';
import { parse, UsageError } from './usage.js';
import { printInvalid } from './scenario-folder.js';
import type { Io } from './io.js';

export const count = (n: number, what: string) => `${n} ${what}${n === 1 ? '' : 's'}`;

const isFolder = (path: string) => statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;

export function validateCommand(args: string[], io: Io): number {
  const { values, positionals } = parse(args, {}, true);
  if (values.help) return io.out(help.validate), 0;
  if (positionals.length === 0) throw new UsageError('scenario validate needs at least one file');
  // A folder is checked as serve loads it: each file, in its provider's folder.
  const files = positionals.flatMap((arg): { path: string; root: string | undefined }[] => (isFolder(arg) ? scenarioFiles(arg).map((path) => ({ path, root: arg })) : [{ path: arg, root: undefined }]));
  let failed = 0;
  for (const { path, root } of files) {
    try {
      const { scenario } = readScenarioFile(path, root);
      io.out(`ok    ${path}  (${scenario.name}: ${scenario.provider}, ${count(scenario.rules.length, 'rule')}, ${count(scenario.steps.length, 'step')})`);
    } catch (error) {
      if (!(error instanceof ScenarioInvalid)) throw error;
      failed++;
      printInvalid(io, path, error.reasons);
    }
  }
  if (files.length > 1) io.out(`${files.length - failed} valid, ${failed} not valid`);
  return failed > 0 ? 1 : 0;
}
