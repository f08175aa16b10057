// Passwords, for any provider's accounts: kept as scrypt hashes (node:crypto) with a salt each and
// compared in constant time; the common strength rule is checked before anything is stored.
import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

/** scrypt's cost: N=2^14 keeps a login under a few milliseconds on a small machine. */
const keyBytes = 32;
const params = { N: 16384, r: 8, p: 1 } as const;

export function hashPassword(password: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(password.normalize('NFC'), salt, keyBytes, params);
  return `scrypt$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

const publishedHashes = new Map<string, string>();

/**
 * The hash of a password the documents print (a ready account's): made once per process and
 * shared by every account opened with it, since scrypt holds the only thread for tens of
 * milliseconds and a suite opens a tenant per test. Sharing a salt reveals nothing here: the
 * password itself is published.
 */
export function hashPublishedPassword(password: string): string {
  let hash = publishedHashes.get(password);
  if (hash === undefined) publishedHashes.set(password, (hash = hashPassword(password)));
  return hash;
}

export function passwordMatches(password: string, stored: string): boolean {
  const [scheme, saltText, hashText] = stored.split('$');
  if (scheme !== 'scrypt' || !saltText || !hashText) return false;
  const expected = Buffer.from(hashText, 'base64url');
  const actual = scryptSync(password.normalize('NFC'), Buffer.from(saltText, 'base64url'), expected.length, params);
  return timingSafeEqual(actual, expected);
}

/** 8 to 64 characters, with an upper-case and a lower-case English letter and a digit. */
export const isStrongPassword = (password: string) =>
  password.length >= 8 && password.length <= 64 && /[A-Z]/.test(password) && /[a-z]/.test(password) && /\d/.test(password);
