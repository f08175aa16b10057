// A tenant's webhook endpoint per provider: where its events go, the secret that signs them (and,
// after a rotation, the old one until the overlap ends), paused or not, in order or not.
import { and, eq, sql, type Placeholder } from 'drizzle-orm';
import { prepared } from '../prepared.js';
import type { Db } from '../../db/index.js';
import { webhookEndpoints, webhookEvents } from '../../db/schema/index.js';
import { newId } from '../ids.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

const where = (tenantId: string | Placeholder, provider: string | Placeholder) => and(eq(webhookEndpoints.tenantId, tenantId), eq(webhookEndpoints.provider, provider));

// Prepared once: every emitted event looks its endpoint up.
const byTenant = (db: Db) => db.select().from(webhookEndpoints).where(where(sql.placeholder('tenantId'), sql.placeholder('provider'))).prepare();

export function endpointOf(db: Db, tenantId: string, provider: string): EndpointRow | undefined {
  return prepared(db, byTenant).get({ tenantId, provider });
}

const newSecret = () => newId('webhookSecret', 32);

export interface EndpointInput {
  tenantId: string;
  provider: string;
  url: string;
  /** Default true: one event at a time, in the order they happened. */
  ordered?: boolean;
}

/**
 * Sets (or replaces) the endpoint with a fresh secret, answered here only. Events still queued
 * for the provider go to the new URL; a replaced endpoint's old secret signs nothing more.
 */
export function setEndpoint(db: Db, input: EndpointInput, nowMs: number): { row: EndpointRow; secret: string } {
  const secret = newSecret();
  const values = { url: input.url, secret, previousSecret: null, previousUntilMs: null, paused: false, ordered: input.ordered ?? true, updatedAtMs: nowMs };
  const row = db
    .insert(webhookEndpoints)
    .values({ tenantId: input.tenantId, provider: input.provider, ...values })
    .onConflictDoUpdate({ target: [webhookEndpoints.tenantId, webhookEndpoints.provider], set: values })
    .returning()
    .get();
  return { row, secret };
}

/** A new secret; the current one keeps signing for `overlapSeconds` of the tenant clock (0: stops at once). */
export function rotateSecret(db: Db, current: EndpointRow, overlapSeconds: number, nowMs: number): { row: EndpointRow; secret: string } {
  const secret = newSecret();
  const overlap = overlapSeconds > 0 ? { previousSecret: current.secret, previousUntilMs: nowMs + overlapSeconds * 1000 } : { previousSecret: null, previousUntilMs: null };
  const row = db.update(webhookEndpoints).set({ secret, ...overlap, updatedAtMs: nowMs }).where(where(current.tenantId, current.provider)).returning().get()!;
  return { row, secret };
}

export function setPaused(db: Db, current: EndpointRow, paused: boolean, nowMs: number): EndpointRow {
  return db.update(webhookEndpoints).set({ paused, updatedAtMs: nowMs }).where(where(current.tenantId, current.provider)).returning().get()!;
}

/** Removes the endpoint; its queued events wait as no_endpoint, to be redelivered once one is set. */
export function removeEndpoint(db: Db, current: EndpointRow): void {
  db.transaction((tx) => {
    tx.delete(webhookEndpoints).where(where(current.tenantId, current.provider)).run();
    tx.update(webhookEvents)
      .set({ state: 'no_endpoint', nextAtMs: null, nextWallMs: null })
      .where(and(eq(webhookEvents.tenantId, current.tenantId), eq(webhookEvents.provider, current.provider), eq(webhookEvents.state, 'pending')))
      .run();
  });
}

/** The secrets that sign at `nowMs` (tenant clock): the current one first. */
export function signingSecrets(row: EndpointRow, nowMs: number): string[] {
  const previous = row.previousSecret !== null && row.previousUntilMs !== null && nowMs < row.previousUntilMs ? [row.previousSecret] : [];
  return [row.secret, ...previous];
}
