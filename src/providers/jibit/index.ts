// The Jibit inquiry API, mounted at /jibit/ide in place of https://napi.jibit.ir/ide: its routes,
// and the provider the sandbox mounts.
import { OpenAPIHono } from '@hono/zod-openapi';
import type { AppDeps, AppEnv } from '../../core/http.js';
import type { Provider } from '../../core/provider.js';
import { catalogEndpoint, documentedSpelling, endpointIds } from './catalog.js';
import { JibitError, renderJibitError } from './errors.js';
import { asJibitError, jibitErrorResponse } from './error-response.js';
import { JibitSettingsPatch, applyJibitSettings } from './settings-patch.js';
import { jibitTenancy } from './tenancy.js';
import { jibitTestValues } from './test-values/index.js';
import { registerJibitControl } from './control.js';
import { jibitPipeline } from './pipeline.js';
import { journalCalls } from '../../core/journal-calls.js';
import { jibitHook } from './validation.js';
import { registerHealth } from './routes/health.js';
import { registerTokenGenerate } from './routes/token-generate.js';
import { registerTokenRefresh } from './routes/token-refresh.js';
import { registerBalances } from './routes/balances.js';
import { registerDailyReport } from './routes/daily-report.js';
import { registerCards } from './routes/cards.js';
import { registerIbans } from './routes/ibans.js';
import { registerAvailability } from './routes/availability.js';
import { registerDeposits } from './routes/deposits.js';
import { registerMatching } from './routes/matching.js';
import { registerPostal } from './routes/postal.js';
import { registerSimilarity } from './routes/similarity.js';
import { registerForeigners } from './routes/foreigners.js';
import { registerCorporation } from './routes/corporation.js';
import { registerMilitary } from './routes/military.js';
import { registerSana } from './routes/sana.js';
import { jibitDashboard } from './dashboard.js';

export const jibitBasePath = '/jibit/ide';

export function createJibitApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: jibitHook });
  app.use('*', journalCalls(deps, 'jibit', jibitBasePath));
  app.use('*', jibitPipeline(deps));
  registerHealth(app);
  registerTokenGenerate(app);
  registerTokenRefresh(app);
  registerCards(app);
  registerIbans(app);
  registerAvailability(app);
  registerDeposits(app);
  registerMatching(app);
  registerPostal(app);
  registerSimilarity(app);
  registerForeigners(app);
  registerCorporation(app);
  registerMilitary(app);
  registerSana(app);
  registerBalances(app);
  registerDailyReport(app);
  return app;
}

export const jibit: Provider = {
  id: 'jibit',
  dashboard: jibitDashboard,
  basePath: jibitBasePath,
  endpointIds,
  documentedCode: documentedSpelling,
  documentedCodes: (id) => catalogEndpoint(id).errors.map((e) => e.code),
  settings: {
    schema: JibitSettingsPatch,
    setupDescription: 'As PATCH /_sandbox/tenants/{id}/jibit: balances, billing, daily limits, prices, allowed IPs',
    apply: (deps, tenantId, patch, reason) => applyJibitSettings(deps, tenantId, patch as JibitSettingsPatch, reason),
  },
  tenancy: jibitTenancy,
  testValues: () => jibitTestValues(),
  registerControl: registerJibitControl,
  createApp: createJibitApp,
  errorResponse: (c, error) => jibitErrorResponse(c, asJibitError(error)),
  notFoundResponse: (c) => jibitErrorResponse(c, new JibitError('handler.not_found')),
  // Line 64: every 4xx is {code, message}; a request that cannot be read is the body's own code.
  malformedRequest: () => renderJibitError(undefined, new JibitError('invalid.request_body')),
};
