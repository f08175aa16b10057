// The bundle step of `npm run build`, after tsc: the mahak command and `npm start`'s entry
// as a few ES modules in dist/bundle/, so a start reads a handful of files instead of the
// several hundred tsc writes, which cost most of a second of module loading.
// tsc's dist/ stays as it is: it is the library entry, its declarations and the fallback.
import { rmSync } from 'node:fs';
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
    legalComments: 'none',
    logLevel: 'warning',
    metafile: true,
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
