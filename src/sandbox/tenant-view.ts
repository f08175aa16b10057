// How the control API shows a tenant: its clock and scenario, and each provider's part as the
// provider shows it (settings as they apply, balances, today's usage).
import { catchUp } from '../core/catch-up.js';
import { tehranJalaliDay } from '../core/calendar.js';
import type { AppDeps } from '../core/http.js';
import { clockOf, getTenant, type TenantRow } from '../core/tenants.js';
import { notFound } from './errors.js';

export const isoTime = (epochMs: number) => new Date(epochMs).toISOString();

export function clockView(row: TenantRow, deps: AppDeps) {
  const nowMs = clockOf(row, deps.wall).now();
  return { now: isoTime(nowMs), frozen: row.clockFrozenAtMs !== null, tehranDay: tehranJalaliDay(nowMs) };
}

export function tenantView(row: TenantRow, deps: AppDeps) {
  const clock = clockView(row, deps);
  // What fell due on the tenant's clock happens before the tenant is shown.
  catchUp(deps, row);
  return {
    id: row.id,
    name: row.name,
    createdAt: isoTime(row.createdAtMs),
    clock,
    scenario: row.scenario,
    ...Object.fromEntries(deps.providers.map((p) => [p.id, p.tenancy.view(row, deps)])),
  };
}

export function requireTenant(deps: AppDeps, id: string): TenantRow {
  const row = getTenant(deps.db, id);
  if (!row) throw notFound(`tenant ${id}`);
  return row;
}
