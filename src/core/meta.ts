// Small facts the database keeps about itself (the token signing secret, the world seed).
import { randomBytes } from 'node:crypto';
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
