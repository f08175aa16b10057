// Changes that fall due with time (a scripted person's answer, a lapsed consent, a settlement, a
// card reversal) are made when the sandbox next looks at the tenant. A tenant with a webhook
// endpoint is looked at on every delivery pass too, so the events of those changes go out without
// anyone reading the tenant first, as a provider's would.
import { sql } from 'drizzle-orm';
import type { AppDeps } from '../http.js';
import { webhookEndpoints } from '../../db/schema/index.js';
import { catchUp } from '../catch-up.js';
import { getTenant } from '../tenants.js';

/** Catches up each tenant that has an endpoint (not paused), at the tenant's now. */
export function catchUpWatchedTenants(deps: AppDeps): void {
  const watched = deps.db.selectDistinct({ tenantId: webhookEndpoints.tenantId }).from(webhookEndpoints).where(sql`${webhookEndpoints.paused} = 0`).all();
  for (const { tenantId } of watched) {
    const row = getTenant(deps.db, tenantId);
    if (row) catchUp(deps, row);
  }
}
