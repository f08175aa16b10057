// The bundle step of `npm run build`, after tsc: the mahak command and `npm start`'s entry
// as a few ES modules in dist/bundle/, so a start reads a handful of files instead of the
// several hundred tsc writes, which cost most of a second of module loading.
// tsc's dist/ stays as it is: it is the library entry, its declarations and the fallback.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
export const bundleDir = join(root, 'dist', 'bundle');

/**
 * Left to node_modules at run time: better-sqlite3 is native; the pages serve files of
 * swagger-ui-dist, htmx.org and vazirmatn found by package name; faker is loaded on first
 * use (core/world/faker.ts), which a bundled copy would turn into start-up work.
 */
export const external = ['better-sqlite3', 'swagger-ui-dist', 'htmx.org', 'vazirmatn', '@faker-js/faker'];

/** A hash of what the bundle is made from: every source file, package.json and the lock file. */
export function sourcesHash(): string {
  const hash = createHash('sha256');
  const files = readdirSync(join(root, 'src'), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
  for (const path of [...files, join(root, 'package.json'), join(root, 'package-lock.json')]) {
    hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

export async function bundle(): Promise<string[]> {
  rmSync(bundleDir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: { mahak: 'src/cli/bin.ts', main: 'src/main.ts' },
    outdir: bundleDir,
    outExtension: { '.js': '.mjs' },
    // Each command stays its own chunk, loaded when it runs, so --help reads a few kilobytes.
    splitting: true,
    chunkNames: '[name]-[hash]',
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external,
    keepNames: true,
    // Less text for V8 to compile at each start (about a tenth of the start's CPU time); names
    // are kept, so a logged stack trace still names its functions.
    minifyWhitespace: true,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
    // core/build-id.ts: the same sources make the same id, so a rebuild of unchanged code is the same build.
    define: { MAHAK_BUILD_ID: JSON.stringify(sourcesHash()) },
    // The CommonJS packages bundled in call require() for Node's own modules.
    banner: { js: "import { createRequire as __mahakCreateRequire } from 'node:module'; const require = __mahakCreateRequire(import.meta.url);" },
  });
  return Object.keys(result.metafile.outputs).map((path) => relative(root, join(root, path)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = performance.now();
  const files = await bundle();
  console.log(`bundled the mahak command into ${files.length} files in ${relative(root, bundleDir)}/ (${Math.round(performance.now() - started)} ms)`);
}
