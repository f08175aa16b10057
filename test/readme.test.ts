// The generated tables of the README and of its reference pages in docs/ say what the code does:
// regenerate them with `npm run docs`.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import { expect, test } from 'vitest';
import { docFiles, renderDoc, renderDocFiles } from '../scripts/docs-sections.js';
import { parseScenarioText } from '../src/scenario-format.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

test.each(docFiles.map((path) => [path]))("%s's generated tables match the code", (path) => {
  expect(read(path)).toBe(renderDoc(read(path)));
});

test('each generated table sits in exactly one document, and a table left out is an error', () => {
  expect(renderDocFiles(read).map((f) => f.path)).toEqual([...docFiles]);
  const withoutTestValues = (path: string) => (path === 'docs/jibit.md' ? read(path).replace(/<!-- test-values:start -->[\s\S]*<!-- test-values:end -->/, '') : read(path));
  expect(() => renderDocFiles(withoutTestValues)).toThrow('the generated section test-values must appear once in README.md, docs/jibit.md, docs/freepay.md, docs/ice.md; found in: none');
  const twice = (path: string) => (path === 'README.md' ? `${read(path)}\n<!-- ice-bands:start -->\n<!-- ice-bands:end -->\n` : read(path));
  expect(() => renderDocFiles(twice)).toThrow('found in: README.md, docs/ice.md');
});

test("the README links every reference page that holds generated tables, and each links back", () => {
  const readme = read('README.md');
  for (const path of docFiles.slice(1)) {
    expect(readme).toContain(`](${path}`);
    expect(read(path)).toContain('](../README.md');
  }
});

test('README.md gives the two set-up commands', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain('npm install && npm start');
  expect(readme).toContain('npm test');
});

/** The fenced yaml block that follows a heading of docs/scenarios.md. */
function yamlAfter(heading: string): string {
  const text = read('docs/scenarios.md');
  const from = text.indexOf(`\n${heading}\n`);
  expect(from).toBeGreaterThan(0);
  const block = /```yaml\n([\s\S]*?)```/.exec(text.slice(from));
  return block![1]!;
}

test("the scenario format's rule, step and delivery examples are valid scenario parts", () => {
  const header = 'name: readme-examples\nprovider: jibit\ndescription: The README examples.\n';
  const { scenario } = parseScenarioText(header + yamlAfter('## Rules: one example per kind'), 'README rules');
  expect(scenario.rules.map((r) => Object.keys(r.then).sort().join('+'))).toEqual([
    'error',
    'error+message',
    'error',
    'error',
    'body+headers+status',
    'delayMs',
    'delayMs+error',
    'fault',
    'fault+hangMs',
    'fault',
    'fault+status',
  ]);
  const steps = parseScenarioText(header + yamlAfter('## Steps'), 'README steps').scenario.steps;
  expect(steps.map((s) => s.name)).toEqual(['get a token', 'the third call is refused', 'the webhook has arrived', 'midnight in Tehran']);
  expect(steps[2]!.retryForMs).toBe(5000);
  const deliveries = parseScenarioText(header + yamlAfter('## Delivery faults: `deliveries`'), 'README deliveries').scenario.deliveries;
  expect(deliveries.map((d) => d.fault)).toEqual(['duplicate', 'out-of-order', 'bad-signature', 'endpoint-down']);
});

/** A heading's anchor as GitHub makes it: lower case, punctuation but `-` and `_` dropped, spaces as `-`. */
const anchorOf = (heading: string) => heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').replace(/ /g, '-');

/** The `##`/`###` headings of a Markdown text, outside code blocks. */
function headings(text: string): { level: number; title: string }[] {
  let fenced = false;
  return text.split('\n').flatMap((line) => {
    if (line.startsWith('```')) fenced = !fenced;
    const m = fenced ? null : /^(#{1,4}) (.*)$/.exec(line);
    return m ? [{ level: m[1]!.length, title: m[2]! }] : [];
  });
}

test('the contents list every section of the README in order, each link reaching its heading', () => {
  const readme = read('README.md');
  const contents = readme.slice(readme.indexOf('## Contents\n'), readme.indexOf('\n## ', readme.indexOf('## Contents\n') + 1));
  const listed = [...contents.matchAll(/^- \[(.*)\]\(#(.*)\)$/gm)].map((m) => ({ title: m[1]!, anchor: m[2]! }));
  const sections = headings(readme).filter((h) => h.level === 2 && !['Quick start', 'Contents'].includes(h.title));
  expect(listed.map((l) => l.anchor)).toEqual(sections.map((h) => anchorOf(h.title)));
  expect(listed.map((l) => l.title)).toEqual(sections.map((h) => h.title));
});

test('every link of the README and of docs/ to a section or a file reaches it', () => {
  const files = ['README.md', ...readdirSync(new URL('../docs/', import.meta.url)).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  const broken: string[] = [];
  for (const file of files) {
    for (const [, target] of read(file).matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^[a-z]+:/.test(target!)) continue;
      const [path, hash] = target!.split('#') as [string, string | undefined];
      const resolved = path === '' ? file : posix.normalize(posix.join(posix.dirname(file), path));
      if (!existsSync(new URL(`../${resolved}`, import.meta.url))) {
        broken.push(`${file}: ${target} (no such file)`);
        continue;
      }
      if (hash !== undefined && resolved.endsWith('.md') && !headings(read(resolved)).some((h) => anchorOf(h.title) === hash)) broken.push(`${file}: ${target} (no such heading)`);
    }
  }
  expect(broken).toEqual([]);
});
