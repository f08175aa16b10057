// The 15 credit-rank bands A1..E3 over the 0–900 score, each 60 points wide, with the
// Persian description and score reasons a report shows (spec/ice.md §5, PROPOSAL: the seed
// shows only B2 = 610, "خوب"). The band also decides how a generated history behaves.
import { digitsEnToFa } from '@persian-tools/persian-tools';

export const rankIds = ['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3'] as const;
export type RankId = (typeof rankIds)[number];

/** How late the worst current facility of a band's person is: the status and the unpaid instalments. */
export interface Lateness {
  status: 'CURRENT' | 'OVERDUE' | 'DEFERRED' | 'DOUBTFUL';
  instalments: readonly [min: number, max: number];
}

export interface Band {
  rank: RankId;
  minScore: number;
  maxScore: number;
  /** The report's rankDescription. */
  description: string;
  /** The same in English, for the documentation only. */
  label: string;
  reasons: readonly string[];
  lateness: Lateness;
  /** Bounced cheques a generated person of this band has (inclusive range). */
  cheques: [number, number];
}

const onTime: Lateness = { status: 'CURRENT', instalments: [0, 0] };
const late = (status: 'OVERDUE' | 'DEFERRED' | 'DOUBTFUL', min: number, max: number): Lateness => ({ status, instalments: [min, max] });

type Row = [RankId, string, string, Lateness, [number, number], string[]];

// Lateness follows the central bank's classes: overdue up to 6 months (سررسید گذشته),
// deferred 6 to 18 (معوق), doubtful beyond 18 (مشکوک‌الوصول); a monthly instalment each month.
const rows: Row[] = [
  ['A1', 'عالی', 'excellent', onTime, [0, 0], ['سابقه طولانی بازپرداخت به‌موقع همه اقساط', 'نداشتن بدهی سررسید گذشته، معوق یا مشکوک‌الوصول', 'نسبت کم بدهی جاری به کل تسهیلات دریافتی']],
  ['A2', 'عالی', 'excellent', onTime, [0, 0], ['بازپرداخت به‌موقع همه اقساط', 'سابقه مناسب در دریافت و تسویه تسهیلات']],
  ['A3', 'بسیار خوب', 'very good', onTime, [0, 0], ['بازپرداخت به‌موقع اقساط', 'حجم متناسب تعهدات جاری']],
  ['B1', 'بسیار خوب', 'very good', onTime, [0, 0], ['بازپرداخت منظم اقساط', 'سابقه اعتباری کوتاه‌تر از رتبه‌های A']],
  ['B2', 'خوب', 'good', onTime, [0, 0], ['بازپرداخت اقساط بدون تأخیر قابل توجه', 'حجم متوسط تعهدات جاری']],
  ['B3', 'خوب', 'good', late('OVERDUE', 1, 1), [0, 0], ['تأخیر کوتاه در پرداخت یک قسط', 'حجم تعهدات جاری نسبت به سابقه بازپرداخت']],
  ['C1', 'متوسط', 'fair', late('OVERDUE', 1, 2), [0, 0], ['وجود اقساط سررسید گذشته', 'تأخیرهای کوتاه در بازپرداخت']],
  ['C2', 'متوسط', 'fair', late('OVERDUE', 2, 4), [0, 1], ['وجود اقساط سررسید گذشته', 'تأخیرهای مکرر در بازپرداخت']],
  ['C3', 'متوسط', 'fair', late('OVERDUE', 4, 6), [0, 1], ['وجود اقساط سررسید گذشته تا شش ماه', 'حجم بالای تعهدات جاری']],
  ['D1', 'ضعیف', 'poor', late('DEFERRED', 7, 9), [0, 2], ['وجود بدهی معوق', 'تأخیر بیش از شش ماه در بازپرداخت']],
  ['D2', 'ضعیف', 'poor', late('DEFERRED', 10, 14), [0, 2], ['وجود بدهی معوق', 'تأخیر بیش از ده ماه در بازپرداخت']],
  ['D3', 'ضعیف', 'poor', late('DEFERRED', 15, 18), [0, 2], ['وجود بدهی معوق نزدیک به مشکوک‌الوصول', 'تأخیر بیش از یک سال در بازپرداخت']],
  ['E1', 'بسیار ضعیف', 'very poor', late('DOUBTFUL', 19, 24), [0, 3], ['وجود بدهی مشکوک‌الوصول', 'تأخیر بیش از هجده ماه در بازپرداخت']],
  ['E2', 'بسیار ضعیف', 'very poor', late('DOUBTFUL', 25, 30), [0, 4], ['وجود بدهی مشکوک‌الوصول', 'تأخیر بیش از دو سال در بازپرداخت']],
  ['E3', 'بسیار ضعیف', 'very poor', late('DOUBTFUL', 31, 36), [0, 4], ['وجود بدهی مشکوک‌الوصول', 'تأخیر بیش از دو سال و نیم در بازپرداخت', 'احتمال بالای عدم بازپرداخت']],
];

const width = 60;

/** A1 first; scores 840–900 are A1, 0–59 are E3, 600–659 (the seed's 610) are B2. */
export const bands: readonly Band[] = rows.map(([rank, description, label, lateness, cheques, reasons], i) => {
  const maxScore = 900 - i * width - (i === 0 ? 0 : 1);
  const minScore = 900 - (i + 1) * width;
  return { rank, minScore, maxScore, description, label, reasons, lateness, cheques };
});

const byRank = new Map(bands.map((b) => [b.rank, b]));
export const bandOf = (rank: RankId): Band => byRank.get(rank)!;

/** The band a 0–900 score falls in. */
export const bandForScore = (score: number): Band => bands.find((b) => score >= b.minScore && score <= b.maxScore)!;

export const noRankDescription = 'فاقد رتبه';

/** The seed's own reason, for a person with a history but no current contract. */
export const noCurrentContractReason = 'اطلاعات مشتری در پایگاه داده وجود دارد اما فاقد قرارداد می باشد.';

export const chequeReason = (count: number): string => `وجود ${digitsEnToFa(String(count))} فقره چک برگشتی`;
