// Providers are plug-ins: core and the control API never import a provider, and the provider
// list names each provider once.
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

const layered = [...sourceFiles(join(src, 'core')), ...sourceFiles(join(src, 'sandbox'))];

test('no file under src/core or src/sandbox imports from src/providers', () => {
  const offending = layered.flatMap((file) =>
    specifiers(readFileSync(file, 'utf8'))
      .filter((spec) => spec.startsWith('.') && resolve(dirname(file), spec).startsWith(providersDir))
      .map((spec) => `${relative(src, file)} imports ${spec}`),
  );
  expect(offending).toEqual([]);
});

test('the import check sees an import of a provider', () => {
  const file = join(src, 'core', 'example.ts');
  const spec = specifiers("import { jibit } from '../providers/jibit/index.js';")[0]!;
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
