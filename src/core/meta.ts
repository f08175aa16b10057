// Small facts the database keeps about itself (the token signing secret, the world seed).
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from '../db/index.js';
import { meta } from '../db/schema/index.js';

export function getMeta(db: Db, key: string): string | undefined {
  return db.select().from(meta).where(eq(meta.key, key)).get()?.value;
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
