// creditReportFor: the whole credit report of a natural or legal person. The same subject gives
// the same report on every call; only its dates move with the issue instant.
import { verifyIranianLegalId } from '@persian-tools/persian-tools';
import { isValidNationalCode } from '../../../core/world/numbers.js';
import { lazyFaker, reseed } from '../../../core/world/random.js';
import type { World } from '../../../core/world/types.js';
import { chequeReason, noCurrentContractReason, noRankDescription } from './bands.js';
import { bouncedChequesFor, chequesNote } from './cheques.js';
import { jalaliParts, tehranIso } from '../time.js';
import { issueDay, slashed, type Day } from './dates.js';
import { facilitiesFor, summarize } from './facilities.js';
import { planFor, type Plan } from './plan.js';
import { legalSubject, naturalSubject } from './subjects.js';
import type { CreditReport, LegalCreditReport, NaturalCreditReport } from './schema.js';
import type { ReportSubject } from './test-codes.js';

/** The request's subject plus the mobile that receives the consent SMS (not read: see naturalSubject). */
export type ReportRequest = ReportSubject & { mobile: string };

// Largest instalment and cheque, in Rial: a company borrows ten times what a person does.
const scaleRial = { natural: 100_000_000, legal: 1_000_000_000 } as const;

export const isValidLegalId = (id: string): boolean => /^\d{11}$/.test(id) && verifyIranianLegalId(id) === true;

// One faker, made on the first report (not at start-up) and re-seeded per report; a report is
// built synchronously, start to end.
const faker = lazyFaker();

const notInRegistry = { code: 'NOT_IN_REGISTRY', message: 'اطلاعات هویتی این شخص در ثبت احوال یافت نشد؛ گزارش رتبه ندارد.' } as const;
const noHistory = { code: 'NO_LOANS_OR_GUARANTEES', message: 'شخص فاقد سابقه وام و ضمانت است؛ گزارش رتبه ندارد.' } as const;

/**
 * The report of `request`'s subject, issued at `issuedAtMs` (the tenant clock), or undefined when
 * the national code or national id is not valid. A natural person is the one `world` answers for
 * the code (stored or generated on demand), so a valid code always has a report; a person the
 * registry does not know has no rank. Seeded by the subject and, for a person, the world's
 * identity of them, so two worlds give the same code different histories.
 */
export function creditReportFor(world: World, request: ReportRequest & { personType: 'natural' }, issuedAtMs: number): NaturalCreditReport | undefined;
export function creditReportFor(world: World, request: ReportRequest & { personType: 'legal' }, issuedAtMs: number): LegalCreditReport | undefined;
export function creditReportFor(world: World, request: ReportRequest, issuedAtMs: number): CreditReport | undefined;
export function creditReportFor(world: World, request: ReportRequest, issuedAtMs: number): CreditReport | undefined {
  const today = issueDay(issuedAtMs);
  if (request.personType === 'natural') {
    const person = isValidNationalCode(request.nationalCode) ? world.person(request.nationalCode) : undefined;
    if (!person) return undefined;
    const f = reseed(faker(), 'ice-report', 'natural', person.nationalCode, person.firstName, person.lastName, person.birthDate);
    const subject = naturalSubject(f, world, person, today);
    const plan: Plan = person.registry === 'NOT_FOUND' ? { band: null, score: null, bouncedCheques: 0, current: false } : planFor(f, request);
    const report: NaturalCreditReport = {
      personType: 'natural',
      ...history(plan, today, issuedAtMs, scaleRial.natural, person.registry === 'NOT_FOUND' ? notInRegistry : noHistory),
      ...subject,
    };
    return report;
  }
  if (!isValidLegalId(request.nationalId)) return undefined;
  const f = reseed(faker(), 'ice-report', 'legal', request.nationalId);
  const subject = legalSubject(f, world, request.nationalId);
  const report: LegalCreditReport = {
    personType: 'legal',
    ...history(planFor(f, request), today, issuedAtMs, scaleRial.legal, noHistory),
    ...subject,
  };
  return report;
}

type History = Omit<NaturalCreditReport, 'personType' | 'person' | 'contact'>;

function history(plan: Plan, today: Day, issuedAtMs: number, scale: number, noRank: NonNullable<History['noRankReason']>): History {
  // Drawn after the subject, from the faker as the caller seeded it.
  const f = faker();
  const facilities = plan.band ? facilitiesFor(f, plan, today, scale) : [];
  const bouncedCheques = bouncedChequesFor(f, plan.bouncedCheques, today, scale);
  // With only settled facilities, the reasons about current debt would not fit: the band's
  // first reason (about repayment) and the seed's "no contract" stand instead.
  const reasons = !plan.band ? [] : plan.current ? [...plan.band.reasons] : [plan.band.reasons[0]!, noCurrentContractReason];
  if (bouncedCheques.length > 0) reasons.push(chequeReason(bouncedCheques.length));
  return {
    issuedAt: tehranIso(issuedAtMs),
    issuedDay: slashed(today),
    issuedTime: jalaliParts(issuedAtMs).time,
    rank: plan.band?.rank ?? null,
    score: plan.band ? plan.score : null,
    rankDescription: plan.band?.description ?? noRankDescription,
    noRankReason: plan.band ? null : noRank,
    scoreReasons: reasons,
    bouncedCheques,
    bouncedChequesNote: chequesNote(bouncedCheques.length),
    facilities,
    creditSummary: summarize(facilities),
  };
}
