// Webhook events: emitted by a provider (stored in the caller's transaction, if any, so an event
// exists exactly when the change it reports does), listed with their attempts, and queued again.
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { webhookAttempts, webhookEvents } from '../../db/schema/index.js';
import type { Clock } from '../clock.js';
import { newId } from '../ids.js';
import { prepared } from '../prepared.js';
import { endpointOf } from './endpoints.js';
import { faultText, finished, parseFault, type FaultDecider } from './faults.js';

export type EventRow = typeof webhookEvents.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;
export type EventState = EventRow['state'];

export interface EmitInput {
  tenantId: string;
  /** The provider that sends: its endpoint of the tenant gets the event. */
  provider: string;
  /** e.g. ice.report.viewable */
  type: string;
  /** The event's data: the body's `data`. */
  payload: unknown;
  /** Tenant clock: when the change happened. */
  occurredAtMs: number;
}

/** What emit needs: the database, the wall clock and something to wake the deliveries. */
export interface EmitDeps {
  db: Db;
  wall: Clock;
  webhooks: { kick(): void; faultFor: FaultDecider };
}

// Prepared once: events are emitted on hot paths (an ICE report request, a Freepay payment).
const inserts = (db: Db) => {
  const p = (name: string) => sql.placeholder(name);
  return {
    event: db
      .insert(webhookEvents)
      .values({
        id: p('id'),
        tenantId: p('tenantId'),
        provider: p('provider'),
        type: p('type'),
        payload: p('payload'),
        occurredAtMs: p('occurredAtMs'),
        state: p('state'),
        nextAtMs: p('nextAtMs'),
        nextWallMs: p('nextWallMs'),
        fault: p('fault'),
      })
      .returning({ seq: webhookEvents.seq })
      .prepare(),
  };
};

/**
 * Stores the event, due at once when the tenant has an endpoint for the provider (otherwise it
 * is kept as no_endpoint), and wakes the deliveries: they start after the caller's synchronous
 * work, so after its transaction commits. Answers the event's id.
 */
export function emit(deps: EmitDeps, input: EmitInput): string {
  if (!Number.isSafeInteger(input.occurredAtMs)) throw new TypeError(`webhooks: occurredAtMs must be whole milliseconds, got ${input.occurredAtMs}`);
  const id = newId('webhookEvent');
  const queued = endpointOf(deps.db, input.tenantId, input.provider) !== undefined;
  // Decided now, whether or not an endpoint is set, so a scenario's rule counts every event it matches.
  const fault = deps.webhooks.faultFor(input.tenantId, input.provider, input.type);
  const { seq } = prepared(deps.db, inserts).event.get({
    id,
    tenantId: input.tenantId,
    provider: input.provider,
    type: input.type,
    payload: JSON.stringify(input.payload ?? null),
    occurredAtMs: input.occurredAtMs,
    state: queued ? 'pending' : 'no_endpoint',
    nextAtMs: queued ? input.occurredAtMs : null,
    nextWallMs: queued ? deps.wall.now() : null,
    fault: fault ? faultText({ ...fault, spent: 0 }) : null,
  })!;
  if (queued) deps.webhooks.kick();
  forgetOldEvents(deps.db, input.tenantId, seq);
  return id;
}

/** The most events kept per tenant: older ones that are no longer queued go, with their attempts. */
export const keptEventsPerTenant = 10_000;
/** Pruning is looked at once in this many events (by their seq), so it costs little per event. */
const pruneEvery = 100;

const prunable = ({ $client: client }: Db) => ({
  count: client.prepare<[string], number>('SELECT count(*) FROM webhook_events WHERE tenant_id = ?').pluck(),
  // The seq below which the tenant's events are older than the newest keptEventsPerTenant.
  edge: client.prepare<[string, number], number>('SELECT seq FROM webhook_events WHERE tenant_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?').pluck(),
  attempts: client.prepare<[string, number]>(
    "DELETE FROM webhook_attempts WHERE event_id IN (SELECT id FROM webhook_events WHERE tenant_id = ? AND seq <= ? AND state != 'pending')",
  ),
  events: client.prepare<[string, number]>("DELETE FROM webhook_events WHERE tenant_id = ? AND seq <= ? AND state != 'pending'"),
});

/** Keeps the tenant's events to the newest keptEventsPerTenant (those still queued stay whatever their age). */
function forgetOldEvents(db: Db, tenantId: string, seq: number): void {
  const statements = prepared(db, prunable);
  if (seq % pruneEvery !== 0 || statements.count.get(tenantId)! <= keptEventsPerTenant) return;
  const edge = statements.edge.get(tenantId, keptEventsPerTenant);
  if (edge === undefined) return;
  statements.attempts.run(tenantId, edge);
  statements.events.run(tenantId, edge);
}

/** The JSON body POSTed: the same bytes on every attempt. */
export function bodyOf(event: EventRow): string {
  const occurredAt = new Date(event.occurredAtMs).toISOString();
  return `{"id":${JSON.stringify(event.id)},"type":${JSON.stringify(event.type)},"provider":${JSON.stringify(event.provider)},"occurredAt":"${occurredAt}","data":${event.payload}}`;
}

export function eventOf(db: Db, tenantId: string, id: string): EventRow | undefined {
  return db.select().from(webhookEvents).where(and(eq(webhookEvents.tenantId, tenantId), eq(webhookEvents.id, id))).get();
}

export interface EventFilter {
  provider?: string;
  type?: string;
  state?: EventState;
  limit?: number;
}

/** The tenant's events, the most recent first, each with its attempts in order. */
export function listEvents(db: Db, tenantId: string, filter: EventFilter = {}): { event: EventRow; attempts: AttemptRow[] }[] {
  const conditions = [eq(webhookEvents.tenantId, tenantId)];
  if (filter.provider !== undefined) conditions.push(eq(webhookEvents.provider, filter.provider));
  if (filter.type !== undefined) conditions.push(eq(webhookEvents.type, filter.type));
  if (filter.state !== undefined) conditions.push(eq(webhookEvents.state, filter.state));
  const events = db.select().from(webhookEvents).where(and(...conditions)).orderBy(desc(webhookEvents.seq)).limit(filter.limit ?? -1).all();
  const attempts = events.length === 0 ? [] : db.select().from(webhookAttempts).where(inArray(webhookAttempts.eventId, events.map((e) => e.id))).orderBy(webhookAttempts.number).all();
  return events.map((event) => ({ event, attempts: attempts.filter((a) => a.eventId === event.id) }));
}

export function attemptsOf(db: Db, eventId: string): AttemptRow[] {
  return db.select().from(webhookAttempts).where(eq(webhookAttempts.eventId, eventId)).orderBy(webhookAttempts.number).all();
}

/** Queues the event again as if new: due at once, with a fresh retry schedule (its attempts keep their numbers); a scenario's fault on it is not repeated. */
export function requeue(db: Db, event: EventRow, tenantNowMs: number, wallNowMs: number): EventRow {
  return db
    .update(webhookEvents)
    .set({ state: 'pending', tries: 0, nextAtMs: tenantNowMs, nextWallMs: wallNowMs, fault: event.fault === null ? null : faultText(finished(parseFault(event.fault)!)) })
    .where(eq(webhookEvents.seq, event.seq))
    .returning()
    .get()!;
}

/** The number the event's next attempt gets. */
export function nextAttemptNumber(db: Db, eventId: string): number {
  const row = db.select({ last: sql<number | null>`max(${webhookAttempts.number})` }).from(webhookAttempts).where(eq(webhookAttempts.eventId, eventId)).get();
  return (row?.last ?? 0) + 1;
}
