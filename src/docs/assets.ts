// The reference page's files: Swagger UI's from the installed swagger-ui-dist package (found by
// name at run time, so the built package and a bundle find it too) and the page's own two.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { installedPackage } from '../package-root.js';
import { docsScript, docsStyle } from './client.js';

export interface Asset {
  body: Uint8Array | string;
  type: string;
  /** Swagger UI's files never change under their versioned address; the page's own may. */
  cacheControl: string;
}

/** Only these names are served: a path never reaches the file system from the request. */
const packageFiles: Record<string, string> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
  'favicon-16x16.png': 'image/png',
};

const ownFiles: Record<string, Asset> = {
  'docs.js': { body: docsScript, type: 'text/javascript; charset=utf-8', cacheControl: 'no-cache' },
  'docs.css': { body: docsStyle, type: 'text/css; charset=utf-8', cacheControl: 'no-cache' },
};

/** swagger-ui-dist's folder and version. */
const swaggerUi = () => installedPackage('swagger-ui-dist');

/** Where the page links a file: Swagger UI's under its version, so a new version is a new address. */
export function assetPath(name: string): string {
  return name in ownFiles ? `/docs/assets/${name}` : `/docs/assets/${swaggerUi().version}/${name}`;
}

const loaded = new Map<string, Asset>();

/** The asset at /docs/assets/<version>/<name> (version undefined for the page's own), or undefined. */
export function asset(version: string | undefined, name: string): Asset | undefined {
  if (version === undefined) return Object.hasOwn(ownFiles, name) ? ownFiles[name] : undefined;
  if (!Object.hasOwn(packageFiles, name) || version !== swaggerUi().version) return undefined;
  let file = loaded.get(name);
  if (!file) {
    file = { body: readFileSync(join(swaggerUi().root, name)), type: packageFiles[name]!, cacheControl: 'public, max-age=31536000, immutable' };
    loaded.set(name, file);
  }
  return file;
}
