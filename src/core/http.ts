// What every request handler can reach: the app's dependencies and the per-request state
// the pipeline fills in (endpoint, tenant, tenant clock).
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { BlockList, isIP } from 'node:net';
import type { Db } from '../db/index.js';
import type { Clock } from './clock.js';
import type { Journal } from './journal.js';
import type { Meter } from './meter.js';
import type { Outbox } from './outbox.js';
import type { ScenarioBook } from './scenarios/book.js';
import type { ScenarioEngine } from './scenarios/rules.js';
import type { Holds } from './scenarios/act.js';
import type { FaultKind } from './scenarios/schema.js';
import { clockOf, type TenantRow } from './tenants.js';
import type { TokenService } from './tokens.js';
import type { World } from './world/types.js';
import type { Provider } from './provider.js';
import type { WebhookDeliveries } from './webhooks/deliveries.js';

export interface AppDeps {
  db: Db;
  world: World;
  /** The wall clock every tenant clock is offset from. */
  wall: Clock;
  tokens: TokenService;
  /** Wallets, daily usage and charges of every tenant. */
  meter: Meter;
  /** Every provider call, per tenant. */
  journal: Journal;
  /** Every SMS and webhook the sandbox sends, per tenant. */
  outbox: Outbox;
  /** The webhook delivery loop: emit wakes it; the control API redelivers through it. */
  webhooks: WebhookDeliveries;
  /** Read the caller's address from X-Forwarded-For. */
  trustProxy: boolean;
  /** Every scenario loaded or uploaded. */
  scenarios: ScenarioBook;
  /** Which scenario rule answers a request, with attempt counters per tenant and scenario. */
  rules: ScenarioEngine;
  /** Answers held back by scenario delays and hangs. */
  holds: Holds;
  /** Every provider mounted, in the order the composition root lists them. */
  providers: readonly Provider[];
}

export interface AppVariables {
  deps: AppDeps;
  /** Catalog id of the provider endpoint this request was routed to. */
  endpointId?: string;
  tenant?: TenantRow;
  clock?: Clock;
  /** The request's query parameters, read once by the pipeline. */
  query?: URLSearchParams;
  /** A POST's JSON object body, read once by the pipeline. */
  jsonBody?: Record<string, unknown>;
  /** The body and error code answered, and what the call was charged: for the journal. */
  answerBody?: unknown;
  answerCode?: string;
  chargedRial?: number;
  /** The scenario rule that decided the answer, and the fault it made, if any. */
  rule?: string;
  fault?: FaultKind;
}

/** Handlers read these with c.get(name): hono's c.var builds a new object on every access. */
export type AppEnv = { Variables: AppVariables };
export type AppContext = Context<AppEnv>;

type NodeBindings =
  | { incoming?: { url?: string; headers: Record<string, string | string[] | undefined>; rawHeaders?: string[]; socket?: { remoteAddress?: string } } }
  | undefined;

/**
 * The call belongs to this tenant from here on: its clock, its scenario, its journal (which
 * then shows the call even when it is refused). Nothing happens without a tenant.
 */
export function identify(c: AppContext, tenant: TenantRow | undefined): Clock | undefined {
  if (!tenant) return undefined;
  const clock = clockOf(tenant, c.get('deps').wall);
  c.set('tenant', tenant);
  c.set('clock', clock);
  return clock;
}

/**
 * What c.json(body, status) answers, written out: left to inference, the type is too long for
 * declaration files (the package's build) to hold.
 */
export type JsonAnswer<T, S extends 200 | 201 | 202 = 200> = Response & TypedResponse<JSONParsed<T>, S, 'json'>;

/** Answers 200 with the JSON `body`, kept for the journal. */
export function answer<T extends object>(c: AppContext, body: T): JsonAnswer<T> {
  c.set('answerBody', body);
  return c.json(body, 200);
}

/**
 * A request header, read from Node's own header object when the request came over a socket:
 * hono's c.req.header() first builds a WHATWG Headers object, which costs more than the read.
 */
export function header(c: AppContext, name: string): string | undefined {
  const incoming = (c.env as NodeBindings)?.incoming;
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name.toLowerCase()];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * A credential header (Authorization) that must come once: its value, and whether the request
 * repeated it. Node keeps only the first Authorization in its header object and drops the rest,
 * so its raw header lines are counted; in-process, a Headers object joins repeats with ", ",
 * which no bearer token (RFC 6750) and no generated API key contains.
 */
export function credentialHeader(c: AppContext, name: string): { value: string | undefined; repeated: boolean } {
  const raw = (c.env as NodeBindings)?.incoming?.rawHeaders;
  const wanted = name.toLowerCase();
  if (!raw) {
    const value = c.req.header(name);
    return { value, repeated: value?.includes(', ') ?? false };
  }
  let value: string | undefined;
  let seen = 0;
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.length === wanted.length && raw[i]!.toLowerCase() === wanted) {
      seen += 1;
      value ??= raw[i + 1];
    }
  }
  return { value, repeated: seen > 1 };
}

/**
 * The token of `Authorization: Bearer <token>` ('' when the header is missing or names another
 * scheme), and whether Authorization came more than once: every caller refuses a repeated one
 * rather than take the first, as Node alone would.
 */
export function bearerCredential(c: AppContext): { token: string; repeated: boolean } {
  const sent = credentialHeader(c, 'authorization');
  return { token: bearerOf(sent.value ?? ''), repeated: sent.repeated };
}

/**
 * What /^\s*Bearer\s+(.*?)\s*$/i takes from a header, read by hand: the lazy group made that
 * expression try the end of the value at every character of a long token, on every call.
 */
function bearerOf(value: string): string {
  const v = value.trim();
  if (v.length < 7 || v.slice(0, 6).toLowerCase() !== 'bearer' || !/\s/.test(v[6]!)) return '';
  const token = v.slice(7).trimStart();
  // The expression's '.' stops at line ends, so a token across lines was no token.
  return /[\n\r\u2028\u2029]/.test(token) ? '' : token;
}

/** The raw query string (without '?'), from Node's request line when there is one. */
export function rawQuery(c: AppContext): string {
  const url = (c.env as NodeBindings)?.incoming?.url ?? c.req.url;
  const at = url.indexOf('?');
  return at < 0 ? '' : url.slice(at + 1);
}

/** Query parameters as an object; a parameter sent more than once becomes a list. */
export function queryObject(params: URLSearchParams | undefined): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params ?? []) {
    const seen = out[key];
    out[key] = seen === undefined ? value : Array.isArray(seen) ? [...seen, value] : [seen, value];
  }
  return out;
}

/** The caller's IP address, or undefined when it cannot be known (in-process requests). */
export function callerAddress(c: AppContext): string | undefined {
  if (c.get('deps').trustProxy) {
    const forwarded = header(c, 'x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return unmapIpv4(forwarded);
  }
  const address = (c.env as NodeBindings)?.incoming?.socket?.remoteAddress;
  return address ? unmapIpv4(address) : undefined;
}

const unmapIpv4 = (address: string) => (address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address);

/** Block lists built once per allowlist: a tenant's settings, and so its list, are cached. */
const blockLists = new WeakMap<readonly string[], BlockList>();

function blockListOf(allowed: readonly string[]): BlockList {
  let list = blockLists.get(allowed);
  if (!list) {
    list = new BlockList();
    for (const entry of allowed) {
      const [ip, bits] = entry.split('/');
      const family = isIP(ip ?? '') === 6 ? 'ipv6' : 'ipv4';
      if (bits === undefined) list.addAddress(ip!, family);
      else list.addSubnet(ip!, Number(bits), family);
    }
    blockLists.set(allowed, list);
  }
  return list;
}

/**
 * May this request's caller call, given a list of addresses and CIDR ranges? An empty list
 * allows anyone (and the caller's address is not even read); an unknown address is refused.
 */
export function callerAllowed(c: AppContext, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const address = callerAddress(c);
  if (!address || isIP(address) === 0) return false;
  return blockListOf(allowed).check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/** Is this a valid allowlist entry: an IPv4/IPv6 address, optionally with a /prefix? */
export function isIpOrCidr(entry: string): boolean {
  const [ip, bits, extra] = entry.split('/');
  if (extra !== undefined || !ip) return false;
  const family = isIP(ip);
  if (family === 0) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (family === 4 ? 32 : 128);
}
