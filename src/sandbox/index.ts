// The /_sandbox control API: tenants, clocks, scenarios, journal, outbox, webhooks and test values, then
// each provider's own control routes. Provider APIs never depend on it; it only changes state.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../core/http.js';
import type { Provider } from '../core/provider.js';
import { sandboxHook } from './errors.js';
import { registerTenantCreate } from './routes/tenant-create.js';
import { registerTenantGet } from './routes/tenant-get.js';
import { registerTenantList } from './routes/tenant-list.js';
import { registerTenantDelete } from './routes/tenant-delete.js';
import { registerTenantClock } from './routes/tenant-clock.js';
import { registerTenantOutbox } from './routes/tenant-outbox.js';
import { registerTestValues } from './routes/test-values.js';
import { registerTenantJournal } from './routes/tenant-journal.js';
import { registerTenantReset } from './routes/tenant-reset.js';
import { registerTenantJournalVerify } from './routes/tenant-journal-verify.js';
import { registerScenarios } from './routes/scenarios.js';
import { registerWebhookEndpoint } from './routes/webhook-endpoint.js';
import { registerWebhookEvents } from './routes/webhook-events.js';
import { registerWebhookInbox } from './routes/webhook-inbox.js';
import { accessOf } from './control-auth.js';

export const sandboxBasePath = '/_sandbox';

export function createSandboxApi(providers: readonly Provider[]) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: sandboxHook });
  registerTenantCreate(app, providers);
  registerTenantList(app);
  registerTenantGet(app);
  registerTenantDelete(app);
  registerTenantClock(app);
  registerTenantOutbox(app);
  registerTestValues(app);
  registerTenantJournal(app);
  registerTenantReset(app);
  registerTenantJournalVerify(app);
  registerScenarios(app);
  registerWebhookEndpoint(app);
  registerWebhookEvents(app);
  registerWebhookInbox(app);
  for (const provider of providers) provider.registerControl(app);
  describeControlToken(app);
  return app;
}

/** The OpenAPI document names the token on every route that takes one: optional, as only a locked sandbox asks for it. */
function describeControlToken(app: OpenAPIHono<AppEnv>) {
  app.openAPIRegistry.registerComponent('securitySchemes', 'controlToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'The admin token (MAHAK_ADMIN_TOKEN), or a tenant control token for its own /_sandbox/tenants/{id} routes; needed only when an admin token is set',
  });
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type !== 'route') continue;
    const { route } = definition;
    if (accessOf(route.method.toUpperCase(), `${sandboxBasePath}${route.path}`).kind !== 'public') route.security = [{ controlToken: [] }, {}];
  }
}
