// ICE's webhook events (docs/webhooks.md "ICE events"): a report request's every change of state,
// a wallet charge's outcome and each API onboarding step, emitted to the tenant's ICE endpoint;
// a business going live makes its webhook URL that endpoint.
import type { AppDeps } from '../../core/http.js';
import { emit, endpointOf, setEndpoint } from '../../core/webhooks/index.js';
import type { Db } from '../../db/index.js';
import { onApiAccessEvent, webhookTargetOf, type ApiAccessEvent } from './api-access/events.js';
import type { ReportRow } from './reports/row.js';
import { requestView } from './reports/view.js';
import type { BusinessRow } from './business.js';
import { legalView } from './legal-view.js';
import { shownTimeOrNull } from './time.js';

/** What an ICE change needs to emit its event: emit stores on `db`, inside the caller's transaction. */
export type IceEmitDeps = Pick<AppDeps, 'db' | 'wall' | 'webhooks'>;

export const iceProvider = 'ice';

export function emitIce(deps: IceEmitDeps, tenantId: string, type: string, payload: unknown, occurredAtMs: number): void {
  emit(deps, { tenantId, provider: iceProvider, type, payload, occurredAtMs });
}

/** The request as GET /api/v1/reports/{trackingCode} shows it, and when it was deleted. */
export const reportPayload = (r: ReportRow) => ({ ...requestView(r), deletedAt: shownTimeOrNull(r.deletedAtMs) });

/** `ice.report.<state>` for the row as it is after the change, which happened at `atMs` (tenant clock). */
export function emitReportChange(deps: IceEmitDeps, r: ReportRow, atMs: number): void {
  emitIce(deps, r.tenantId, `ice.report.${r.state}`, reportPayload(r), atMs);
}

// The onboarding announces its steps with the database it wrote to only (some steps are recorded
// where only the database is at hand), so each instance's ICE app leaves here what emitting on
// that database needs. Weakly held: a closed instance's entry goes with its database.
const emitDepsOf = new WeakMap<Db, IceEmitDeps>();
let forwarding = false;

function forwardApiAccess(event: ApiAccessEvent, deps: IceEmitDeps): void {
  if (event.type === 'ice.api_access.live') {
    const target = webhookTargetOf(deps.db, event.tenantId, event.businessId);
    // One endpoint per tenant and provider: the latest business to go live sets it. The same URL keeps its secret.
    if (target && endpointOf(deps.db, event.tenantId, iceProvider)?.url !== target.url) {
      setEndpoint(deps.db, { tenantId: event.tenantId, provider: iceProvider, url: target.url }, event.occurredAtMs);
    }
  }
  const step = event.type.slice('ice.api_access.'.length);
  emitIce(deps, event.tenantId, event.type, { businessId: event.businessId, requestNumber: event.requestNumber, step }, event.occurredAtMs);
}

/**
 * `ice.legal_review.<status>` (pending, approved, rejected) for a business after its legal
 * information was sent or decided at `atMs`; `data` is GET /api/v1/account/legal's view with the
 * business's id. Decisions are made where only the database is at hand (catch-up, the control
 * API), so this emits on the deps the ICE app bound to that database.
 */
export function emitLegalReview(db: Db, business: BusinessRow, atMs: number): void {
  const deps = emitDepsOf.get(db);
  if (deps) emitIce(deps, business.tenantId, `ice.legal_review.${business.legalStatus}`, { businessId: business.id, ...legalView(business) }, atMs);
}

/** Called by each ICE app: its onboarding events are forwarded as webhook events from now on. */
export function bindIceWebhooks(deps: IceEmitDeps): void {
  emitDepsOf.set(deps.db, deps);
  if (forwarding) return;
  forwarding = true;
  onApiAccessEvent(({ db }, event) => {
    const bound = emitDepsOf.get(db);
    if (bound) forwardApiAccess(event, bound);
  });
}
