// One registry of id prefixes, so an id in a journal says what it is (tenant → ten_...).
import { randomBytes } from 'node:crypto';

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

export function newId(kind: IdKind, bytes = 12): string {
  return `${prefixes[kind]}_${randomBytes(bytes).toString('base64url')}`;
}

/** A random number of `length` digits, not starting with 0 (authorities, reference ids). */
export function newDigits(length: number): string {
  const bytes = randomBytes(length);
  let out = String(1 + (bytes[0]! % 9));
  for (let i = 1; i < length; i++) out += String(bytes[i]! % 10);
  return out;
}
