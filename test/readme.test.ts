// The README's generated tables say what the code does: regenerate with `npm run docs`.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderReadme } from '../scripts/docs-sections.js';

test('README.md test-values and status tables match the code', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toBe(renderReadme(readme));
});

test('README.md gives the two set-up commands', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  expect(readme).toContain('npm install && npm start');
  expect(readme).toContain('npm test');
});
