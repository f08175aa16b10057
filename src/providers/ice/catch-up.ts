// Work that falls due on a tenant's clock (a legal review deciding itself, consents expiring,
// scripted persons answering, viewable reports moving to the archive), done before any ICE call
// of the tenant and before the control API shows the tenant or its outbox.
import type { AppDeps } from '../../core/http.js';
import { catchUpReports } from './reports/lifecycle.js';
import { decideDueReviews } from './legal-review.js';
import { completeDueMoves } from './api-access/live.js';

export function catchUpIce(deps: AppDeps, tenantId: string, nowMs: number): void {
  void deps;
  void tenantId;
  void nowMs;
  decideDueReviews(deps.db, tenantId, nowMs);
  catchUpReports(deps, tenantId, nowMs);
  completeDueMoves(deps, tenantId, nowMs);
}
