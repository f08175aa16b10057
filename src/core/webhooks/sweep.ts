// Changes that fall due with time (a scripted person's answer, a lapsed consent, a settlement, a
// card reversal) are made when the sandbox next looks at the tenant. A tenant with a webhook
// endpoint is looked at on every delivery pass too, so the events of those changes go out without
// anyone reading the tenant first, as a provider's would.
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../http.js';
import { webhookEndpoints } from '../../db/schema/index.js';
import { clockOf, getTenant } from '../tenants.js';

/** Runs every provider's catch-up for each tenant that has an endpoint, at the tenant's now. */
export function catchUpWatchedTenants(deps: AppDeps): void {
  const watched = deps.db.selectDistinct({ tenantId: webhookEndpoints.tenantId }).from(webhookEndpoints).where(sql`${webhookEndpoints.paused} = 0`).all();
  for (const { tenantId } of watched) {
    const row = getTenant(deps.db, tenantId);
    if (!row) continue;
    const nowMs = clockOf(row, deps.wall).now();
    for (const provider of deps.providers) provider.catchUp?.(deps, tenantId, nowMs);
  }
}
