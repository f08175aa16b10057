// Work that falls due on a tenant's clock (settlements, reversals, scripted answers, lapsed
// consents): every provider's catch-up, run before a tenant is shown, when its clock moves, and on
// the delivery loop's passes for tenants with a webhook endpoint.
import type { AppDeps } from './http.js';
import { clockOf, type TenantRow } from './tenants.js';

/** Every provider's work that fell due on the tenant's clock by `nowMs`. */
export function catchUp(deps: AppDeps, row: TenantRow, nowMs = clockOf(row, deps.wall).now()): void {
  for (const provider of deps.providers) provider.catchUp?.(deps, row.id, nowMs);
}
