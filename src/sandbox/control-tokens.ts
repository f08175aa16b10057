// The control API's credentials: the admin token, and tenant control tokens derived from the
// instance secret, so they need no table, survive a reset and a restart, and die with the database.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { BlockList, isIPv4, isIPv6 } from 'node:net';
import type { Db } from '../db/index.js';
import { derivedKey } from '../core/meta.js';
import { getTenant } from '../core/tenants.js';

/** What an admin token must look like: long enough to guess at no rate, and sendable in a header as is. */
export function adminTokenProblem(token: string): string | undefined {
  if (token.length < 16) return 'must be at least 16 characters (for example: openssl rand -base64 32)';
  if (!/^[\x21-\x7e]+$/.test(token)) return 'must be printable ASCII without spaces';
  return undefined;
}

/** A fresh admin token for a sandbox that listens beyond loopback with none given. */
export const generateAdminToken = () => randomBytes(32).toString('base64url');

/** Equal strings, compared in constant time: hashes first, so lengths say nothing either. */
export function sameSecret(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

/** A base64url HMAC-SHA256 without padding. */
const macLength = 43;

/**
 * A credential naming one tenant: `<prefix><tenant id>_<HMAC of the id>` under a key of its own
 * purpose, so it needs no table, survives a reset and a restart, and is never valid as another's.
 */
export function tenantCredential(purpose: string, prefix: string) {
  const macOf = (db: Db, tenantId: string) => createHmac('sha256', derivedKey(db, purpose)).update(tenantId).digest('base64url');
  const make = (db: Db, tenantId: string) => `${prefix}${tenantId}_${macOf(db, tenantId)}`;
  /** The tenant the credential was made for, when this sandbox made it; it need not exist any more. */
  const tenantOf = (db: Db, credential: string): string | undefined => {
    if (!credential.startsWith(prefix) || credential.length < prefix.length + 2 + macLength) return undefined;
    if (credential[credential.length - macLength - 1] !== '_') return undefined;
    const tenantId = credential.slice(prefix.length, -macLength - 1);
    return sameSecret(credential, make(db, tenantId)) ? tenantId : undefined;
  };
  return { make, tenantOf };
}

const controlTokens = tenantCredential('mahak tenant control token v1', 'mtc_');

/** `mtc_<tenant id>_<HMAC of the id>`: controls that tenant's /_sandbox/tenants/{id}/… routes only. */
export const tenantControlToken = controlTokens.make;

/** The tenant a control token was made for, when this sandbox made it; it need not exist any more. */
export const tenantOfControlToken = controlTokens.tenantOf;

export const tenantExists = (db: Db, tenantId: string) => getTenant(db, tenantId) !== undefined;

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** Whether an address to listen on is reachable only from this machine: 127.0.0.0/8, ::1, localhost. */
export function isLoopbackHost(host: string): boolean {
  const address = host.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  if (address === 'localhost') return true;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address)?.[1];
  if (isIPv4(mapped ?? address)) return loopback.check(mapped ?? address, 'ipv4');
  return isIPv6(address) && loopback.check(address, 'ipv6');
}
