// The nearest of some names to a misspelt one, for "did you mean" hints in error messages.
import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `word` by edit distance (case and spaces ignored), or undefined when
 * none is close enough to be a plausible slip: at most a third of the word's letters, and 3.
 */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const plain = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const wanted = plain(word);
  const allowed = Math.min(3, Math.max(1, Math.floor(wanted.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(wanted, plain(candidate));
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= allowed ? best : undefined;
}
