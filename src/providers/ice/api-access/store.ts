// A business's API onboarding request as stored: found by business, made by step 1 with the
// tenant's next request number, and which of the five steps are done.
import { and, eq, sql } from 'drizzle-orm';
import { randomBytes } from 'node:crypto';
import type { Db } from '../../../db/index.js';
import { iceApiRequests } from '../../../db/schema/index.js';
import type { BusinessRow } from '../business.js';
import { IceError } from '../errors.js';

export type ApiRequestRow = typeof iceApiRequests.$inferSelect;
export type ApiRequestStatus = ApiRequestRow['status'];

/** The seed's example request number; a tenant's first request has it, the next ones follow. */
export const firstRequestNumber = 10740;

export const steps = ['company', 'contracts', 'invoice', 'documents', 'live'] as const;
export type Step = (typeof steps)[number];

export function apiRequestOf(db: Db, business: Pick<BusinessRow, 'tenantId' | 'id'>): ApiRequestRow | undefined {
  return db.select().from(iceApiRequests).where(and(eq(iceApiRequests.tenantId, business.tenantId), eq(iceApiRequests.businessId, business.id))).get();
}

/** Step 1 sends the company information: the request is made then (or its information replaced). */
export function saveCompany(db: Db, business: BusinessRow, company: object, nowMs: number): ApiRequestRow {
  return db.transaction((tx) => {
    const known = apiRequestOf(db, business);
    if (known) {
      if (known.status !== 'in-progress') throw new IceError('apiRequestLocked', { status: known.status });
      return tx.update(iceApiRequests).set({ company: JSON.stringify(company), companyAtMs: nowMs }).where(eq(iceApiRequests.id, known.id)).returning().get();
    }
    const last = tx
      .select({ n: sql<number | null>`max(${iceApiRequests.requestNumber})` })
      .from(iceApiRequests)
      .where(eq(iceApiRequests.tenantId, business.tenantId))
      .get();
    return tx
      .insert(iceApiRequests)
      .values({
        id: `apr_${randomBytes(12).toString('base64url')}`,
        tenantId: business.tenantId,
        businessId: business.id,
        requestNumber: last?.n ? last.n + 1 : firstRequestNumber,
        status: 'in-progress',
        company: JSON.stringify(company),
        companyAtMs: nowMs,
        createdAtMs: nowMs,
      })
      .returning()
      .get();
  });
}

export function updateRequest(db: Db, row: ApiRequestRow, change: Partial<ApiRequestRow>): ApiRequestRow {
  return db.update(iceApiRequests).set(change).where(eq(iceApiRequests.id, row.id)).returning().get()!;
}

/** Which steps are done (the invoice as last synced from its charge). */
export function doneSteps(row: ApiRequestRow | undefined): Record<Step, boolean> {
  return {
    company: row !== undefined,
    contracts: row?.ndaAcceptedVersion != null && row.firmAcceptedVersion != null,
    invoice: row?.invoicePaidAtMs != null,
    documents: row?.documentsAtMs != null,
    live: row?.status === 'live',
  };
}

/**
 * The request, with every step before `step` done; else apiStepOrder naming the first step
 * left (1–5), so a client knows where to go back to.
 */
export function requireStepsBefore(row: ApiRequestRow | undefined, step: Step): ApiRequestRow {
  const done = doneSteps(row);
  const index = steps.indexOf(step);
  const missing = steps.slice(0, index).find((s) => !done[s]);
  if (missing || !row) throw new IceError('apiStepOrder', { step: index + 1, requiredStep: steps.indexOf(missing ?? 'company') + 1 });
  return row;
}

/** Steps 1 and 4 may be sent again until the move to live is asked. */
export function requireOpen(row: ApiRequestRow): void {
  if (row.status !== 'in-progress') throw new IceError('apiRequestLocked', { status: row.status });
}
