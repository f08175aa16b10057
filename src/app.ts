// createApp(deps): mounts every provider of deps.providers, the control API, the OpenAPI document and its reference page.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { AppDeps, AppEnv } from './core/http.js';
import { providerOfPath } from './core/provider.js';
import { createSandboxApi, sandboxBasePath } from './sandbox/index.js';
import { SandboxError } from './sandbox/errors.js';
import { registerHealth } from './core/health.js';
import { registerFonts } from './web/fonts.js';
import { controlAuth } from './sandbox/control-auth.js';
import { controlBodyLimit } from './sandbox/body-limit.js';
import { createDashboard } from './dashboard/index.js';
import { dashboardRefusal } from './dashboard/refusal.js';
import { docsPath, registerDocs } from './docs/index.js';

export interface AppOptions {
  /** Locks the control API: every /_sandbox route then needs it, or a tenant's control token. */
  adminToken?: string;
}

export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = new OpenAPIHono<AppEnv>();
  // The Jibit pipeline sets deps itself: one middleware fewer on the provider's hot path.
  app.use('/_sandbox/*', (c, next) => {
    c.set('deps', deps);
    return next();
  });
  // A refusal on the dashboard's own paths is its sign-in page, not JSON.
  app.use('/_sandbox/*', controlAuth(options.adminToken, dashboardRefusal));
  // Bodies past their route's limit are refused before they are read (README "Limits"); each
  // provider applies its own limit itself.
  app.use('/_sandbox/*', controlBodyLimit);
  for (const provider of deps.providers) app.route(provider.basePath, provider.createApp(deps));
  app.route(sandboxBasePath, createSandboxApi(deps.providers));
  // The dashboard acts through the control API, by handing requests to this same app.
  app.route(sandboxBasePath, createDashboard({ adminToken: options.adminToken, locked: options.adminToken !== undefined, dispatch: (request) => app.fetch(request) }));
  registerHealth(app, deps);
  // The pages' font, one address for every provider's pages.
  registerFonts(app);

  registerDocs(app, deps);
  app.get('/', (c) =>
    c.json({
      name: 'Mahak',
      providers: Object.fromEntries(deps.providers.map((p) => [p.id, p.basePath])),
      controlApi: sandboxBasePath,
      openapi: '/openapi.json',
      docs: docsPath,
    }),
  );

  app.notFound((c) => {
    // A provider answers for its own paths, in its own error shape.
    const provider = providerOfPath(deps.providers, c.req.path);
    if (provider) return provider.notFoundResponse(c);
    return c.json({ error: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` }, 404);
  });
  app.onError((error, c) => {
    const provider = providerOfPath(deps.providers, c.req.path);
    if (provider) return provider.errorResponse(c, error);
    if (error instanceof SandboxError) return c.json(error.body, error.status);
    if (error instanceof HTTPException && error.status === 415) {
      return c.json({ error: 'unsupported_media_type', message: 'send the body as JSON with Content-Type: application/json' }, 415);
    }
    if (error instanceof HTTPException && error.status < 500) {
      return c.json({ error: 'bad_request', message: error.message }, error.status);
    }
    console.error(error);
    return c.json({ error: 'internal', message: 'unexpected error; see the server log' }, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
