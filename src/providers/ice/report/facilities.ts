// A person's (or company's) facilities as of the issue day, and the summaries the report
// draws from them. Each facility is laid out month by month, so its figures always agree:
// paid + remaining = amount, overdue ≤ remaining, start + instalments = end.
import type { Faker } from '@faker-js/faker';
import { bankById, type KnownBankId } from '../../../core/world/banks.js';
import { digits } from '../../../core/world/random.js';
import type { Band } from './bands.js';
import { addMonths, monthsBefore, slashed, type Day } from './dates.js';
import { openStatuses, type CreditSummary, type Facility, type FacilityStatus, type Totals } from './schema.js';

/** Banks that lend to the public; the world's other banks (the central bank, say) do not. */
export const lendingBanks: readonly KnownBankId[] = [
  'MELLI', 'MELLAT', 'TEJARAT', 'SADERAT', 'SEPAH', 'MASKAN', 'KESHAVARZI', 'REFAH', 'PARSIAN', 'PASARGAD',
  'SAMAN', 'EGHTESAD_NOVIN', 'AYANDEH', 'SHAHR', 'RESALAT', 'MEHR_IRAN', 'POST', 'DAY', 'SINA', 'KARAFARIN',
];
const contractTypes = ['مرابحه', 'فروش اقساطی', 'قرض‌الحسنه', 'جعاله', 'مشارکت مدنی', 'اجاره به شرط تملیک'];
const terms = [12, 18, 24, 36, 48, 60];

/** What a history holds; `band` null means none at all. */
export interface HistoryPlan {
  band: Band | null;
  /** false: only settled facilities, no current contract (the seed's B2 example). */
  current: boolean;
}

/** Months late → the central bank's class of the debt. */
export function statusFor(overdueInstalments: number): FacilityStatus {
  if (overdueInstalments === 0) return 'CURRENT';
  if (overdueInstalments <= 6) return 'OVERDUE';
  return overdueInstalments <= 18 ? 'DEFERRED' : 'DOUBTFUL';
}

interface Draft {
  role: Facility['role'];
  /** Unpaid instalments already due; null for a settled facility. */
  overdue: number | null;
}

function layOut(f: Faker, today: Day, draft: Draft, scaleRial: number): Facility {
  const bank = f.helpers.arrayElement(lendingBanks);
  const overdue = draft.overdue ?? 0;
  // A late facility is still running: its term is longer than the instalments already due.
  const instalmentCount = f.helpers.arrayElement(terms.filter((t) => t > overdue + 1));
  // Instalments are whole multiples of 10,000 Rial, so amount = count × instalment exactly.
  const instalmentRial = f.number.int({ min: 1, max: 40 }) * Math.round(scaleRial / 40 / 10_000) * 10_000;
  const amountRial = instalmentCount * instalmentRial;
  let paidInstalments: number;
  let elapsed: number;
  if (draft.overdue === null) {
    paidInstalments = instalmentCount;
    elapsed = instalmentCount + f.number.int({ min: 1, max: 36 });
  } else {
    paidInstalments = f.number.int({ min: overdue === 0 ? 1 : 0, max: instalmentCount - overdue - 1 });
    elapsed = paidInstalments + overdue;
  }
  const start = monthsBefore(today, elapsed, f.number.int({ min: 1, max: 29 }));
  const status: FacilityStatus = draft.overdue === null ? 'SETTLED' : statusFor(overdue);
  return {
    contractNumber: `${f.number.int({ min: 1, max: 9 })}${digits(f, 11)}`,
    bank,
    bankName: bankById(bank)!.name,
    type: f.helpers.arrayElement(contractTypes),
    role: draft.role,
    amountRial,
    startDate: slashed(start),
    endDate: slashed(addMonths(start, instalmentCount)),
    instalmentCount,
    instalmentRial,
    paidInstalments,
    paidRial: paidInstalments * instalmentRial,
    remainingRial: amountRial - paidInstalments * instalmentRial,
    overdueInstalments: overdue,
    overdueRial: overdue * instalmentRial,
    status,
  };
}

/**
 * The facilities behind a band: one current facility as late as the band says, up to two more
 * on time, some settled ones and perhaps a guarantee. Oldest start first, as a timeline.
 * `scaleRial` is the largest instalment (a company borrows more than a person).
 */
export function facilitiesFor(f: Faker, plan: HistoryPlan, today: Day, scaleRial: number): Facility[] {
  if (!plan.band) return [];
  const [lo, hi] = plan.band.lateness.instalments;
  const drafts: Draft[] = [];
  if (plan.current) {
    drafts.push({ role: 'BORROWER', overdue: f.number.int({ min: lo, max: hi }) });
    for (let i = f.number.int({ min: 0, max: 2 }); i > 0; i--) drafts.push({ role: 'BORROWER', overdue: 0 });
    if (f.datatype.boolean({ probability: 0.3 })) drafts.push({ role: 'GUARANTOR', overdue: 0 });
  }
  for (let i = f.number.int({ min: plan.current ? 0 : 1, max: 3 }); i > 0; i--) drafts.push({ role: 'BORROWER', overdue: null });
  const facilities = drafts.map((d) => layOut(f, today, d, scaleRial));
  return facilities.sort((a, b) => a.startDate.localeCompare(b.startDate) || a.contractNumber.localeCompare(b.contractNumber));
}

function totals(list: readonly Facility[]): Totals {
  const sum = (key: 'amountRial' | 'paidRial' | 'remainingRial' | 'overdueRial') => list.reduce((n, x) => n + x[key], 0);
  return { count: list.length, amountRial: sum('amountRial'), paidRial: sum('paidRial'), remainingRial: sum('remainingRial'), overdueRial: sum('overdueRial') };
}

/** The report's summaries, computed from the facilities themselves so they always add up. */
export function summarize(facilities: readonly Facility[]): CreditSummary {
  const own = facilities.filter((x) => x.role === 'BORROWER');
  const running = own.filter((x) => x.status !== 'SETTLED');
  const byStatus = Object.fromEntries(
    openStatuses.map((s) => {
      const of = running.filter((x) => x.status === s);
      return [s, { count: of.length, remainingRial: of.reduce((n, x) => n + x.remainingRial, 0) }];
    }),
  ) as CreditSummary['mainCurrent']['byStatus'];
  return {
    mainCurrent: { ...totals(running), byStatus },
    guaranteedCurrent: totals(facilities.filter((x) => x.role === 'GUARANTOR' && x.status !== 'SETTLED')),
    all: { ...totals(own), settledCount: own.length - running.length },
  };
}
