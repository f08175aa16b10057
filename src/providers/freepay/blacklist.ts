// Shaparak's blacklist (help centre, seed 002 lines 229, 242): a high-risk merchant is listed by
// national code (a person) or national ID (a company), and every gateway of that identity stops
// (no request, no page, no verify) until it leaves the list. Shaparak keeps one list for every
// PSP, so the sandbox keeps one per instance, across tenants (docs/decisions/007-freepay-fidelity.md).
import { getMeta, setMeta } from '../../core/meta.js';
import { isValidNationalCode, toAsciiDigits } from '../../core/world/numbers.js';
import type { Db } from '../../db/index.js';
import type { FreepayMerchant } from './merchant.js';

export type IdentityKind = 'nationalCode' | 'nationalId';

export interface BlacklistEntry {
  identity: string;
  kind: IdentityKind;
  reason: string | null;
  /** When it was listed, by the instance's wall clock: the list is no tenant's. */
  listedAtMs: number;
}

// Kept in `meta` as one JSON row: a short list, read in one primary-key lookup per call.
const metaKey = 'freepay_shaparak_blacklist';

export function blacklist(db: Db): BlacklistEntry[] {
  const stored = getMeta(db, metaKey);
  return stored === undefined ? [] : (JSON.parse(stored) as BlacklistEntry[]);
}

/** A national code (10 digits with its check digit) or national ID (11 digits), in ASCII digits; else the reason it is neither. */
export function identityOf(text: string): { identity: string; kind: IdentityKind } | { refusal: string } {
  const identity = toAsciiDigits(text.trim());
  if (/^\d{10}$/.test(identity)) {
    return isValidNationalCode(identity) ? { identity, kind: 'nationalCode' } : { refusal: `${identity} is not a valid national code (its check digit does not match)` };
  }
  if (/^\d{11}$/.test(identity)) return { identity, kind: 'nationalId' };
  return { refusal: `${text} is neither a national code (10 digits) nor a national ID (11 digits)` };
}

/** Lists an identity; one listed before keeps its first date, and takes the new reason if one is given. */
export function listIdentity(db: Db, entry: BlacklistEntry): { entry: BlacklistEntry; created: boolean } {
  return db.transaction(() => {
    const entries = blacklist(db);
    const existing = entries.find((e) => e.identity === entry.identity);
    if (existing) {
      if (entry.reason !== null) existing.reason = entry.reason;
      setMeta(db, metaKey, JSON.stringify(entries));
      return { entry: existing, created: false };
    }
    setMeta(db, metaKey, JSON.stringify([...entries, entry]));
    return { entry, created: true };
  });
}

/** Takes an identity off the list; false when it was not on it. */
export function unlistIdentity(db: Db, identity: string): boolean {
  return db.transaction(() => {
    const entries = blacklist(db);
    const kept = entries.filter((e) => e.identity !== identity);
    if (kept.length === entries.length) return false;
    setMeta(db, metaKey, JSON.stringify(kept));
    return true;
  });
}

/** The entry that lists this merchant's national code or national ID, if any. */
export function listingOf(db: Db, merchant: Pick<FreepayMerchant, 'nationalCode' | 'nationalId'>): BlacklistEntry | undefined {
  const ids = [merchant.nationalCode, merchant.nationalId].filter((id): id is string => id !== null);
  if (ids.length === 0) return undefined;
  return blacklist(db).find((e) => ids.includes(e.identity));
}

/**
 * Is every gateway of this merchant stopped? Its identity is on Shaparak's list, or Freepay itself
 * has set this one merchant's status to blacklisted (line 242: the PSP disables the gateway too).
 */
export const merchantBlacklisted = (db: Db, merchant: FreepayMerchant): boolean => merchant.status === 'blacklisted' || listingOf(db, merchant) !== undefined;
