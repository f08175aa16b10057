// Test national codes and national ids with a documented report, the way payment providers
// publish test cards: each fixes the rank, the score, the bounced cheques and whether a current
// contract exists; everything else (banks, amounts, dates) is generated as for any code.
// Natural codes are 0020000 + a two-digit number + the check digit (Tehran's prefix 002);
// legal ids are 101012345 + one digit + the check digit.
import { bandOf, bands, type RankId } from './bands.js';

export type ReportSubject = { personType: 'natural'; nationalCode: string } | { personType: 'legal'; nationalId: string };

export interface ReportTestCode {
  subject: ReportSubject;
  /** A short key: rank-B2, no-rank, bounced-cheques, no-current-contract. */
  outcome: string;
  rank: RankId | null;
  score: number | null;
  bouncedCheques: number;
  /** false: only settled facilities (the seed's "has no contract"). */
  currentContract: boolean;
  note: string;
  noteFa: string;
}

const natural = (nationalCode: string): ReportSubject => ({ personType: 'natural', nationalCode });
const legal = (nationalId: string): ReportSubject => ({ personType: 'legal', nationalId });
const middle = (rank: RankId) => Math.floor((bandOf(rank).minScore + bandOf(rank).maxScore) / 2);

const bandCodes = [
  '0020000014', '0020000022', '0020000030', '0020000049', '0020000057', '0020000065', '0020000073', '0020000081',
  '0020000091', '0020000103', '0020000111', '0020000121', '0020000138', '0020000146', '0020000154',
];

/** One code per band (scoring the middle of it, no cheques), then the special outcomes. */
export const reportTestCodes: readonly ReportTestCode[] = [
  ...bands.map((band, i): ReportTestCode => ({
    subject: natural(bandCodes[i]!),
    outcome: `rank-${band.rank}`,
    rank: band.rank,
    score: middle(band.rank),
    bouncedCheques: 0,
    currentContract: true,
    note: `rank ${band.rank} (${band.label}), score ${middle(band.rank)}; worst facility ${band.lateness.status}`,
    noteFa: `رتبه ${band.rank} (${band.description})`,
  })),
  {
    subject: natural('0020000162'), outcome: 'no-rank', rank: null, score: null, bouncedCheques: 0, currentContract: false,
    note: 'no loans or guarantees: no rank, no score', noteFa: 'فاقد وام و ضمانت؛ بدون رتبه',
  },
  {
    subject: natural('0020000170'), outcome: 'bounced-cheques', rank: 'C3', score: 365, bouncedCheques: 2, currentContract: true,
    note: 'two bounced cheques; rank C3, score 365', noteFa: 'دارای دو فقره چک برگشتی؛ رتبه C3',
  },
  {
    subject: natural('0123456789'), outcome: 'no-current-contract', rank: 'B2', score: 610, bouncedCheques: 0, currentContract: false,
    note: "the Jibit demo person: the seed's example report, rank B2, score 610, only settled facilities",
    noteFa: 'نمونه گزارش راهنما: رتبه B2، امتیاز ۶۱۰، بدون قرارداد جاری',
  },
  {
    subject: legal('10101234508'), outcome: 'rank-B1', rank: 'B1', score: 690, bouncedCheques: 0, currentContract: true,
    note: 'a company ranked B1, score 690', noteFa: 'شخص حقوقی با رتبه B1',
  },
  {
    subject: legal('10101234512'), outcome: 'no-rank', rank: null, score: null, bouncedCheques: 0, currentContract: false,
    note: 'a company with no loans or guarantees: no rank', noteFa: 'شخص حقوقی فاقد وام و ضمانت؛ بدون رتبه',
  },
  {
    subject: legal('10101234527'), outcome: 'bounced-cheques', rank: 'D1', score: 330, bouncedCheques: 3, currentContract: true,
    note: 'a company with three bounced cheques; rank D1, score 330', noteFa: 'شخص حقوقی با سه فقره چک برگشتی؛ رتبه D1',
  },
];

const byKey = new Map(reportTestCodes.map((t) => [subjectKey(t.subject), t]));

export function subjectKey(s: ReportSubject): string {
  return s.personType === 'natural' ? `natural:${s.nationalCode}` : `legal:${s.nationalId}`;
}

export const testCodeFor = (s: ReportSubject): ReportTestCode | undefined => byKey.get(subjectKey(s));
