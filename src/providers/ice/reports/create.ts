// A business requests a person's credit report (spec/ice.md §4): the subject's numbers checked as
// the real ones are, the price from the tenant's settings, a wallet-paid request debited in the
// same transaction that writes it with its ice.report.pending event (not enough credit: nothing
// written), then the consent SMS.
import { eq, sql } from 'drizzle-orm';
import type { AppDeps } from '../../../core/http.js';
import { prepared } from '../../../core/prepared.js';
import type { Db } from '../../../db/index.js';
import { isValidMobile, isValidNationalCode, toAsciiDigits } from '../../../core/world/numbers.js';
import { iceReports } from '../../../db/schema/index.js';
import { isValidLegalId } from '../report/index.js';
import { profileOf, requireApproved, type BusinessRow } from '../business.js';
import { IceError } from '../errors.js';
import { newDigits, newUrlToken } from '../ids.js';
import { iceSettingsOf } from '../settings.js';
import { jalaliParts } from '../time.js';
import { moveMoney, walletBalance } from '../wallet.js';
import { emitReportChange } from '../webhooks.js';
import type { ReportRow } from './row.js';
import { scriptedPersonOf } from './test-mobiles.js';

export type ReportOrder =
  | { personType: 'natural'; nationalCode: string; mobile: string; payer: 'credit' | 'person' }
  | { personType: 'legal'; nationalId: string; mobile: string; payer: 'credit' | 'person' };

/** The seed's ledger row for the debit of a wallet-paid request. */
export const debitDescription = (trackingCode: string) => `تسویه با آیس بابت گزارش با کد رهگیری ${trackingCode}`;

/** The order with ASCII digits, or the catalog's error for the first number that is not valid. */
export function checkedOrder(order: ReportOrder): ReportOrder {
  const mobile = toAsciiDigits(order.mobile.trim());
  if (order.personType === 'natural') {
    const nationalCode = toAsciiDigits(order.nationalCode.trim());
    if (!isValidNationalCode(nationalCode)) throw new IceError('invalidNationalCode');
    if (!isValidMobile(mobile)) throw new IceError('invalidMobile');
    return { ...order, nationalCode, mobile };
  }
  const nationalId = toAsciiDigits(order.nationalId.trim());
  if (!isValidLegalId(nationalId)) throw new IceError('invalidNationalId');
  if (!isValidMobile(mobile)) throw new IceError('invalidMobile');
  return { ...order, nationalId, mobile };
}

// Prepared once: built by the query builder on every request they cost more than the request's own work.
const statements = (db: Db) => {
  const p = (name: string) => sql.placeholder(name);
  return {
    taken: db.select({ c: iceReports.trackingCode }).from(iceReports).where(eq(iceReports.trackingCode, p('trackingCode'))).prepare(),
    insert: db
      .insert(iceReports)
      .values({
        trackingCode: p('trackingCode'),
        tenantId: p('tenantId'),
        businessId: p('businessId'),
        personType: p('personType'),
        nationalCode: p('nationalCode'),
        nationalId: p('nationalId'),
        mobile: p('mobile'),
        payer: p('payer'),
        reportRial: p('reportRial'),
        vatRial: p('vatRial'),
        totalRial: p('totalRial'),
        state: p('state'),
        consentToken: p('consentToken'),
        businessName: p('businessName'),
        smsStatus: p('smsStatus'),
        scripted: p('scripted'),
        scriptedAtMs: p('scriptedAtMs'),
        requestedAtMs: p('requestedAtMs'),
        consentExpiresAtMs: p('consentExpiresAtMs'),
      })
      .returning()
      .prepare(),
  };
};

/** A 10-digit tracking code no request has (the codes are random, so a clash is rare, but possible). */
function freeTrackingCode(deps: AppDeps): string {
  const taken = prepared(deps.db, statements).taken;
  for (;;) {
    const code = newDigits(10);
    if (!taken.get({ trackingCode: code })) return code;
  }
}

const rial = (n: number) => n.toLocaleString('fa-IR');

function consentSms(r: ReportRow, link: string): string {
  const subject = r.personType === 'natural' ? `گزارش اعتباری شما (کد ملی ${r.nationalCode})` : `گزارش اعتباری شرکت با شناسه ملی ${r.nationalId}`;
  const until = jalaliParts(r.consentExpiresAtMs);
  return [
    'آیس | اعتبار یکپارچه سپهر',
    `«${r.businessName}» درخواست دریافت ${subject} را دارد.`,
    ...(r.payer === 'person' ? [`هزینه گزارش ${rial(r.totalRial)} ریال است و هنگام تأیید پرداخت می‌شود.`] : []),
    `برای تأیید یا رد: ${link}`,
    `مهلت پاسخ: ${until.date} ساعت ${until.time}`,
    `کد رهگیری: ${r.trackingCode}`,
  ].join('\n');
}

/**
 * Writes the request of `business` (whose legal information must be approved) at `nowMs`, debits
 * the wallet when it pays, and sends the person the consent link under `origin`. A test mobile's
 * person is scheduled to answer (test-mobiles.ts); its answer is applied by the tenant's catch-up,
 * so this call still answers pending.
 */
export function requestReport(deps: AppDeps, business: BusinessRow, order: ReportOrder, nowMs: number, origin: string): ReportRow {
  requireApproved(business);
  const settings = iceSettingsOf(deps.db, business.tenantId);
  const person = scriptedPersonOf(order.mobile);
  const answers = person?.kind === 'approve' || person?.kind === 'reject';
  const row = deps.db.transaction(() => {
    const trackingCode = freeTrackingCode(deps);
    const values: typeof iceReports.$inferInsert = {
      trackingCode,
      tenantId: business.tenantId,
      businessId: business.id,
      personType: order.personType,
      nationalCode: order.personType === 'natural' ? order.nationalCode : null,
      nationalId: order.personType === 'legal' ? order.nationalId : null,
      mobile: order.mobile,
      payer: order.payer,
      reportRial: settings.reportPriceRial,
      vatRial: settings.vatRial,
      totalRial: settings.reportPriceRial + settings.vatRial,
      state: 'pending',
      consentToken: newUrlToken(),
      businessName: business.officialName ?? profileOf(business).businessName,
      smsStatus: person?.kind === 'undeliverable' ? 'undeliverable' : 'sent',
      scripted: person?.kind ?? null,
      scriptedAtMs: answers ? nowMs + person.afterMinutes * 60_000 : null,
      requestedAtMs: nowMs,
      consentExpiresAtMs: nowMs + settings.consentLifetimeMinutes * 60_000,
    };
    const inserted = prepared(deps.db, statements).insert.get(values)!;
    if (order.payer === 'credit' && inserted.totalRial > 0) {
      const debit = moveMoney(deps.db, {
        tenantId: business.tenantId,
        businessId: business.id,
        amountRial: -inserted.totalRial,
        description: debitDescription(trackingCode),
        kind: 'report',
        trackingCode,
        onceKey: `report:${trackingCode}`,
        atMs: nowMs,
      });
      // Thrown inside the transaction, so the request row goes too: nothing is written.
      if (!debit.moved) throw new IceError('insufficientCredit', { balanceRial: walletBalance(deps.db, business.tenantId, business.id), priceRial: inserted.totalRial });
    }
    emitReportChange(deps, inserted, nowMs);
    return inserted;
  });
  // An undeliverable SMS never reaches the person's phone, so the outbox (what was delivered) has nothing.
  if (row.smsStatus === 'sent') {
    const text = consentSms(row, `${origin}/ice/c/${row.consentToken}`);
    deps.outbox.send({ channel: 'sms', tenantId: row.tenantId, provider: 'ice', atMs: nowMs, recipient: row.mobile, text });
  }
  return row;
}
