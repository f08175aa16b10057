// The dashboard in the browser (docs/dashboard.md): GET /_sandbox and the pages under
// /_sandbox/dashboard, server-rendered with htmx for the live parts. It reads and acts only
// through the control API (control.ts), and never names a provider: each draws its own panels.
import { Hono } from 'hono';
import type { AppEnv } from '../core/http.js';
import { registerAssets } from './assets.js';
import { registerClock } from './clock.js';
import { controlClient, type DashboardOptions } from './control.js';
import { registerHome } from './home.js';
import { registerJournal } from './journal.js';
import { registerOutbox } from './outbox.js';
import { registerProviderPanels } from './providers.js';
import { registerScenario } from './scenario.js';
import { sameOrigin } from '../sandbox/dashboard-session.js';
import { registerSignIn } from './sign-in.js';
import { registerTenantPage } from './tenant-page.js';

export type { DashboardOptions } from './control.js';

/** Mounted at /_sandbox, after the control auth: `adminToken` is the same the control API is locked with. */
export function createDashboard(options: DashboardOptions & { adminToken?: string | undefined }) {
  const app = new Hono<AppEnv>();
  const control = controlClient(options);
  // A change must come from a page of this sandbox, signed in or not: another site's form cannot drive it.
  // Only its own paths: a middleware on '*' here would run for the whole control API under /_sandbox.
  app.use('/dashboard/*', async (c, next) => {
    if (c.req.method === 'POST' && !/\/sign-(?:in|out)$/.test(c.req.path) && !sameOrigin(c)) {
      return c.html('<div class="notice error" role="alert">Refused: a dashboard action must come from a page of this sandbox (Origin or Sec-Fetch-Site)</div>', 403);
    }
    c.header('Cache-Control', 'no-store');
    return next();
  });
  registerAssets(app);
  registerSignIn(app, options.adminToken);
  registerHome(app, control, options);
  registerTenantPage(app, control, options);
  registerClock(app, control);
  registerScenario(app, control);
  registerJournal(app, control);
  registerOutbox(app, control);
  registerProviderPanels(app, control);
  return app;
}
