// Comparing Persian names: Arabic and Persian letter forms, ZWNJ, diacritics and spacing are
// not differences. Similarity is the edit distance turned into a 0–100 percentage.
import { distance } from 'fastest-levenshtein';

export function normalizeName(name: string): string {
  return name
    .replace(/\u064A|\u0649/g, '\u06CC') // Arabic yeh / alef maksura → Persian yeh
    .replace(/\u0643/g, '\u06A9') // Arabic kaf → Persian keheh
    .replace(/[\u0629]/g, '\u0647') // teh marbuta → heh
    .replace(/[\u064B-\u065F\u0670]/g, '') // diacritics
    .replace(/[\u200C\u200D\u200F\u200E]/g, ' ') // ZWNJ and direction marks
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

export const sameName = (a: string, b: string) => normalizeName(a) === normalizeName(b);

/** 100 for the same name, 0 for nothing in common. */
export function similarityPercent(given: string, actual: string): number {
  const [a, b] = [normalizeName(given), normalizeName(actual)];
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 100;
  return Math.round(100 * (1 - distance(a, b) / longest));
}
