// What a report says in outline (rank, score, cheques, current contract), before the details:
// from the test-code table when the subject is listed, else drawn from the subject's seed.
import type { Faker } from '@faker-js/faker';
import { weighted } from '../../../core/world/random.js';
import { bandOf, bands, type Band } from './bands.js';
import { testCodeFor, type ReportSubject } from './test-codes.js';

export interface Plan {
  band: Band | null;
  score: number | null;
  bouncedCheques: number;
  current: boolean;
}

// About one in eight has never borrowed nor guaranteed; most of the rest sit in B and C.
const rankWeights: readonly (readonly [Band | null, number])[] = [
  [null, 12],
  ...bands.map((b, i) => [b, [2, 3, 4, 7, 9, 9, 9, 8, 7, 6, 5, 4, 3, 2, 2][i]!] as const),
];

export function planFor(f: Faker, subject: ReportSubject): Plan {
  const listed = testCodeFor(subject);
  if (listed) {
    const band = listed.rank ? bandOf(listed.rank) : null;
    return { band, score: listed.score, bouncedCheques: listed.bouncedCheques, current: listed.currentContract };
  }
  const band = weighted(f, rankWeights);
  if (!band) return { band: null, score: null, bouncedCheques: 0, current: false };
  return {
    band,
    score: f.number.int({ min: band.minScore, max: band.maxScore }),
    bouncedCheques: f.number.int({ min: band.cheques[0], max: band.cheques[1] }),
    // Some good payers have only settled facilities left.
    current: band.lateness.status !== 'CURRENT' || f.datatype.boolean({ probability: 0.85 }),
  };
}
