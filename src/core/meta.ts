// Small facts the database keeps about itself (the token signing secret, the world seed).
import { createHmac, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { meta } from '../db/schema/index.js';
import { prepared } from './prepared.js';

/** Prepared once: Freepay's blacklist is read from here on every merchant call. */
const byKey = (db: Db) => db.select({ value: meta.value }).from(meta).where(eq(meta.key, sql.placeholder('key'))).prepare();

export function getMeta(db: Db, key: string): string | undefined {
  return prepared(db, byKey).get({ key })?.value;
}

export function setMeta(db: Db, key: string, value: string): void {
  db.insert(meta).values({ key, value }).onConflictDoUpdate({ target: meta.key, set: { value } }).run();
}

/** The token signing secret: made on first start and kept, so tokens survive a restart. */
export function signingSecret(db: Db): string {
  const existing = getMeta(db, 'token_secret');
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  setMeta(db, 'token_secret', secret);
  return secret;
}

const derived = new WeakMap<Db, Map<string, Buffer>>();

/**
 * A key of its own for one purpose, derived from the database's secret (so it survives a restart
 * and dies with the database): one purpose's tokens or MACs are never valid for another.
 */
export function derivedKey(db: Db, purpose: string): Buffer {
  let keys = derived.get(db);
  if (!keys) derived.set(db, (keys = new Map()));
  let key = keys.get(purpose);
  if (!key) keys.set(purpose, (key = createHmac('sha256', signingSecret(db)).update(purpose).digest()));
  return key;
}
