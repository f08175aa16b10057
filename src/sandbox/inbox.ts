// The webhook inbox: a receiver built into the sandbox, one per tenant, so webhooks can be tried
// and scenario steps can see what arrived without a server of one's own. It behaves as a careful
// receiver would: it checks each delivery's signature against the tenant's endpoint and refuses
// one that does not verify, and it notes a delivery whose event id it has seen before. Kept in
// memory (the last 100 deliveries of each tenant), so it empties on a restart.
import type { Db } from '../db/index.js';
import { clockOf, getTenant } from '../core/tenants.js';
import { endpointOf, signingSecrets } from '../core/webhooks/endpoints.js';
import { verifyWebhook, webhookHeaders } from '../core/webhooks/signature.js';
import type { Clock } from '../core/clock.js';
import { tenantCredential } from './control-tokens.js';

/** Deliveries kept per tenant: the oldest go first. */
export const inboxCapacity = 100;
/** Of each delivery's body, this much is kept. */
export const inboxBodyChars = 65_536;

export interface InboxDelivery {
  /** 1, 2, …: the order of arrival in this tenant's inbox. */
  number: number;
  /** Wall clock, ISO-8601 in UTC. */
  receivedAt: string;
  eventId: string | null;
  type: string | null;
  provider: string | null;
  /** The Mahak-Webhook-* headers and Content-Type, as they arrived. */
  headers: Record<string, string>;
  /** The body parsed as JSON, or as text when it is not JSON. */
  body: unknown;
  signature: { valid: boolean; reason: string | null };
  /** An earlier delivery in the inbox had the same event id. */
  duplicate: boolean;
  /** The status the inbox answered. */
  answered: number;
}

const inboxes = new WeakMap<Db, Map<string, { next: number; deliveries: InboxDelivery[] }>>();

function inboxOf(db: Db, tenantId: string) {
  let byTenant = inboxes.get(db);
  if (!byTenant) inboxes.set(db, (byTenant = new Map()));
  let inbox = byTenant.get(tenantId);
  if (!inbox) byTenant.set(tenantId, (inbox = { next: 1, deliveries: [] }));
  return inbox;
}

const inboxKeys = tenantCredential('mahak webhook inbox v1', '');

/**
 * The inbox's path: `/_sandbox/inbox/<tenant id>_<HMAC>`. Deliveries carry no control token, so the
 * path itself is the credential, and it gives nothing but the right to post into this inbox.
 */
export const inboxPath = (db: Db, tenantId: string) => `/_sandbox/inbox/${inboxKeys.make(db, tenantId)}`;

/** The tenant an inbox key (the path's last segment) was made for, when this sandbox made it. */
export const tenantOfInboxKey = inboxKeys.tenantOf;

const parsed = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

const field = (body: unknown, name: string): string | null => {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  return typeof value === 'string' ? value : null;
};

/**
 * Takes a delivery: checks it (signature by the tenant's endpoint for the body's provider, whose
 * secrets sign at the tenant's now; timestamp within 300 s of real time) and keeps it. Answers the
 * status to send: `status` when the signature verifies (the caller's choice, 204 by default), 400
 * when it does not.
 */
export function receive(db: Db, wall: Clock, tenantId: string, headers: Headers, raw: string, status: number): InboxDelivery {
  const inbox = inboxOf(db, tenantId);
  const body = parsed(raw);
  const provider = field(body, 'provider');
  const tenant = getTenant(db, tenantId);
  const endpoint = provider === null ? undefined : endpointOf(db, tenantId, provider);
  const check =
    endpoint && tenant
      ? verifyWebhook(signingSecrets(endpoint, clockOf(tenant, wall).now()), headers, raw, { nowMs: wall.now() })
      : { ok: false as const, reason: provider === null ? 'the body names no provider' : `the tenant has no ${provider} endpoint whose secret could verify it` };
  const eventId = headers.get(webhookHeaders.id);
  const kept: Record<string, string> = {};
  for (const name of [...Object.values(webhookHeaders), 'Content-Type']) {
    const value = headers.get(name);
    if (value !== null) kept[name] = value;
  }
  const delivery: InboxDelivery = {
    number: inbox.next++,
    receivedAt: new Date(wall.now()).toISOString(),
    eventId,
    type: headers.get(webhookHeaders.type),
    provider,
    headers: kept,
    body: raw.length > inboxBodyChars ? raw.slice(0, inboxBodyChars) : body,
    signature: check.ok ? { valid: true, reason: null } : { valid: false, reason: check.reason },
    duplicate: eventId !== null && inbox.deliveries.some((d) => d.eventId === eventId && d.signature.valid),
    answered: check.ok ? status : 400,
  };
  inbox.deliveries.push(delivery);
  if (inbox.deliveries.length > inboxCapacity) inbox.deliveries.splice(0, inbox.deliveries.length - inboxCapacity);
  return delivery;
}

/** The tenant's deliveries in the order they arrived. */
export const inboxDeliveries = (db: Db, tenantId: string): readonly InboxDelivery[] => inboxOf(db, tenantId).deliveries;

/** Empties the tenant's inbox (its numbering starts again too). */
export function emptyInbox(db: Db, tenantId: string): void {
  inboxes.get(db)?.delete(tenantId);
}
