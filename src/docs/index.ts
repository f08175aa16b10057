// GET /docs: the interactive API reference (Swagger UI from the installed package, no network)
// over GET /openapi.json, which is registered here too.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../core/http.js';
import { asset } from './assets.js';
import { registerOpenApi } from './openapi.js';
import { docsCsp, docsPage } from './page.js';

export const docsPath = '/docs';

export function registerDocs(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  registerOpenApi(app, deps);
  const page = (c: Context) =>
    c.html(docsPage(), 200, { 'content-security-policy': docsCsp, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
  app.get(docsPath, page);
  app.get(`${docsPath}/`, page);
  const serve = (c: Context, version: string | undefined, name: string) => {
    const found = asset(version, name);
    if (!found) return c.json({ error: 'not_found', message: `no asset ${c.req.path}; the page at ${docsPath} links every one there is` }, 404);
    return c.body(found.body as Uint8Array<ArrayBuffer> | string, 200, {
      'content-type': found.type,
      'cache-control': found.cacheControl,
      'x-content-type-options': 'nosniff',
    });
  };
  app.get(`${docsPath}/assets/:name`, (c) => serve(c, undefined, c.req.param('name')));
  app.get(`${docsPath}/assets/:version/:name`, (c) => serve(c, c.req.param('version'), c.req.param('name')));
}
