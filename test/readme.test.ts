// The README's generated tables say what the code does: regenerate with `npm run docs`.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderReadme } from '../scripts/docs-sections.js';
import { parseScenarioText } from '../src/scenario-format.js';

test('README.md test-values and status tables match the code', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toBe(renderReadme(readme));
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
