// createApp(deps): mounts every provider, the control API and the OpenAPI document.
import { OpenAPIHono } from '@hono/zod-openapi';
import { HTTPException } from 'hono/http-exception';
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from './core/http.js';
import { createJibitApp, jibitBasePath } from './providers/jibit/index.js';
import { JibitError, renderJibitError } from './providers/jibit/errors.js';
import { createSandboxApi, sandboxBasePath } from './sandbox/index.js';
import { createFreepayApp, freepayBasePath } from './providers/freepay/index.js';
import { FreepayError } from './providers/freepay/errors.js';
import { SandboxError } from './sandbox/errors.js';
import { registerHealth } from './core/health.js';
import { controlAuth } from './sandbox/control-auth.js';
import { controlBodyLimit } from './sandbox/body-limit.js';

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
  app.use('/_sandbox/*', controlAuth(options.adminToken));
  // Bodies past their route's limit are refused before they are read (README "Limits"); each
  // provider applies its own limit itself.
  app.use('/_sandbox/*', controlBodyLimit);
  app.route(jibitBasePath, createJibitApp(deps));
  app.route(freepayBasePath, createFreepayApp(deps));
  app.route(sandboxBasePath, createSandboxApi());
  registerHealth(app, deps);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
  app.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Mahak sandbox',
      version: '0.1.0',
      description: 'Sandbox of the Jibit inquiry API (under /jibit/ide), the Freepay payment gateway (under /freepay) and the control API (under /_sandbox).',
    },
  });
  app.get('/', (c) =>
    c.json({ name: 'Mahak', providers: { jibit: jibitBasePath, freepay: freepayBasePath }, controlApi: sandboxBasePath, openapi: '/openapi.json' }),
  );

  app.notFound((c) => {
    if (isJibit(c)) return jibitErrorResponse(c, new JibitError('handler.not_found'));
    if (isFreepay(c)) return freepayErrorResponse(c, new FreepayError('notFound'));
    return c.json({ error: 'not_found', message: `no route for ${c.req.method} ${c.req.path}` }, 404);
  });
  app.onError((error, c) => {
    if (isJibit(c)) return jibitErrorResponse(c, asJibitError(error));
    if (isFreepay(c)) return freepayErrorResponse(c, asFreepayError(error));
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

const isFreepay = (c: Context) => c.req.path === freepayBasePath || c.req.path.startsWith(`${freepayBasePath}/`);

function asFreepayError(error: Error): FreepayError {
  if (error instanceof FreepayError) return error;
  if (error instanceof HTTPException && error.status < 500) return new FreepayError('invalidInput');
  console.error(error);
  return new FreepayError('serviceUnavailable');
}

function freepayErrorResponse(c: Context<AppEnv>, error: FreepayError) {
  const body = error.body;
  c.set('answerBody', body);
  c.set('answerCode', String(body.status));
  return c.json(body, error.http as 400);
}

const isJibit = (c: Context) => c.req.path === jibitBasePath || c.req.path.startsWith(`${jibitBasePath}/`);

function asJibitError(error: Error): JibitError {
  if (error instanceof JibitError) return error;
  // Unreadable or wrongly typed bodies rejected by the validators before any schema ran.
  if (error instanceof HTTPException && error.status < 500) return new JibitError('invalid.request_body');
  console.error(error);
  return new JibitError('server.error');
}

function jibitErrorResponse(c: Context<AppEnv>, error: JibitError) {
  const { status, body } = renderJibitError(c.get('endpointId'), error);
  c.set('answerBody', body);
  c.set('answerCode', body.code);
  return c.json(body, status as 400);
}
