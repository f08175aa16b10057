// The ICE credit report body: deterministic per subject, the world's own person, sums that add
// up, each documented test code's outcome, the schema, and the legal-person variant.
import { OpenAPIHono, createRoute } from '@hono/zod-openapi';
import { getPlaceByIranNationalId, verifyIranianLegalId } from '@persian-tools/persian-tools';
import { afterAll, describe, expect, test } from 'vitest';
import { loadFixtures } from '../../src/core/world/fixtures.js';
import { completeLegalId, completeNationalCode, isValidNationalCode } from '../../src/core/world/numbers.js';
import type { World } from '../../src/core/world/types.js';
import {
  bandForScore,
  bandOf,
  bands,
  CreditReport,
  creditReportFor,
  reportTestCodes,
  type Facility,
  type ReportSubject,
} from '../../src/providers/ice/report/index.js';
import { sandbox } from '../helpers.js';

const instance = sandbox();
const world: World = instance.deps.world;
afterAll(() => instance.close());

/** 2026-03-20 14:23 in Tehran: Jalali 1404/12/29, the last day of the year. */
const issuedAtMs = Date.parse('2026-03-20T10:53:00Z');
const mobile = '09121234567';
const natural = (nationalCode: string) => ({ personType: 'natural' as const, nationalCode, mobile });
const legal = (nationalId: string) => ({ personType: 'legal' as const, nationalId, mobile });
const reportOf = (subject: ReportSubject, at = issuedAtMs) => creditReportFor(world, { ...subject, mobile }, at)!;

/** Valid codes that are not test codes: 0030 + five digits + check digit. */
const generatedCodes = Array.from({ length: 400 }, (_, i) => completeNationalCode(`0030${String(i * 7919 % 100_000).padStart(5, '0')}`))
  .filter((c): c is string => c !== undefined);
const generatedIds = Array.from({ length: 60 }, (_, i) => completeLegalId(`1020${String(i * 104_729 % 1_000_000).padStart(6, '0')}`))
  .filter((c): c is string => c !== undefined);
const everySubject: ReportSubject[] = [
  ...reportTestCodes.map((t) => t.subject),
  ...generatedCodes.map((c) => ({ personType: 'natural' as const, nationalCode: c })),
  ...generatedIds.map((c) => ({ personType: 'legal' as const, nationalId: c })),
];

test('the demo person 0123456789 gets the same whole report every time: B2, 610, only settled facilities', () => {
  const expected = {
    personType: 'natural',
    issuedAt: '2026-03-20T14:23:00+03:30',
    issuedDay: '1404/12/29',
    issuedTime: '14:23',
    rank: 'B2',
    score: 610,
    rankDescription: 'خوب',
    noRankReason: null,
    scoreReasons: ['بازپرداخت اقساط بدون تأخیر قابل توجه', 'اطلاعات مشتری در پایگاه داده وجود دارد اما فاقد قرارداد می باشد.'],
    bouncedCheques: [],
    bouncedChequesNote: 'شخص دارای چک برگشتی ثبت شده نمی باشد.',
    facilities: [
      {
        contractNumber: '257535741173', bank: 'SAMAN', bankName: 'بانک سامان', type: 'جعاله', role: 'BORROWER',
        amountRial: 1_980_000_000, startDate: '1401/02/22', endDate: '1403/02/22', instalmentCount: 24, instalmentRial: 82_500_000,
        paidInstalments: 24, paidRial: 1_980_000_000, remainingRial: 0, overdueInstalments: 0, overdueRial: 0, status: 'SETTLED',
      },
      {
        contractNumber: '938395961482', bank: 'MASKAN', bankName: 'بانک مسکن', type: 'اجاره به شرط تملیک', role: 'BORROWER',
        amountRial: 360_000_000, startDate: '1401/11/29', endDate: '1404/11/29', instalmentCount: 36, instalmentRial: 10_000_000,
        paidInstalments: 36, paidRial: 360_000_000, remainingRial: 0, overdueInstalments: 0, overdueRial: 0, status: 'SETTLED',
      },
    ],
    creditSummary: {
      mainCurrent: {
        count: 0, amountRial: 0, paidRial: 0, remainingRial: 0, overdueRial: 0,
        byStatus: {
          CURRENT: { count: 0, remainingRial: 0 },
          OVERDUE: { count: 0, remainingRial: 0 },
          DEFERRED: { count: 0, remainingRial: 0 },
          DOUBTFUL: { count: 0, remainingRial: 0 },
        },
      },
      guaranteedCurrent: { count: 0, amountRial: 0, paidRial: 0, remainingRial: 0, overdueRial: 0 },
      all: { count: 2, amountRial: 2_340_000_000, paidRial: 2_340_000_000, remainingRial: 0, overdueRial: 0, settledCount: 2 },
    },
    person: {
      nationalCode: '0123456789', firstName: 'علی', lastName: 'محمدی', fullName: 'علی محمدی', birthDate: '1360/03/31',
      fatherName: 'حسین', gender: 'MALE', birthPlace: 'ایران', maritalStatus: 'SINGLE',
    },
    contact: {
      phone: '07688527094',
      mobile: '09123456789',
      address: 'استان هرمزگان، شهرستان قشم، خیابان ستارخان، پلاک ۶۱، طبقه ۲',
      postalCode: '5371583267',
    },
  };
  expect(creditReportFor(world, natural('0123456789'), issuedAtMs)).toEqual(expected);
  expect(creditReportFor(world, natural('0123456789'), issuedAtMs)).toEqual(expected);
});

test('every subject gets an equal report from a second sandbox of the same world seed', () => {
  const other = sandbox();
  try {
    for (const subject of everySubject.slice(0, 80)) {
      expect(creditReportFor(other.deps.world, { ...subject, mobile }, issuedAtMs)).toEqual(reportOf(subject));
    }
  } finally {
    other.close();
  }
});

test('a later issue instant moves the dates only: rank, score, amounts and reasons stay', () => {
  const undated = (r: CreditReport) => ({
    ...r,
    issuedAt: '', issuedDay: '', issuedTime: '',
    facilities: r.facilities.map(({ startDate: _s, endDate: _e, ...rest }) => rest),
    bouncedCheques: r.bouncedCheques.map(({ dueDate: _d, bouncedDate: _b, ...rest }) => rest),
  });
  const yearLater = issuedAtMs + 365 * 86_400_000;
  for (const subject of everySubject.slice(0, 40)) {
    const now = reportOf(subject);
    const later = reportOf(subject, yearLater);
    expect(undated(later)).toEqual(undated(now));
    expect(later.issuedDay).toBe('1405/12/29');
    for (const [i, f] of later.facilities.entries()) expect(f.startDate > now.facilities[i]!.startDate).toBe(true);
  }
});

test('the report names the person the world (and so Jibit) answers for the code', () => {
  const codes = [...reportTestCodes.flatMap((t) => (t.subject.personType === 'natural' ? [t.subject.nationalCode] : [])), ...generatedCodes.slice(0, 50)];
  for (const code of codes) {
    const p = world.person(code)!;
    expect(creditReportFor(world, natural(code), issuedAtMs)!.person).toEqual({
      nationalCode: code,
      firstName: p.firstName,
      lastName: p.lastName,
      fullName: `${p.firstName} ${p.lastName}`,
      birthDate: `${p.birthDate.slice(0, 4)}/${p.birthDate.slice(4, 6)}/${p.birthDate.slice(6)}`,
      fatherName: p.fatherName,
      gender: p.gender,
      birthPlace: getPlaceByIranNationalId(code)?.city ?? 'ایران',
      maritalStatus: expect.stringMatching(/^(SINGLE|MARRIED)$/),
    });
    expect(reportOf({ personType: 'natural', nationalCode: code }).contact.mobile).toBe(p.mobile);
  }
});

test('the contact address is the world postal record of its postal code', () => {
  for (const subject of everySubject.slice(0, 60)) {
    const { contact } = reportOf(subject);
    expect(contact.address).toBe(world.postal(contact.postalCode)!.address);
    expect(contact.phone).toMatch(/^0\d{2}[2-8]\d{7}$/);
  }
});

/** The summaries recomputed here, independently of the generator. */
function expectedSummary(facilities: Facility[]) {
  const sum = (list: Facility[]) => ({
    count: list.length,
    amountRial: list.reduce((n, f) => n + f.amountRial, 0),
    paidRial: list.reduce((n, f) => n + f.paidRial, 0),
    remainingRial: list.reduce((n, f) => n + f.remainingRial, 0),
    overdueRial: list.reduce((n, f) => n + f.overdueRial, 0),
  });
  const own = facilities.filter((f) => f.role === 'BORROWER');
  const running = own.filter((f) => f.status !== 'SETTLED');
  const line = (status: string) => {
    const of = running.filter((f) => f.status === status);
    return { count: of.length, remainingRial: of.reduce((n, f) => n + f.remainingRial, 0) };
  };
  return {
    mainCurrent: { ...sum(running), byStatus: { CURRENT: line('CURRENT'), OVERDUE: line('OVERDUE'), DEFERRED: line('DEFERRED'), DOUBTFUL: line('DOUBTFUL') } },
    guaranteedCurrent: sum(facilities.filter((f) => f.role === 'GUARANTOR' && f.status !== 'SETTLED')),
    all: { ...sum(own), settledCount: own.length - running.length },
  };
}

test('each facility adds up, and the summaries add up exactly from facilities[]', () => {
  let facilitiesSeen = 0;
  for (const subject of everySubject) {
    const r = reportOf(subject);
    for (const f of r.facilities) {
      facilitiesSeen++;
      expect(f.amountRial).toBe(f.instalmentCount * f.instalmentRial);
      expect(f.paidRial).toBe(f.paidInstalments * f.instalmentRial);
      expect(f.paidRial + f.remainingRial).toBe(f.amountRial);
      expect(f.overdueRial).toBe(f.overdueInstalments * f.instalmentRial);
      expect(f.overdueRial).toBeLessThanOrEqual(f.remainingRial);
      expect(f.startDate < f.endDate && f.startDate < r.issuedDay).toBe(true);
      const k = f.overdueInstalments;
      const status = f.paidInstalments === f.instalmentCount ? 'SETTLED' : k === 0 ? 'CURRENT' : k <= 6 ? 'OVERDUE' : k <= 18 ? 'DEFERRED' : 'DOUBTFUL';
      expect(f.status).toBe(status);
      if (f.status === 'SETTLED') expect(f.endDate < r.issuedDay).toBe(true);
      else expect(f.endDate > r.issuedDay).toBe(true);
    }
    expect(r.creditSummary).toEqual(expectedSummary(r.facilities));
  }
  expect(facilitiesSeen).toBeGreaterThan(500);
});

test('the 15 bands tile 0–900 without gaps, A1 on top, and 610 is B2 "good"', () => {
  expect(bands.map((b) => b.rank)).toEqual(['A1', 'A2', 'A3', 'B1', 'B2', 'B3', 'C1', 'C2', 'C3', 'D1', 'D2', 'D3', 'E1', 'E2', 'E3']);
  expect(bands[0]!.maxScore).toBe(900);
  expect(bands.at(-1)!.minScore).toBe(0);
  for (let i = 1; i < bands.length; i++) expect(bands[i]!.maxScore).toBe(bands[i - 1]!.minScore - 1);
  expect(bandForScore(610)).toMatchObject({ rank: 'B2', description: 'خوب' });
  for (const b of bands) expect(b.reasons.length).toBeGreaterThan(0);
});

describe('test codes', () => {
  test.each(reportTestCodes.map((t) => [t.outcome, t.subject, t] as const))('%s %j gives its documented outcome', (_, subject, t) => {
    const r = reportOf(subject);
    expect(r.rank).toBe(t.rank);
    expect(r.score).toBe(t.score);
    expect(r.bouncedCheques.length).toBe(t.bouncedCheques);
    expect(r.creditSummary.mainCurrent.count > 0).toBe(t.currentContract);
    if (t.rank === null) {
      expect([r.facilities, r.noRankReason, r.rankDescription, r.scoreReasons]).toEqual([[], { code: 'NO_LOANS_OR_GUARANTEES', message: 'شخص فاقد سابقه وام و ضمانت است؛ گزارش رتبه ندارد.' }, 'فاقد رتبه', []]);
      return;
    }
    const band = bandOf(t.rank);
    expect(bandForScore(r.score!)).toBe(band);
    expect([r.rankDescription, r.noRankReason]).toEqual([band.description, null]);
    expect(r.scoreReasons.slice(0, 1)).toEqual(band.reasons.slice(0, 1));
    const open = r.facilities.filter((f) => f.role === 'BORROWER' && f.status !== 'SETTLED');
    const worst = open.reduce((w, f) => Math.max(w, f.overdueInstalments), 0);
    if (t.currentContract) expect(open.find((f) => f.overdueInstalments === worst)!.status).toBe(band.lateness.status);
    expect(worst >= band.lateness.instalments[0] && worst <= band.lateness.instalments[1]).toBe(true);
  });

  test('one natural code per band, and the no-rank and bounced-cheque outcomes for both kinds of person', () => {
    const naturalOutcomes = reportTestCodes.filter((t) => t.subject.personType === 'natural').map((t) => t.outcome);
    expect(naturalOutcomes).toEqual([...bands.map((b) => `rank-${b.rank}`), 'no-rank', 'bounced-cheques', 'no-current-contract']);
    expect(reportTestCodes.filter((t) => t.subject.personType === 'legal').map((t) => t.outcome)).toEqual(['rank-B1', 'no-rank', 'bounced-cheques']);
    for (const t of reportTestCodes) expect(t.note.length > 0 && t.noteFa.length > 0).toBe(true);
  });

  test('natural codes pass the check digit and (but the document example 0123456789) carry a real birthplace prefix; legal ids are valid', () => {
    for (const { subject } of reportTestCodes) {
      if (subject.personType === 'legal') {
        expect(verifyIranianLegalId(subject.nationalId)).toBe(true);
        continue;
      }
      expect(isValidNationalCode(subject.nationalCode)).toBe(true);
      if (subject.nationalCode !== '0123456789') expect(getPlaceByIranNationalId(subject.nationalCode)?.city).toBe('تهران مرکزی');
    }
  });

  test('bounced cheques are listed most recent first, before the issue day, with the count in the note and the reasons', () => {
    const r = reportOf({ personType: 'natural', nationalCode: '0020000170' });
    expect(r.bouncedChequesNote).toBe('۲ فقره چک برگشتی ثبت شده است.');
    expect(r.scoreReasons.at(-1)).toBe('وجود ۲ فقره چک برگشتی');
    const [first, second] = r.bouncedCheques;
    expect(first!.bouncedDate >= second!.bouncedDate).toBe(true);
    for (const c of r.bouncedCheques) expect(c.dueDate <= c.bouncedDate && c.bouncedDate < r.issuedDay).toBe(true);
  });
});

test('generated codes score inside their band and spread over every band and no rank', () => {
  const seen = new Set<string>();
  for (const code of generatedCodes) {
    const r = reportOf({ personType: 'natural', nationalCode: code });
    seen.add(r.rank ?? 'none');
    if (r.rank === null) expect([r.score, r.facilities.length]).toEqual([null, 0]);
    else expect(bandForScore(r.score!).rank).toBe(r.rank);
  }
  expect(seen.size).toBe(16);
});

test('the schema parses every generated report', () => {
  for (const subject of everySubject) {
    const parsed = CreditReport.safeParse(reportOf(subject));
    expect(parsed.error).toBeUndefined();
  }
});

test('the schema refuses a rank without a score', () => {
  const r = reportOf({ personType: 'natural', nationalCode: '0020000057' });
  expect(CreditReport.safeParse({ ...r, score: null }).success).toBe(false);
  expect(CreditReport.safeParse({ ...r, extra: 1 }).success).toBe(false);
});

test('a legal person gets a company whose managing director and address come from the world', () => {
  const r = creditReportFor(world, legal('10101234508'), issuedAtMs)!;
  const director = world.person(r.company.managingDirector.nationalCode)!;
  expect(r.company).toEqual({
    nationalId: '10101234508',
    name: expect.stringMatching(/^شرکت .+ \((سهامی خاص|با مسئولیت محدود|تعاونی|سهامی عام|تضامنی)\)$/),
    type: expect.stringMatching(/^(سهامی خاص|با مسئولیت محدود|تعاونی|سهامی عام|تضامنی)$/),
    registrationNumber: expect.stringMatching(/^\d{4,6}$/),
    registrationDate: expect.stringMatching(/^1(3[6-9]\d|40[0-2])\/\d{2}\/\d{2}$/),
    registrationPlace: world.postal(r.contact.postalCode)!.district,
    managingDirector: { nationalCode: director.nationalCode, fullName: `${director.firstName} ${director.lastName}` },
  });
  expect(r.contact.mobile).toBe(director.mobile);
  expect('person' in r).toBe(false);
  // A company borrows more than a person: its instalments run past a person's largest.
  expect(Math.max(...r.facilities.map((f) => f.instalmentRial))).toBeGreaterThan(100_000_000);
});

test('an invalid national code or national id gets no report', () => {
  expect(creditReportFor(world, natural('0123456788'), issuedAtMs)).toBeUndefined();
  expect(creditReportFor(world, natural('12345'), issuedAtMs)).toBeUndefined();
  expect(creditReportFor(world, natural('۰۱۲۳۴۵۶۷۸۹'), issuedAtMs)).toBeUndefined();
  expect(creditReportFor(world, legal('10101234509'), issuedAtMs)).toBeUndefined();
  expect(creditReportFor(world, legal('1010123450'), issuedAtMs)).toBeUndefined();
});

test('a person the civil registry does not know has no rank, no facilities and no cheques', () => {
  const unknown = loadFixtures().persons.find((p) => p.registry === 'NOT_FOUND')!;
  const r = reportOf({ personType: 'natural', nationalCode: unknown.nationalCode });
  expect([r.rank, r.score, r.noRankReason, r.facilities, r.bouncedCheques, r.scoreReasons]).toEqual([
    null, null, { code: 'NOT_IN_REGISTRY', message: 'اطلاعات هویتی این شخص در ثبت احوال یافت نشد؛ گزارش رتبه ندارد.' }, [], [], [],
  ]);
});

test('the schema registers in an OpenAPI document as IceCreditReport', async () => {
  const app = new OpenAPIHono();
  const route = createRoute({
    method: 'get',
    path: '/report',
    responses: { 200: { description: 'report', content: { 'application/json': { schema: CreditReport } } } },
  });
  app.openapi(route, (c) => c.json(reportOf({ personType: 'natural', nationalCode: '0020000014' }), 200));
  const doc = app.getOpenAPIDocument({ openapi: '3.0.0', info: { title: 't', version: '1' } });
  expect(Object.keys(doc.components!.schemas!)).toEqual(expect.arrayContaining(['IceCreditReport', 'IceNaturalCreditReport', 'IceLegalCreditReport', 'IceFacility']));
  const res = await app.request('/report');
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual(reportOf({ personType: 'natural', nationalCode: '0020000014' }));
});
