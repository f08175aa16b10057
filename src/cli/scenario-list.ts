// `mahak scenario list`: each scenario's name, provider and file, then its whole description
// (a folder's files, or what a running sandbox holds).
import { readScenarioFile } from '../scenario-format.js';
import { ScenarioInvalid } from '../core/scenarios/parse.js';
import { help } from './help.js';
import { parse, UsageError } from './usage.js';
import { controlHeaders, reach, sandboxUrl } from './remote.js';
import { folderFiles, scenariosFolder, shownPath } from './scenario-folder.js';
import type { Io } from './io.js';

/** The description as written, its lines trimmed and indented under the heading. */
const described = (description: string) =>
  description
    .trim()
    .split('\n')
    .map((line) => `    ${line.trim()}`)
    .join('\n');

const heading = (name: string, provider: string, where: string) => `${name.padEnd(32)} ${provider.padEnd(8)} ${where}`;

export async function listCommand(args: string[], io: Io, env: NodeJS.ProcessEnv): Promise<number> {
  const { values } = parse(args, { url: { type: 'string' }, dir: { type: 'string' }, token: { type: 'string' } });
  if (values.help) return io.out(help.list), 0;
  if (values.url !== undefined && values.dir !== undefined) throw new UsageError('give --url or --dir, not both');
  if (values.url !== undefined) {
    const url = `${sandboxUrl(values.url, '--url')}/_sandbox/scenarios`;
    const res = await reach(url, io, { headers: controlHeaders(values.token, env) });
    if (!res) return 1;
    const body = (await res.json()) as { scenarios: { name: string; provider: string; origin: string; description: string }[] };
    for (const s of body.scenarios) io.out(`${heading(s.name, s.provider, s.origin === 'upload' ? '(uploaded)' : s.origin)}\n${described(s.description)}`);
    return 0;
  }
  const folder = scenariosFolder(values.dir, env);
  const files = folderFiles(folder, io);
  if (files === undefined) return 1;
  let failed = 0;
  for (const path of files) {
    try {
      const { scenario } = readScenarioFile(path, folder.dir);
      io.out(`${heading(scenario.name, scenario.provider, shownPath(path))}\n${described(scenario.description)}`);
    } catch (error) {
      if (!(error instanceof ScenarioInvalid)) throw error;
      failed++;
      io.out(`${shownPath(path)}  NOT VALID\n${error.reasons.map((r) => `    ${r}`).join('\n')}`);
    }
  }
  return failed > 0 ? 1 : 0;
}
