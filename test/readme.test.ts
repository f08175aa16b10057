// The generated tables of the README and of its reference pages in docs/ say what the code does:
// regenerate them with `npm run docs`.
import { readFileSync } from 'node:fs';
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

/** The fenced yaml block that follows a heading of the README. */
function yamlAfter(heading: string): string {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const from = readme.indexOf(heading);
  expect(from).toBeGreaterThan(0);
  const block = /```yaml\n([\s\S]*?)```/.exec(readme.slice(from));
  return block![1]!;
}

test("README.md's rule examples and step examples are valid scenario parts", () => {
  const header = 'name: readme-examples\nprovider: jibit\ndescription: The README examples.\n';
  const { scenario } = parseScenarioText(header + yamlAfter('### Rules: one example per kind'), 'README rules');
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
  const steps = parseScenarioText(header + yamlAfter('### Steps'), 'README steps').scenario.steps;
  expect(steps.map((s) => s.name)).toEqual(['get a token', 'the third call is refused', 'the webhook has arrived', 'midnight in Tehran']);
  expect(steps[2]!.retryForMs).toBe(5000);
  const deliveries = parseScenarioText(header + yamlAfter('### Delivery faults: `deliveries`'), 'README deliveries').scenario.deliveries;
  expect(deliveries.map((d) => d.fault)).toEqual(['duplicate', 'out-of-order', 'bad-signature', 'endpoint-down']);
});
