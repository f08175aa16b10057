// Values for one parameter or field: mostly well formed (the document's examples and test
// values) and then bent: Persian and Arabic-Indic digits, RTL marks, emoji, lone surrogates,
// control characters and NUL, padding, huge repeats (up to ~100 KB), other credentials.
import fc from 'fast-check';
import type { Text } from './text.js';

const persian = (v: string) => v.replace(/\d/g, (d) => String.fromCharCode(0x06f0 + Number(d)));
const arabic = (v: string) => v.replace(/\d/g, (d) => String.fromCharCode(0x0660 + Number(d)));

/** Characters that break naive code: RTL and bidi marks, ZWNJ, emoji, a lone surrogate, BOM, NUL, controls. */
export const oddChars = ['\u200f', '\u202e', '\u200c', '\u061c', '😀', '👨‍👩‍👧', '\ud800', '\udfff', '\ufeff', '\u0000', '\u0001', '\u001b', '\u007f', '\u0085', '\u2028', '\r\n', '\t', 'ي', 'ك', '٫', '%', '&', '=', '+', '#', '?', '/', '\\', '"', "'", '<', '>', '{', '}', '[', ']'];

/** Texts every field gets tried with, whatever it is. */
const generic = [
  '', ' ', '0', '-1', '-0', '1e309', 'NaN', 'null', 'true', 'undefined', '9'.repeat(30), '0x10', '۱۲۳', '١٢٣',
  "' OR 1=1 --", '__proto__', 'constructor', '../../etc/passwd', '%00', '%E0%A4%A', '${jndi:x}', '{{apiKey}}', '{{refreshToken}}', '{{freepayKey}}',
];

const huge: fc.Arbitrary<Text> = fc
  .record({ repeat: fc.constantFrom('1', 'a', 'ن', '۹', '😀', '\u202e', '%', ' ', '\u0000'), times: fc.integer({ min: 1_000, max: 100_000 }) })
  .map((r): Text => r);

/**
 * Bait for backtracking regexes: a run of one character and then one that breaks the match. Short
 * enough (at most 27 and 40) that a regex taking exponential time stalls for seconds, not forever.
 */
export const regexBait: fc.Arbitrary<Text> = fc.oneof(
  fc.integer({ min: 16, max: 27 }).map((n): Text => ({ join: [{ repeat: '1', times: n }, '!'] })),
  fc.integer({ min: 28, max: 40 }).map((n): Text => ({ join: [{ repeat: 'a', times: n }, '!'] })),
);

/** A value for a field whose well-formed values are `valid` (may be empty). `maxHuge` bounds repeats. */
export function valueArb(valid: readonly string[], maxHuge = 100_000, baseWeight = 8): fc.Arbitrary<Text> {
  const base = valid.length > 0 ? fc.constantFrom(...valid) : fc.constantFrom('6037991234567893', '0123456789', '13600331', '09123456789', 'IR120170000001234567890123', 'MELLI');
  const bent = fc.tuple(base, fc.constantFrom(...oddChars), fc.nat()).map(([v, ch, at]) => {
    const i = v.length === 0 ? 0 : at % (v.length + 1);
    return v.slice(0, i) + ch + v.slice(i);
  });
  const hugeArb = maxHuge >= 100_000 ? huge : huge.map((h) => (typeof h === 'object' && 'times' in h ? { ...h, times: Math.min(h.times, maxHuge) } : h));
  return fc.oneof(
    { weight: baseWeight, arbitrary: base },
    { weight: 2, arbitrary: base.map(persian) },
    { weight: 1, arbitrary: base.map(arabic) },
    { weight: 3, arbitrary: bent },
    { weight: 1, arbitrary: base.map((v) => `  ${v}\t`) },
    { weight: 1, arbitrary: base.map((v) => v.toLowerCase() === v ? v.toUpperCase() : v.toLowerCase()) },
    { weight: 2, arbitrary: fc.constantFrom(...generic) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: hugeArb },
    { weight: 1, arbitrary: fc.tuple(base, hugeArb).map(([v, h]): Text => ({ join: [v, h] })) },
    { weight: 1, arbitrary: fc.tuple(hugeArb, fc.constantFrom(...oddChars)).map(([h, ch]): Text => ({ join: [h, ch] })) },
    { weight: 1, arbitrary: regexBait },
  );
}

/** A name for an extra parameter: a field of some other endpoint, a near miss, or noise. */
export function nameArb(fieldNames: readonly string[]): fc.Arbitrary<Text> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...fieldNames) },
    { weight: 1, arbitrary: fc.constantFrom(...fieldNames).map((n) => n.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom('', '__proto__', 'constructor', 'number[]', 'a.b', '%', '\u0000', 'نام', '😀', ' number') },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  );
}
