// Ids come from a pool of random bytes refilled as it runs out: every id is still fresh, across
// refills, and each kind keeps its shape.
import { describe, expect, test } from 'vitest';
import { newDigits, newId, randomPart } from '../../src/core/ids.js';
import { newIceId, newUrlToken } from '../../src/providers/ice/ids.js';

describe('ids from the pool of random bytes', () => {
  test('10,000 ids of each kind (many refills of the 4 KiB pool) are all different and keep their shapes', () => {
    const ids = Array.from({ length: 10_000 }, () => newId('webhookEvent'));
    const digits = Array.from({ length: 10_000 }, () => newDigits(14));
    const tokens = Array.from({ length: 10_000 }, () => newUrlToken());
    const ice = Array.from({ length: 10_000 }, () => newIceId('charge'));
    for (const list of [ids, digits, tokens, ice]) expect(new Set(list).size).toBe(list.length);
    expect(ids.every((id) => /^whe_[\w-]{16}$/.test(id))).toBe(true);
    expect(digits.every((d) => /^[1-9]\d{13}$/.test(d))).toBe(true);
    expect(tokens.every((t) => /^[\w-]{24}$/.test(t))).toBe(true);
    expect(ice.every((id) => /^chg_[\w-]{16}$/.test(id))).toBe(true);
    expect(newId('webhookSecret', 32)).toMatch(/^whsec_[\w-]{43}$/);
  });

  test('a request larger than the pool gets its own bytes; consecutive parts never overlap', () => {
    expect(randomPart(10_000).length).toBe(10_000);
    const a = Buffer.from(randomPart(4000));
    const b = Buffer.from(randomPart(4000));
    expect(a.equals(b)).toBe(false);
  });
});
