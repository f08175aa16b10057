// The dashboard's script and style. htmx comes from the installed htmx.org package, found at run
// time (the server may be bundled, so never by a path relative to this file) and read once: the
// dashboard works offline and nothing of it is copied into the repository.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import type { AppEnv } from '../core/http.js';
import { installedPackage } from '../package-root.js';
import { dashboardCss, dashboardJs } from './style.js';

let htmx: string | undefined;

/** htmx.min.js from the package the sandbox depends on. */
export function htmxScript(): string {
  if (htmx === undefined) {
    htmx = readFileSync(join(installedPackage('htmx.org').root, 'dist', 'htmx.min.js'), 'utf8');
  }
  return htmx;
}

const assets: Record<string, { type: string; text: () => string }> = {
  'htmx.min.js': { type: 'text/javascript; charset=utf-8', text: htmxScript },
  'dashboard.css': { type: 'text/css; charset=utf-8', text: () => dashboardCss },
  'dashboard.js': { type: 'text/javascript; charset=utf-8', text: () => dashboardJs },
};

export function registerAssets(app: Hono<AppEnv>) {
  app.get('/dashboard/assets/:name', (c) => {
    const asset = assets[c.req.param('name')];
    if (!asset) return c.json({ error: 'not_found', message: `no dashboard asset ${c.req.param('name')}; there are ${Object.keys(assets).join(', ')}` }, 404);
    c.header('Content-Type', asset.type);
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(asset.text());
  });
}
