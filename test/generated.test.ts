// Generated files say what the code does: regenerate them with `npm run docs`.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { endpointIds } from '../src/providers/jibit/catalog.js';
import { errorFamilyEndpoints, generatedFiles } from '../scripts/generated-files.js';

test.each(generatedFiles().map((f) => [f.path, f.content]))('%s matches the code', (path, content) => {
  expect(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')).toBe(content);
});

test('the error-code scenarios cover every Jibit endpoint exactly once', () => {
  expect([...errorFamilyEndpoints()].sort()).toEqual([...endpointIds].sort());
});
