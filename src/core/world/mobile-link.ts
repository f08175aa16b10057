// Ties generated persons to generated mobile lines so that a person's own line is owned by
// that person (Shahkar says "matched") while a random pair does not match.
//
// A line has one owner, and there are fewer valid mobiles (38 operator prefixes x 10^7) than
// national codes (10^9 bodies of 9 digits), so no rule can give every national code a line
// of its own. This one is a keyed bijection between all valid mobiles and 38% of national
// codes: for those, person(nc).mobile is owned by nc; every other person gets a line that
// belongs to someone else. Stored persons are unaffected: their lines are stored.
import { completeNationalCode, mobilePrefixes } from './numbers.js';
import { seedWords } from './random.js';

const space = 1_000_000_000n;
const lineSpace = BigInt(mobilePrefixes.length) * 10_000_000n;

function inverse(a: bigint, m: bigint): bigint {
  let [r0, r1, s0, s1] = [a, m, 1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  return ((s0 % m) + m) % m;
}

export interface MobileLink {
  /** The line derived for this national code, or undefined when the code has none. */
  mobileOf(nationalCode: string): string | undefined;
  /** The owner derived for this line, or undefined in the rare case of no valid code. */
  nationalCodeOf(mobile: string): string | undefined;
}

export function createMobileLink(seed: string): MobileLink {
  // body' = (a * body + c) mod 10^9 permutes the 9-digit bodies when a is prime to 10.
  const [w0 = 0, w1 = 0, w2 = 0] = seedWords(seed, 'mobile-link');
  let a = ((BigInt(w0) << 32n) | BigInt(w1)) % space | 1n;
  while (a % 5n === 0n) a += 2n;
  const c = BigInt(w2) % space;
  const aInverse = inverse(a, space);
  return {
    mobileOf(nationalCode) {
      const mixed = (a * BigInt(nationalCode.slice(0, 9)) + c) % space;
      if (mixed >= lineSpace) return undefined;
      const prefix = mobilePrefixes[Number(mixed / 10_000_000n)]!;
      return `0${prefix}${String(mixed % 10_000_000n).padStart(7, '0')}`;
    },
    nationalCodeOf(mobile) {
      const index = BigInt(mobilePrefixes.indexOf(mobile.slice(1, 4)));
      if (index < 0n) return undefined;
      const mixed = index * 10_000_000n + BigInt(mobile.slice(4));
      const body = (aInverse * ((((mixed - c) % space) + space) % space)) % space;
      return completeNationalCode(String(body).padStart(9, '0'));
    },
  };
}
