// The hook webhook delivery attaches to: every API onboarding step a business completes is
// announced here, with the time it happened on the tenant clock. Nothing is sent from this
// module; a deliverer registers with onApiAccessEvent and sends to webhookTargetOf's URL.
import type { AppDeps } from '../../../core/http.js';
import type { Db } from '../../../db/index.js';
import { apiRequestOf, type ApiRequestRow, type Step } from './store.js';

export interface ApiAccessEvent {
  /** ice.api_access.company, .contracts, .invoice, .documents, .going_live, .live */
  type: `ice.api_access.${Step | 'going_live'}`;
  tenantId: string;
  businessId: string;
  requestNumber: number;
  /** Tenant clock. */
  occurredAtMs: number;
}

export type ApiAccessListener = (deps: Pick<AppDeps, 'db'>, event: ApiAccessEvent) => void;

const listeners = new Set<ApiAccessListener>();

/** Registers a listener for onboarding events; answers the function that removes it. */
export function onApiAccessEvent(listener: ApiAccessListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function announceApiAccess(deps: Pick<AppDeps, 'db'>, row: ApiRequestRow, step: Step | 'going_live', occurredAtMs: number): void {
  const event: ApiAccessEvent = { type: `ice.api_access.${step}`, tenantId: row.tenantId, businessId: row.businessId, requestNumber: row.requestNumber, occurredAtMs };
  for (const listener of listeners) listener(deps, event);
}

/**
 * Where a business's events (report state changes among them) go: the webhook URL of step 4,
 * once the business is live; undefined before.
 */
export function webhookTargetOf(db: Db, tenantId: string, businessId: string): { url: string } | undefined {
  const row = apiRequestOf(db, { tenantId, id: businessId });
  return row?.status === 'live' && row.webhookUrl ? { url: row.webhookUrl } : undefined;
}
