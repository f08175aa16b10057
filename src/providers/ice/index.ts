// ICE credit-report consent, mounted at /ice: a business's panel API (sign-up, login, legal
// review, wallet, report requests, dashboard), the person's consent page and the bank pages
// (spec ../shared/spec/ice.md §8). Its routes, and the provider the sandbox mounts.
import { iceMalformedAnswer } from './malformed.js';
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../core/http.js';
import type { Provider } from '../../core/provider.js';
import { journalCalls } from '../../core/journal-calls.js';
import { limitBody } from '../../core/body-limit.js';
import { documentedIceCode, iceEndpointIds, iceEndpoints, type IceEndpointId } from './catalog.js';
import { IceError } from './errors.js';
import { asIceError, iceErrorResponse } from './error-response.js';
import { iceBodyBytes, iceBodyRefused } from './pipeline.js';
import { catchUpIce } from './catch-up.js';
import { registerIceControl } from './control.js';
import { IceSettingsPatch } from './settings.js';
import { applyIceSettings, iceSettingsPatchRefusal } from './settings-apply.js';
import { giveMissingIceBusinesses, iceTenancy } from './tenancy.js';
import { iceTestValues } from './test-values.js';
import { registerLogin } from './routes/login.js';
import { registerWallet } from './routes/wallet.js';
import { registerReports } from './routes/reports.js';
import { registerDashboard } from './routes/dashboard.js';
import { registerCharges } from './routes/charges.js';
import { registerBankPages } from './bank/routes.js';
import { registerRegistration } from './routes/registration.js';
import { registerPasswordReset } from './routes/password-reset.js';
import { registerAccount } from './routes/account.js';
import { registerLegal } from './routes/legal.js';
import { registerConsentPage } from './consent/routes.js';
import { registerApiAccess } from './api-access/routes.js';
import { registerApiToken } from './api-access/token-route.js';
import { bindIceWebhooks } from './webhooks.js';
import { iceDashboard } from './dashboard.js';

export const iceBasePath = '/ice';

/** Routes that read their own body under their own limit (multipart uploads). */
const ownBodyLimit = new Set(['/ice/api/v1/account/legal']);
/** Pages that read their form under the limit themselves, so a form past it is answered as a page. */
const ownsBody = (path: string) => ownBodyLimit.has(path) || path.startsWith('/ice/bank/') || path.startsWith('/ice/c/');

export function createIceApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  const limit = limitBody(() => iceBodyBytes, iceBodyRefused);
  app.use('*', (c, next) => (ownsBody(c.req.path) ? next() : limit(c, next)));
  app.use('*', journalCalls(deps, 'ice', iceBasePath));
  app.use('*', (c, next) => {
    c.set('deps', deps);
    return next();
  });
  registerLogin(app);
  registerWallet(app);
  registerReports(app);
  registerDashboard(app);
  registerCharges(app);
  registerBankPages(app);
  registerRegistration(app);
  registerPasswordReset(app);
  registerAccount(app);
  registerLegal(app);
  registerConsentPage(app);
  registerApiAccess(app);
  registerApiToken(app);
  bindIceWebhooks(deps);
  return app;
}

export const ice: Provider = {
  id: 'ice',
  dashboard: iceDashboard,
  basePath: iceBasePath,
  endpointIds: iceEndpointIds,
  documentedCode: documentedIceCode,
  documentedCodes: (id) => iceEndpoints[id as IceEndpointId] ?? [],
  settings: {
    schema: IceSettingsPatch,
    setupDescription: 'As PATCH /_sandbox/tenants/{id}/ice: prices, consent and viewing lifetimes, the legal review, SMS codes, charge limits',
    refusal: (deps, tenantId, patch) => iceSettingsPatchRefusal(deps.db, tenantId, patch as IceSettingsPatch),
    apply: (deps, tenantId, patch) => void applyIceSettings(deps.db, tenantId, patch as IceSettingsPatch),
  },
  tenancy: iceTenancy,
  testValues: iceTestValues,
  prepare: giveMissingIceBusinesses,
  catchUp: catchUpIce,
  registerControl: registerIceControl,
  createApp: createIceApp,
  errorResponse: (c, error) => iceErrorResponse(c, asIceError(error)),
  notFoundResponse: (c) => iceErrorResponse(c, new IceError('notFound')),
  malformedRequest: iceMalformedAnswer,
};
