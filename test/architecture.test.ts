// Providers are plug-ins: core, the control API, the shared pages (src/web), the dashboard and
// the API reference (src/docs) never import a provider, and the provider list names each provider once.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { providers } from '../src/providers/index.js';

const src = resolve(dirname(fileURLToPath(import.meta.url)), '../src');
const providersDir = join(src, 'providers');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Every module a file imports or re-exports (static and dynamic), as written. */
function specifiers(text: string): string[] {
  const found = text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g);
  return [...found].map((m) => m[1]!);
}

const layeredDirs = ['core', 'sandbox', 'web', 'dashboard', 'docs'];
const layered = layeredDirs.flatMap((dir) => sourceFiles(join(src, dir)));

test('no file under src/core, src/sandbox, src/web, src/dashboard or src/docs imports from src/providers', () => {
  // Each folder is really read: a missing one would make the check pass on nothing.
  for (const dir of layeredDirs) expect(layered.some((file) => file.startsWith(join(src, dir, '/')))).toBe(true);
  const offending = layered.flatMap((file) =>
    specifiers(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.') && resolve(dirname(file), spec).startsWith(providersDir))
      .map((spec) => `${relative(src, file)} imports ${spec}`),
  );
  expect(offending).toEqual([]);
});

test.each([
  ['core', 'example.ts', "import { jibit } from '../providers/jibit/index.js';"],
  ['web', 'example.tsx', "export { testCards } from '../providers/freepay/catalog.js';"],
])('the import check sees an import of a provider from src/%s', (dir, name, line) => {
  const file = join(src, dir, name);
  const spec = specifiers(line)[0]!;
  expect(resolve(dirname(file), spec).startsWith(providersDir)).toBe(true);
});

test('the provider list holds each provider once, with distinct ids and base paths', () => {
  expect(providers.length).toBeGreaterThan(0);
  expect(new Set(providers).size).toBe(providers.length);
  expect(new Set(providers.map((p) => p.id)).size).toBe(providers.length);
  expect(new Set(providers.map((p) => p.basePath)).size).toBe(providers.length);
  // No base path inside another's: a request belongs to one provider only.
  for (const a of providers) {
    for (const b of providers) if (a !== b) expect(a.basePath.startsWith(`${b.basePath}/`)).toBe(false);
  }
});
