// Webhook signatures: HMAC-SHA256 with the endpoint's secret over "<timestamp>.<raw body>", hex,
// sent as `v1=<hex>` once per secret that signs (two during a rotation's overlap). verifyWebhook
// is the documented way for a receiver to check one (README "Webhooks").
import { createHmac, timingSafeEqual } from 'node:crypto';
import { systemClock } from '../clock.js';

export const webhookHeaders = {
  id: 'Mahak-Webhook-Id',
  type: 'Mahak-Webhook-Type',
  timestamp: 'Mahak-Webhook-Timestamp',
  signature: 'Mahak-Webhook-Signature',
} as const;

/** How far a timestamp may be from the receiver's clock, by default. */
export const defaultToleranceSeconds = 300;

type Body = string | Uint8Array;

function hmacHex(secret: string, timestamp: string, rawBody: Body): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** The Mahak-Webhook-Signature value: `v1=<hex>` per secret, separated by a space. */
export function signatureHeader(secrets: readonly string[], timestamp: string, rawBody: string): string {
  return secrets.map((secret) => `v1=${hmacHex(secret, timestamp, rawBody)}`).join(' ');
}

/** Headers as fetch, Node's http module or a plain object holds them. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyOptions {
  /** Seconds the timestamp may be from now, either way (default 300); Infinity skips the check. */
  toleranceSeconds?: number;
  /** The receiver's now, in epoch milliseconds (default: the system clock). */
  nowMs?: number;
}

export type WebhookVerification =
  | { ok: true; id: string; type: string; timestampSeconds: number }
  | { ok: false; reason: string };

function headerOf(headers: WebhookHeaders, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  const key = Object.keys(headers).find((k) => k.toLowerCase() === wanted);
  const value = key === undefined ? undefined : headers[key];
  return Array.isArray(value) ? value.join(' ') : value;
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

/**
 * Checks a delivery as received: the signature of one of `secret` (or of the list, while a
 * rotation's overlap lasts) over the raw body exactly as it arrived, and a timestamp within the
 * tolerance. Answers the event's id and type, or why the delivery is not to be trusted.
 */
export function verifyWebhook(
  secret: string | readonly string[],
  headers: WebhookHeaders,
  rawBody: Body,
  options: VerifyOptions = {},
): WebhookVerification {
  const id = headerOf(headers, webhookHeaders.id);
  const type = headerOf(headers, webhookHeaders.type);
  const timestamp = headerOf(headers, webhookHeaders.timestamp);
  const signature = headerOf(headers, webhookHeaders.signature);
  if (!id || !type || !timestamp || !signature) return { ok: false, reason: 'a Mahak-Webhook-Id, -Type, -Timestamp or -Signature header is missing' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: `Mahak-Webhook-Timestamp ${JSON.stringify(timestamp)} is not whole seconds since the epoch` };
  const timestampSeconds = Number(timestamp);
  const tolerance = options.toleranceSeconds ?? defaultToleranceSeconds;
  const skewSeconds = Math.abs((options.nowMs ?? systemClock.now()) / 1000 - timestampSeconds);
  if (skewSeconds > tolerance) return { ok: false, reason: `the timestamp is ${Math.round(skewSeconds)} s from now, more than the ${tolerance} s allowed` };
  const sent = signature.split(/[\s,]+/).flatMap((part) => (part.startsWith('v1=') ? [part.slice(3)] : []));
  const secrets = typeof secret === 'string' ? [secret] : secret;
  const expected = secrets.map((s) => hmacHex(s, timestamp, rawBody));
  if (!sent.some((hex) => expected.some((want) => sameHex(hex, want)))) return { ok: false, reason: 'no v1 signature matches the secret' };
  return { ok: true, id, type, timestampSeconds };
}
