// Where Mahak's own package.json sits, for the files it ships beside the code (drizzle/,
// fixtures/, scenarios/): found by walking up from this module, so the same answer comes from
// the sources, tsc's dist/ tree and the single-file bundle, which all sit at different depths.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  root: string;
  version: string;
}

let found: PackageInfo | undefined;

/** The nearest package.json above this module named mahak; undefined only in a copy torn from its package. */
export function mahakPackage(): PackageInfo | undefined {
  if (found) return found;
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const path = join(dir, 'package.json');
    if (existsSync(path)) {
      const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'mahak') return (found = { root: dir, version: pkg.version ?? 'unknown' });
    }
    if (dirname(dir) === dir) return undefined;
  }
}

/** Mahak's version, as `mahak --version` and /openapi.json say it. */
export const mahakVersion = (): string => mahakPackage()?.version ?? 'unknown';

/** A path inside Mahak's package, e.g. packagePath('drizzle'). */
export function packagePath(...parts: string[]): string {
  const info = mahakPackage();
  if (!info) throw new Error(`Mahak's package.json was not found above ${fileURLToPath(import.meta.url)}`);
  return join(info.root, ...parts);
}

const dependencies = new Map<string, PackageInfo>();

/**
 * A package Mahak depends on whose files it serves (a font, a script), found by name at run time,
 * never by a path relative to a module: the sources, tsc's tree and the bundle sit at different
 * depths, and a bundle must leave such a package outside itself. Looked up once.
 */
export function installedPackage(name: string): PackageInfo {
  let info = dependencies.get(name);
  if (!info) {
    const manifest = createRequire(import.meta.url).resolve(`${name}/package.json`);
    const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
    dependencies.set(name, (info = { root: dirname(manifest), version }));
  }
  return info;
}
