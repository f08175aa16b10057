// journalText: any value a request carries becomes bounded JSON text, never an exception.
import { describe, expect, test } from 'vitest';
import { journalHeadChars, journalMaxBytes, journalMaxDepth, journalText, maskSecret } from '../../src/core/journal-text.js';

const nested = (levels: number): unknown => {
  let value: unknown = 1;
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
};
const parsed = (value: unknown) => JSON.parse(journalText(value)!) as unknown;

describe('journalText', () => {
  test.each([
    ['null', null, null],
    ['undefined', undefined, null],
    ['a flat body', { number: '6037991234567893' }, '{"number":"6037991234567893"}'],
    ['a list', [1, 'two', null], '[1,"two",null]'],
    ['a text', 'plain', '"plain"'],
  ])('%s is written as JSON.stringify writes it', (_name, value, text) => {
    expect(journalText(value)).toBe(text);
  });

  test('credentials are masked at any depth they may sit', () => {
    expect(parsed({ apiKey: 'jak_0123456789abcdef', nested: { secretKey: 'short', list: [{ token: 'tok_0123456789abcdef' }] } })).toEqual({
      apiKey: 'jak_…cdef',
      nested: { secretKey: '****', list: [{ token: 'tok_…cdef' }] },
    });
  });

  test(`${journalMaxDepth} levels are kept whole; one more is cut, with the size and head of the whole text`, () => {
    expect(parsed(nested(journalMaxDepth))).toEqual(nested(journalMaxDepth));
    const text = JSON.stringify(nested(journalMaxDepth + 1));
    expect(parsed(nested(journalMaxDepth + 1))).toEqual({ $cut: true, reason: 'too_deep', bytes: text.length, head: text });
  });

  test('a body nested 100,000 deep is cut without overflowing the stack, its secrets masked in the head', () => {
    const deep = { apiKey: 'jak_0123456789abcdef', x: nested(100_000) };
    const text = `{"apiKey":"${maskSecret('jak_0123456789abcdef')}","x":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    expect(parsed(deep)).toEqual({ $cut: true, reason: 'too_deep', bytes: Buffer.byteLength(text), head: text.slice(0, journalHeadChars) });
  });

  test(`a body of exactly ${journalMaxBytes} bytes is kept; one byte more is cut`, () => {
    const fits = { f: 'x'.repeat(journalMaxBytes - '{"f":""}'.length) };
    expect(journalText(fits)).toBe(JSON.stringify(fits));
    const over = { f: `${fits.f}x` };
    const text = JSON.stringify(over);
    expect(parsed(over)).toEqual({ $cut: true, reason: 'too_large', bytes: journalMaxBytes + 1, head: text.slice(0, journalHeadChars) });
  });

  test('size counts UTF-8 bytes, and a head never ends on half a character', () => {
    const emoji = { ee: '😀'.repeat(20_000) };
    const text = JSON.stringify(emoji);
    const cutBody = parsed(emoji) as { bytes: number; head: string };
    expect(cutBody.bytes).toBe(Buffer.byteLength(text));
    // `{"ee":"` is 7 characters: the 1,024th character would be the first half of a pair.
    expect(cutBody.head).toBe(text.slice(0, journalHeadChars - 1));
  });

  test('a 5 MB body is stored as a marker of about a kilobyte', () => {
    const huge = { f: 'x'.repeat(5_000_000) };
    expect(journalText(huge)!.length).toBeLessThan(journalHeadChars + 100);
  });

  test('members a JSON text leaves out are left out of a cut body too, commas and all', () => {
    const value = { gone: undefined, f: () => 1, kept: [undefined, 1], deep: nested(journalMaxDepth) };
    const text = JSON.stringify(value);
    expect(parsed(value)).toEqual({ $cut: true, reason: 'too_deep', bytes: text.length, head: text.slice(0, journalHeadChars) });
  });

  test.each([
    ['a cycle', (() => { const o: Record<string, unknown> = { a: 1 }; o.self = o; return o; })(), { $cut: true, reason: 'unserialisable', bytes: 0, head: '' }],
    ['a BigInt', { n: 10n }, { $cut: true, reason: 'unserialisable', bytes: 0, head: '' }],
    ['a getter that throws', Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('no'); } }), { $cut: true, reason: 'unserialisable', bytes: 0, head: '' }],
  ])('%s gives a marker, not an exception', (_name, value, marker) => {
    expect(parsed(value)).toEqual(marker);
  });
});
