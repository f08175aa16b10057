// The Freepay payment gateway, mounted at /freepay in place of https://freepay.ir:
// request → gateway page → callback → verify. Its routes, and the provider the sandbox mounts.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../core/http.js';
import type { Provider } from '../../core/provider.js';
import { documentedFreepayCode, freepayEndpointIds, freepayEndpoints, type FreepayEndpointId } from './catalog.js';
import { FreepayError } from './errors.js';
import { freepayMalformedAnswer } from './malformed.js';
import { asFreepayError, freepayErrorResponse } from './error-response.js';
import { FreepayMerchantPatch, applyFreepaySettings, freepaySettingsRefusal } from './merchant.js';
import { catchUpFreepay } from './money.js';
import { freepayTenancy, giveMissingFreepayKeys } from './tenancy.js';
import { freepayTestValues } from './test-values.js';
import { registerFreepayControl } from './control.js';
import { journalCalls } from '../../core/journal-calls.js';
import { limitBody } from '../../core/body-limit.js';
import { freepayBodyBytes, freepayBodyRefused } from './pipeline.js';
import { registerApi } from './routes/api.js';
import { gatewayPrefix, registerGateway } from './routes/gateway.js';
import { registerPanel } from './routes/panel.js';
import { documentsPath } from './accounts/index.js';
import { freepayDashboard } from './dashboard.js';

export const freepayBasePath = '/freepay';

export function createFreepayApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();
  // Bodies past the limit are refused before they are read (README "Limits"). The payment page
  // reads its own form under the same limit and answers with a page, as a browser expects.
  const limit = limitBody(() => freepayBodyBytes, freepayBodyRefused);
  const pagePrefix = `${freepayBasePath}/payment/${gatewayPrefix}`;
  // The identity document's upload reads its multipart body under its own, larger limit (accounts/documents.ts).
  const uploadPath = `${freepayBasePath}${documentsPath}`;
  app.use('*', (c, next) => (c.req.path.startsWith(pagePrefix) || c.req.path === uploadPath ? next() : limit(c, next)));
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

export const freepay: Provider = {
  id: 'freepay',
  dashboard: freepayDashboard,
  basePath: freepayBasePath,
  endpointIds: freepayEndpointIds,
  // Codes by name (amountMismatch) or status number (-12).
  documentedCode: documentedFreepayCode,
  documentedCodes: (id) => freepayEndpoints[id as FreepayEndpointId] ?? [],
  settings: {
    schema: FreepayMerchantPatch,
    setupDescription: 'As PATCH /_sandbox/tenants/{id}/freepay: sites, status, amount limits, authority lifetime',
    refusal: (deps, tenantId, patch) => freepaySettingsRefusal(deps, tenantId, patch as FreepayMerchantPatch),
    apply: (deps, tenantId, patch) => void applyFreepaySettings(deps, tenantId, patch as FreepayMerchantPatch),
  },
  tenancy: freepayTenancy,
  testValues: freepayTestValues,
  prepare: giveMissingFreepayKeys,
  catchUp: catchUpFreepay,
  registerControl: registerFreepayControl,
  createApp: createFreepayApp,
  errorResponse: (c, error) => freepayErrorResponse(c, asFreepayError(error)),
  notFoundResponse: (c) => freepayErrorResponse(c, new FreepayError('notFound')),
  malformedRequest: (path) => freepayMalformedAnswer(path),
};
