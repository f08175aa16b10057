// One registry of id prefixes, so an id in a journal says what it is (tenant → ten_...).
import { randomFillSync } from 'node:crypto';

const prefixes = {
  tenant: 'ten',
  tokenPair: 'tkp',
  apiKey: 'jak',
  secretKey: 'jsk',
  freepayKey: 'fpk',
  settlement: 'stl',
  webhookEvent: 'whe',
  webhookSecret: 'whsec',
} as const;

export type IdKind = keyof typeof prefixes;

// Random bytes are taken from a pool filled 4 KiB at a time: a hot call makes two or three ids,
// and a fresh randomBytes() for each (a buffer and a call into OpenSSL) cost more than the rest.
const pool = Buffer.allocUnsafe(4096);
let poolUsed = pool.length;

/** `count` cryptographically random bytes, valid until the next call: use them at once. */
export function randomPart(count: number): Buffer {
  if (count > pool.length) return randomFillSync(Buffer.allocUnsafe(count));
  if (poolUsed + count > pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  return pool.subarray(poolUsed, (poolUsed += count));
}

export function newId(kind: IdKind, bytes = 12): string {
  return `${prefixes[kind]}_${randomPart(bytes).toString('base64url')}`;
}

/** A random number of `length` digits, not starting with 0 (authorities, reference ids). */
export function newDigits(length: number): string {
  const bytes = randomPart(length);
  let out = String(1 + (bytes[0]! % 9));
  for (let i = 1; i < length; i++) out += String(bytes[i]! % 10);
  return out;
}
