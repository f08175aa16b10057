// Step 5 of the API onboarding: the move to live is asked, then completes by itself
// liveDelayMinutes later on the tenant clock; the catch-up before every ICE call of the tenant
// finishes the moves that fell due, as of their due time.
import { and, eq, lte, sql } from 'drizzle-orm';
import type { AppDeps } from '../../../core/http.js';
import type { Db } from '../../../db/index.js';
import { iceApiRequests } from '../../../db/schema/index.js';
import { iceSettingsOf } from '../settings.js';
import { announceApiAccess } from './events.js';
import { apiRequestOf, updateRequest, type ApiRequestRow } from './store.js';

/** One statement per database, asked before any query is built: is a move due? */
const dueStatements = new WeakMap<Db, { get(tenantId: string, nowMs: number): unknown }>();

function anyDue(db: Db, tenantId: string, nowMs: number): boolean {
  let statement = dueStatements.get(db);
  if (!statement) {
    statement = db.$client.prepare(
      "SELECT 1 FROM ice_api_requests WHERE tenant_id = ? AND status = 'going-live' AND live_due_at_ms <= ? LIMIT 1",
    ) as unknown as { get(tenantId: string, nowMs: number): unknown };
    dueStatements.set(db, statement);
  }
  return statement.get(tenantId, nowMs) !== undefined;
}

/** The tenant's moves to live that fell due by `nowMs`, completed as of their due time. */
export function completeDueMoves(deps: Pick<AppDeps, 'db'>, tenantId: string, nowMs: number): void {
  if (!anyDue(deps.db, tenantId, nowMs)) return;
  const moved = deps.db
    .update(iceApiRequests)
    .set({ status: 'live', liveAtMs: sql`${iceApiRequests.liveDueAtMs}` })
    .where(and(eq(iceApiRequests.tenantId, tenantId), eq(iceApiRequests.status, 'going-live'), lte(iceApiRequests.liveDueAtMs, nowMs)))
    .returning()
    .all();
  for (const row of moved) announceApiAccess(deps, row, 'live', row.liveAtMs!);
}

/** Asks for the move to live: due liveDelayMinutes from now (at once with 0). */
export function askLive(deps: Pick<AppDeps, 'db'>, row: ApiRequestRow, nowMs: number): ApiRequestRow {
  const dueMs = nowMs + iceSettingsOf(deps.db, row.tenantId).liveDelayMinutes * 60_000;
  const asked = updateRequest(deps.db, row, { status: 'going-live', liveRequestedAtMs: nowMs, liveDueAtMs: dueMs });
  announceApiAccess(deps, asked, 'going_live', nowMs);
  completeDueMoves(deps, row.tenantId, nowMs);
  return apiRequestOf(deps.db, { tenantId: row.tenantId, id: row.businessId }) ?? asked;
}
