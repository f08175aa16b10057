// How the control API shows webhooks: an endpoint (its secret masked, as after every creation
// answer) and an event with its attempts, times as ISO-8601 in UTC.
import { z } from '@hono/zod-openapi';
import type { AppDeps } from '../core/http.js';
import { maskSecret } from '../core/journal.js';
import type { EndpointRow } from '../core/webhooks/endpoints.js';
import type { AttemptRow, EventRow } from '../core/webhooks/events.js';
import { deliveryFaultKinds, parseFault, type EventFault } from '../core/webhooks/faults.js';
import { SandboxError } from './errors.js';
import { isoTime } from './tenant-view.js';

const iso = (ms: number | null) => (ms === null ? null : isoTime(ms));

export const WebhookEndpointSchema = z
  .object({
    provider: z.string(),
    url: z.string(),
    ordered: z.boolean(),
    paused: z.boolean(),
    secret: z.string().openapi({ description: 'Masked, except in the answers that set or rotate it' }),
    previousSecretSignsUntil: z.string().nullable().openapi({ description: 'After a rotation: until when (tenant clock) the old secret signs too' }),
    updatedAt: z.string(),
  })
  .openapi('WebhookEndpoint');

export function endpointView(row: EndpointRow, tenantNowMs: number, secret?: string): z.infer<typeof WebhookEndpointSchema> {
  const overlapping = row.previousUntilMs !== null && row.previousUntilMs > tenantNowMs;
  return {
    provider: row.provider,
    url: row.url,
    ordered: row.ordered,
    paused: row.paused,
    secret: secret ?? maskSecret(row.secret),
    previousSecretSignsUntil: overlapping ? iso(row.previousUntilMs) : null,
    updatedAt: isoTime(row.updatedAtMs),
  };
}

export const WebhookAttemptSchema = z
  .object({
    number: z.number().int(),
    at: z.string().openapi({ description: 'Tenant clock' }),
    wallAt: z.string().openapi({ description: 'Wall clock' }),
    url: z.string(),
    result: z.enum(['sending', 'succeeded', 'failed']),
    status: z.number().int().nullable(),
    latencyMs: z.number().int().nullable(),
    error: z.string().nullable(),
    responseHead: z.string().nullable().openapi({ description: 'The first 2 KiB of the answer body' }),
    fault: z.string().nullable().openapi({ description: "What a scenario's delivery fault did to this attempt: a bad signature, a duplicate, a late send, nothing sent" }),
  })
  .openapi('WebhookAttempt');

export const WebhookEventSchema = z
  .object({
    id: z.string(),
    provider: z.string(),
    type: z.string(),
    occurredAt: z.string(),
    state: z.enum(['pending', 'delivered', 'failed', 'no_endpoint']),
    nextAttemptAt: z.string().nullable().openapi({ description: 'Tenant clock; real time brings it due too' }),
    payload: z.unknown(),
    fault: z
      .object({ rule: z.string(), kind: z.enum(deliveryFaultKinds), attempts: z.number().int().nullable() })
      .nullable()
      .openapi({ description: "The delivery fault the tenant's scenario put on the event (rule <scenario>/<id>); attempts: how many carry it (bad-signature, endpoint-down)" }),
    attempts: z.array(WebhookAttemptSchema),
  })
  .openapi('WebhookEvent');

export function attemptView(a: AttemptRow): z.infer<typeof WebhookAttemptSchema> {
  return {
    number: a.number,
    at: isoTime(a.atMs),
    wallAt: isoTime(a.wallAtMs),
    url: a.url,
    result: a.result ?? 'sending',
    status: a.status,
    latencyMs: a.latencyMs,
    error: a.error,
    responseHead: a.responseHead,
    fault: a.fault,
  };
}

export function eventView(event: EventRow, attempts: readonly AttemptRow[]): z.infer<typeof WebhookEventSchema> {
  return {
    id: event.id,
    provider: event.provider,
    type: event.type,
    occurredAt: isoTime(event.occurredAtMs),
    state: event.state,
    nextAttemptAt: iso(event.nextAtMs),
    payload: JSON.parse(event.payload) as unknown,
    fault: faultView(parseFault(event.fault)),
    attempts: attempts.map(attemptView),
  };
}

function faultView(fault: EventFault | undefined) {
  if (!fault) return null;
  const counted = fault.kind === 'bad-signature' || fault.kind === 'endpoint-down';
  return { rule: fault.label, kind: fault.kind, attempts: counted ? fault.attempts : null };
}

/** The provider named in a path: one the sandbox mounts. */
export function requireProvider(deps: AppDeps, provider: string): string {
  const ids = deps.providers.map((p) => p.id);
  if (!ids.includes(provider)) throw new SandboxError(404, 'not_found', `provider ${provider} does not exist; use ${ids.join(', ')}`);
  return provider;
}
