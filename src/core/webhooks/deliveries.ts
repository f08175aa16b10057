// The delivery loop: reads the queue (the events table) when woken (an emit, a clock move, an
// attempt ending) and on a timer, and starts every attempt that is due, by the tenant's clock or
// by real time. One attempt per event at a time; an ordered endpoint gets its events one by one.
// Each attempt is written before the POST and completed after it, so a stop loses nothing.
import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/index.js';
import { webhookAttempts, webhookEvents } from '../../db/schema/index.js';
import type { Clock } from '../clock.js';
import { prepared } from '../prepared.js';
import { clockOf, getTenant } from '../tenants.js';
import { endpointOf, signingSecrets } from './endpoints.js';
import { bodyOf, nextAttemptNumber, type EventRow } from './events.js';
import { afterStart, attemptFault, faultText, outOfOrderHoldMs, parseFault, sendsAgain, spoiled, type FaultDecider } from './faults.js';
import { post, type PostOutcome } from './post.js';
import { defaultPollMs, defaultTimeoutMs, maxAttempts, maxInFlight, retryDelayMs } from './schedule.js';
import { signatureHeader, webhookHeaders } from './signature.js';

export interface DeliveryOptions {
  /** A 2xx must arrive within this many milliseconds (default 5,000). */
  timeoutMs?: number;
  /** How often the queue is read without being woken (default 1,000). */
  pollMs?: number;
}

interface Due {
  seq: number;
  id: string;
  tenantId: string;
  provider: string;
  nextAtMs: number;
  nextWallMs: number;
  ordered: number;
  fault: string | null;
}

interface InFlight {
  attemptId: number;
  endpointKey: string;
  controller: AbortController;
  done: Promise<void>;
}

const statements = ({ $client: client }: Db) => ({
  // Paused endpoints hold their events; an event without an endpoint is never pending.
  queue: client.prepare<[], Due>(
    `SELECT e.seq, e.id, e.tenant_id AS tenantId, e.provider, e.next_at_ms AS nextAtMs, e.next_wall_ms AS nextWallMs, en.ordered, e.fault
       FROM webhook_events e JOIN webhook_endpoints en ON en.tenant_id = e.tenant_id AND en.provider = e.provider
      WHERE e.state = 'pending' AND en.paused = 0 ORDER BY e.seq`,
  ),
  // Has a later event of the endpoint been delivered (or given up on)? Then one held back out of order may go.
  overtaken: client.prepare<[string, string, number], { one: number }>(
    `SELECT 1 AS one FROM webhook_events WHERE tenant_id = ? AND provider = ? AND seq > ? AND state IN ('delivered', 'failed') LIMIT 1`,
  ),
});

const interrupted = 'interrupted: the sandbox stopped before the answer came; sent again';

export class WebhookDeliveries {
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  private readonly inFlight = new Map<string, InFlight>();
  private timer: NodeJS.Timeout | undefined;
  private woken = false;
  private stopped = false;
  private decideFault: FaultDecider = () => undefined;
  private sweep: () => void = () => undefined;

  constructor(
    private readonly db: Db,
    private readonly wall: Clock,
    options: DeliveryOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? defaultTimeoutMs;
    this.pollMs = options.pollMs ?? defaultPollMs;
  }

  /** Where emitted events get their delivery faults from: the tenants' scenarios. */
  faultsFrom(decide: FaultDecider): void {
    this.decideFault = decide;
  }

  /** Work run before each timed pass: the changes that fell due with time, whose events then go out. */
  sweepWith(sweep: () => void): void {
    this.sweep = sweep;
  }

  /** The delivery fault a new event of the tenant gets, if its scenario has one for it. */
  faultFor(tenantId: string, provider: string, type: string) {
    return this.decideFault(tenantId, provider, type);
  }

  /** Completes what a previous process left in flight, then reads the queue now and every pollMs. */
  start(): void {
    const open = this.db.select({ id: webhookAttempts.id }).from(webhookAttempts).where(isNull(webhookAttempts.result)).all();
    for (const { id } of open) this.interrupt(id);
    this.timer = setInterval(() => this.timedPass(), this.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Reads the queue soon: after the caller's synchronous work (its transaction) is done. */
  kick(): void {
    if (this.stopped || this.woken) return;
    this.woken = true;
    setImmediate(() => {
      this.woken = false;
      this.pass();
    }).unref();
  }

  /** Whether an attempt of the event is in flight now. */
  sending(eventId: string): boolean {
    return this.inFlight.has(eventId);
  }

  /** Resolves once no attempt is in flight (those that start meanwhile included). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight.values()].map((f) => f.done));
  }

  /**
   * Stops for good: no new attempt starts; those in flight are cut off and recorded as interrupted,
   * their events due at once, so the next start sends them again. Synchronous, so the database
   * can be closed right after.
   */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.timer);
    const open = [...this.inFlight.values()];
    this.inFlight.clear();
    if (this.db.$client.open) for (const f of open) this.interrupt(f.attemptId);
    for (const f of open) f.controller.abort();
  }

  private timedPass(): void {
    if (this.stopped || !this.db.$client.open) return this.pass();
    try {
      this.sweep();
    } catch (error) {
      // A sweep that fails (a provider's catch-up) must not stop the deliveries; the next pass tries again.
      process.emitWarning(`webhooks: catching up tenants failed: ${(error as Error).message}`);
    }
    this.pass();
  }

  private pass(): void {
    if (this.stopped) return;
    if (!this.db.$client.open) return this.stop();
    const wallNow = this.wall.now();
    const tenantNow = new Map<string, number | undefined>();
    const busy = new Set([...this.inFlight.values()].map((f) => f.endpointKey));
    const headSeen = new Set<string>();
    for (const due of prepared(this.db, statements).queue.all()) {
      if (this.inFlight.size >= maxInFlight) return;
      const key = `${due.tenantId}\0${due.provider}`;
      if (due.ordered) {
        // Only the oldest pending event of an ordered endpoint may go, and only when none is in flight.
        if (headSeen.has(key) || busy.has(key)) continue;
        headSeen.add(key);
      }
      if (this.inFlight.has(due.id)) continue;
      if (!tenantNow.has(due.tenantId)) {
        const row = getTenant(this.db, due.tenantId);
        tenantNow.set(due.tenantId, row && clockOf(row, this.wall).now());
      }
      const now = tenantNow.get(due.tenantId);
      if (now === undefined) continue;
      if (this.heldBack(due, now, wallNow)) {
        // Not the head of its endpoint while held, so the events after it go first.
        if (due.ordered) headSeen.delete(key);
        continue;
      }
      if (now >= due.nextAtMs || wallNow >= due.nextWallMs) this.begin(due, key, now, wallNow);
    }
  }

  /** An event held back out of order: until a later event of its endpoint is delivered, or the hold ends. */
  private heldBack(due: Due, tenantNowMs: number, wallNowMs: number): boolean {
    const fault = parseFault(due.fault);
    if (fault?.kind !== 'out-of-order' || fault.spent !== 0) return false;
    if (tenantNowMs >= due.nextAtMs + outOfOrderHoldMs || wallNowMs >= due.nextWallMs + outOfOrderHoldMs) return false;
    return prepared(this.db, statements).overtaken.get(due.tenantId, due.provider, due.seq) === undefined;
  }

  private begin(due: Due, endpointKey: string, tenantNowMs: number, wallNowMs: number): void {
    const started = this.db.transaction(() => {
      const event = this.db.select().from(webhookEvents).where(and(eq(webhookEvents.seq, due.seq), eq(webhookEvents.state, 'pending'))).get();
      const endpoint = endpointOf(this.db, due.tenantId, due.provider);
      if (!event || !endpoint || endpoint.paused) return undefined;
      const number = nextAttemptNumber(this.db, event.id);
      const fault = parseFault(event.fault);
      const effect = attemptFault(fault);
      const note = effect.kind === 'none' ? null : effect.note;
      const attempt = this.db
        .insert(webhookAttempts)
        .values({ eventId: event.id, tenantId: event.tenantId, number, atMs: tenantNowMs, wallAtMs: wallNowMs, url: endpoint.url, fault: note })
        .returning({ id: webhookAttempts.id })
        .get();
      const spent = afterStart(fault);
      if (spent) this.db.update(webhookEvents).set({ fault: faultText(spent) }).where(eq(webhookEvents.seq, event.seq)).run();
      return { event, url: endpoint.url, secrets: signingSecrets(endpoint, tenantNowMs), attemptId: attempt.id, effect };
    });
    if (!started) return;
    const { event, url, secrets, attemptId, effect } = started;
    if (effect.kind === 'skip') {
      // The endpoint is "down": nothing is sent, and the attempt fails as a refused connection would.
      this.complete(event, attemptId, tenantNowMs, wallNowMs, { ok: false, status: null, error: effect.note, responseHead: null }, 0);
      return;
    }
    const body = bodyOf(event);
    // Seconds of the wall clock: a receiver checks the timestamp against its own clock, which an advanced tenant clock does not move.
    const timestamp = String(Math.floor(wallNowMs / 1000));
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Mahak-Webhooks/1',
      [webhookHeaders.id]: event.id,
      [webhookHeaders.type]: event.type,
      [webhookHeaders.timestamp]: timestamp,
      [webhookHeaders.signature]: effect.kind === 'bad-signature' ? spoiled(signatureHeader(secrets, timestamp, body)) : signatureHeader(secrets, timestamp, body),
    };
    const controller = new AbortController();
    const startedAt = performance.now();
    const done = post(url, headers, body, this.timeoutMs, controller.signal).then((outcome) => {
      // A stop recorded this attempt already (as interrupted) and may have closed the database.
      if (controller.signal.aborted) return;
      this.inFlight.delete(event.id);
      this.complete(event, attemptId, tenantNowMs, wallNowMs, outcome, Math.round(performance.now() - startedAt));
      this.kick();
    });
    this.inFlight.set(event.id, { attemptId, endpointKey, controller, done });
  }

  private complete(event: EventRow, attemptId: number, atMs: number, wallAtMs: number, outcome: PostOutcome, latencyMs: number): void {
    if (!this.db.$client.open) return;
    this.db.transaction(() => {
      const { ok, status, error, responseHead } = outcome;
      this.db.update(webhookAttempts).set({ result: ok ? 'succeeded' : 'failed', status, error, responseHead, latencyMs }).where(eq(webhookAttempts.id, attemptId)).run();
      const tries = event.tries + 1;
      const delay = retryDelayMs(tries);
      const fault = parseFault(this.db.select({ fault: webhookEvents.fault }).from(webhookEvents).where(eq(webhookEvents.seq, event.seq)).get()?.fault ?? null);
      if (ok && sendsAgain(fault)) {
        // Delivered, and a scenario wants it to arrive twice: queued again at once, with a schedule of its own.
        const again = { ...fault!, spent: 1 };
        this.db.update(webhookEvents).set({ state: 'pending', tries: 0, nextAtMs: atMs, nextWallMs: wallAtMs, fault: faultText(again) }).where(eq(webhookEvents.seq, event.seq)).run();
        return;
      }
      const next = ok
        ? { state: 'delivered' as const, nextAtMs: null, nextWallMs: null }
        : delay === undefined
          ? { state: 'failed' as const, nextAtMs: null, nextWallMs: null }
          : { state: 'pending' as const, nextAtMs: atMs + delay, nextWallMs: wallAtMs + delay };
      // An event whose endpoint went away meanwhile stays as it is now, unless this attempt delivered it.
      const still = ok ? eq(webhookEvents.seq, event.seq) : and(eq(webhookEvents.seq, event.seq), eq(webhookEvents.state, 'pending'));
      this.db.update(webhookEvents).set({ tries, ...next }).where(still).run();
    });
  }

  /** An attempt whose answer will never be read: failed as interrupted, its event due again at once. */
  private interrupt(attemptId: number): void {
    this.db.transaction(() => {
      const attempt = this.db.update(webhookAttempts).set({ result: 'failed', error: interrupted }).where(eq(webhookAttempts.id, attemptId)).returning().get();
      if (!attempt) return;
      const event = this.db.select().from(webhookEvents).where(and(eq(webhookEvents.id, attempt.eventId), eq(webhookEvents.state, 'pending'))).get();
      if (!event) return;
      const tries = event.tries + 1;
      const next = tries >= maxAttempts ? { state: 'failed' as const, nextAtMs: null, nextWallMs: null } : { nextAtMs: attempt.atMs, nextWallMs: attempt.wallAtMs };
      this.db.update(webhookEvents).set({ tries, ...next }).where(eq(webhookEvents.seq, event.seq)).run();
    });
  }
}
