// The credit report body (spec/ice.md §5 and §8), for a natural person and for a legal person.
// Money in Rial, integers; dates Jalali yyyy/MM/dd; codes in English, texts in Persian.
import { z } from '@hono/zod-openapi';
import { bankIds } from '../../../core/world/types.js';
import { rankIds } from './bands.js';

const rial = z.number().int().nonnegative();
const jalaliDay = z.string().regex(/^\d{4}\/\d{2}\/\d{2}$/).openapi({ example: '1381/08/21' });

export const facilityStatuses = ['CURRENT', 'OVERDUE', 'DEFERRED', 'DOUBTFUL', 'SETTLED'] as const;
export type FacilityStatus = (typeof facilityStatuses)[number];
/** The statuses of a facility still running (all but SETTLED). */
export const openStatuses = ['CURRENT', 'OVERDUE', 'DEFERRED', 'DOUBTFUL'] as const;

export const Facility = z
  .strictObject({
    contractNumber: z.string(),
    bank: z.enum(bankIds),
    bankName: z.string(),
    /** The Islamic-banking contract, in Persian (مرابحه, فروش اقساطی, ...). */
    type: z.string(),
    /** BORROWER: the person's own facility; GUARANTOR: someone else's, guaranteed by the person. */
    role: z.enum(['BORROWER', 'GUARANTOR']),
    /** The whole sum to repay, principal and profit: instalmentCount × instalmentRial. */
    amountRial: rial,
    startDate: jalaliDay,
    endDate: jalaliDay,
    instalmentCount: z.number().int().positive(),
    instalmentRial: rial,
    paidInstalments: z.number().int().nonnegative(),
    paidRial: rial,
    remainingRial: rial,
    overdueInstalments: z.number().int().nonnegative(),
    overdueRial: rial,
    /** CURRENT on time; OVERDUE up to 6 months late; DEFERRED 7–18; DOUBTFUL beyond 18; SETTLED repaid. */
    status: z.enum(facilityStatuses),
  })
  .openapi('IceFacility');
export type Facility = z.infer<typeof Facility>;

export const BouncedCheque = z
  .strictObject({
    /** The 16-digit Sayad id printed on the cheque. */
    sayadId: z.string().regex(/^\d{16}$/),
    chequeNumber: z.string(),
    bank: z.enum(bankIds),
    bankName: z.string(),
    amountRial: rial,
    dueDate: jalaliDay,
    bouncedDate: jalaliDay,
    reason: z.string(),
  })
  .openapi('IceBouncedCheque');
export type BouncedCheque = z.infer<typeof BouncedCheque>;

export const Totals = z
  .strictObject({ count: z.number().int().nonnegative(), amountRial: rial, paidRial: rial, remainingRial: rial, overdueRial: rial })
  .openapi('IceCreditTotals');
export type Totals = z.infer<typeof Totals>;

const StatusLine = z.strictObject({ count: z.number().int().nonnegative(), remainingRial: rial });

export const CreditSummary = z
  .strictObject({
    /** The person's own running facilities (role BORROWER, not SETTLED), by status too. */
    mainCurrent: Totals.extend({ byStatus: z.strictObject(Object.fromEntries(openStatuses.map((s) => [s, StatusLine])) as Record<(typeof openStatuses)[number], typeof StatusLine>) }),
    /** Running facilities the person guarantees (role GUARANTOR, not SETTLED). */
    guaranteedCurrent: Totals,
    /** Every facility of the person's own, settled ones included. */
    all: Totals.extend({ settledCount: z.number().int().nonnegative() }),
  })
  .openapi('IceCreditSummary');
export type CreditSummary = z.infer<typeof CreditSummary>;

const NoRankReason = z.strictObject({
  code: z.enum(['NO_LOANS_OR_GUARANTEES', 'NOT_IN_REGISTRY']),
  message: z.string(),
});

const Contact = z
  .strictObject({ phone: z.string(), mobile: z.string(), address: z.string(), postalCode: z.string() })
  .openapi('IceContact');

/** Fields both report kinds share: rank, cheques, facilities, summary and when it was issued. */
const common = {
  /** ISO 8601 with Tehran's offset, from the tenant clock. */
  issuedAt: z.string(),
  issuedDay: jalaliDay,
  issuedTime: z.string().regex(/^\d{2}:\d{2}$/),
  rank: z.enum(rankIds).nullable(),
  score: z.number().int().min(0).max(900).nullable(),
  rankDescription: z.string(),
  /** Set exactly when rank is null. */
  noRankReason: NoRankReason.nullable(),
  scoreReasons: z.array(z.string()),
  contact: Contact,
  bouncedCheques: z.array(BouncedCheque),
  /** The panel's line about cheques ("شخص دارای چک برگشتی ثبت شده نمی باشد." when none). */
  bouncedChequesNote: z.string(),
  facilities: z.array(Facility),
  creditSummary: CreditSummary,
};

export const Person = z
  .strictObject({
    nationalCode: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    fullName: z.string(),
    birthDate: jalaliDay,
    fatherName: z.string(),
    gender: z.enum(['MALE', 'FEMALE']),
    /** The city of the national code's issuing office, or "ایران" when its prefix names none (as in the seed). */
    birthPlace: z.string(),
    maritalStatus: z.enum(['SINGLE', 'MARRIED']),
  })
  .openapi('IcePerson');

/**
 * A legal person (company), found by its 11-digit national id (shenase melli). Its managing
 * director is a person of the world; the contact mobile is theirs, the address a world postal record.
 */
export const Company = z
  .strictObject({
    nationalId: z.string().regex(/^\d{11}$/),
    name: z.string(),
    /** The legal form in Persian (سهامی خاص, با مسئولیت محدود, ...). */
    type: z.string(),
    registrationNumber: z.string(),
    registrationDate: jalaliDay,
    registrationPlace: z.string(),
    managingDirector: z.strictObject({ nationalCode: z.string(), fullName: z.string() }),
  })
  .openapi('IceCompany');

export const NaturalCreditReport = z.strictObject({ personType: z.literal('natural'), ...common, person: Person }).openapi('IceNaturalCreditReport');
export const LegalCreditReport = z.strictObject({ personType: z.literal('legal'), ...common, company: Company }).openapi('IceLegalCreditReport');

/** Rank, score and noRankReason agree: all three set with a rank, or rank and score null with a reason. */
export const CreditReport = z
  .discriminatedUnion('personType', [NaturalCreditReport, LegalCreditReport])
  .refine((r) => (r.rank === null) === (r.score === null) && (r.rank === null) === (r.noRankReason !== null), 'rank, score and noRankReason disagree')
  .openapi('IceCreditReport');

export type NaturalCreditReport = z.infer<typeof NaturalCreditReport>;
export type LegalCreditReport = z.infer<typeof LegalCreditReport>;
export type CreditReport = z.infer<typeof CreditReport>;
