// One registry of id prefixes, so an id in a journal says what it is (tenant → ten_...).
import { randomBytes } from 'node:crypto';

const prefixes = {
  tenant: 'ten',
  tokenPair: 'tkp',
  apiKey: 'jak',
  secretKey: 'jsk',
} as const;

export type IdKind = keyof typeof prefixes;

export function newId(kind: IdKind, bytes = 12): string {
  return `${prefixes[kind]}_${randomBytes(bytes).toString('base64url')}`;
}
