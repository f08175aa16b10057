// The Freepay payment gateway, mounted at /freepay in place of https://freepay.ir:
// request → gateway page → callback → verify.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../core/http.js';
import { journalCalls } from '../../core/journal-calls.js';
import { registerApi } from './routes/api.js';
import { registerGateway } from './routes/gateway.js';
import { registerPanel } from './routes/panel.js';

export const freepayBasePath = '/freepay';

export function createFreepayApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  app.use('*', journalCalls(deps, 'freepay', freepayBasePath));
  app.use('*', (c, next) => {
    c.set('deps', deps);
    return next();
  });
  registerApi(app);
  registerGateway(app);
  registerPanel(app);
  return app;
}
