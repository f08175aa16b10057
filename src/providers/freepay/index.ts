// The Freepay payment gateway, mounted at /freepay in place of https://freepay.ir:
// request → gateway page → callback → verify.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../core/http.js';
import { journalCalls } from '../../core/journal-calls.js';
import { limitBody } from '../../core/body-limit.js';
import { freepayBodyBytes, freepayBodyRefused } from './pipeline.js';
import { registerApi } from './routes/api.js';
import { gatewayPrefix, registerGateway } from './routes/gateway.js';
import { registerPanel } from './routes/panel.js';

export const freepayBasePath = '/freepay';

export function createFreepayApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  // Bodies past the limit are refused before they are read (README "Limits"). The payment page
  // reads its own form under the same limit and answers with a page, as a browser expects.
  const limit = limitBody(() => freepayBodyBytes, freepayBodyRefused);
  const pagePrefix = `${freepayBasePath}/payment/${gatewayPrefix}`;
  app.use('*', (c, next) => (c.req.path.startsWith(pagePrefix) ? next() : limit(c, next)));
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
