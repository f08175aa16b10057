// A report request as the API shows it: one request with every time it passed through, and the
// row of the panel's table (the seed's columns: row, request date and time, national code,
// mobile, national ID, state, payment type). The consent token never appears: only the person's SMS has it.
import { z } from '@hono/zod-openapi';
import { shownTime, shownTimeOrNull } from '../time.js';
import type { ReportRow, ReportState } from './row.js';

/** The panel's Persian names of the states. */
export const stateLabels: Record<ReportState, string> = {
  pending: 'در انتظار تأیید',
  viewable: 'قابل مشاهده',
  rejected: 'رد شده توسط شخص',
  expired: 'منقضی شده',
  archived: 'بایگانی',
  deleted: 'حذف شده',
};

/** The panel's two payment types. */
export const payerLabels = { credit: 'پرداخت از اعتبار', person: 'پرداخت توسط شخص' } as const;

const ShownTime = z.object({ at: z.string(), date: z.string(), time: z.string() }).openapi('IceTime');
const states = ['pending', 'viewable', 'rejected', 'expired', 'archived', 'deleted'] as const;

export const IceReportRequest = z
  .object({
    trackingCode: z.string().openapi({ example: '4815162342' }),
    state: z.enum(states),
    stateLabel: z.string(),
    personType: z.enum(['natural', 'legal']),
    nationalCode: z.string().nullable(),
    nationalId: z.string().nullable(),
    mobile: z.string(),
    payer: z.enum(['credit', 'person']),
    payerLabel: z.string(),
    price: z.object({ reportRial: z.number().int(), vatRial: z.number().int(), totalRial: z.number().int() }),
    sms: z.enum(['sent', 'undeliverable']),
    businessName: z.string().openapi({ description: 'The official name the SMS named' }),
    requestedAt: ShownTime,
    consentExpiresAt: ShownTime,
    approvedAt: ShownTime.nullable(),
    viewableUntil: ShownTime.nullable(),
    rejectedAt: ShownTime.nullable(),
    expiredAt: ShownTime.nullable(),
    archivedAt: ShownTime.nullable(),
    refundedAt: ShownTime.nullable().openapi({ description: 'When a wallet-paid request was credited back (rejected, expired, or deleted while pending)' }),
  })
  .openapi('IceReportRequest');

export function requestView(r: ReportRow): z.infer<typeof IceReportRequest> {
  return {
    trackingCode: r.trackingCode,
    state: r.state,
    stateLabel: stateLabels[r.state],
    personType: r.personType,
    nationalCode: r.nationalCode,
    nationalId: r.nationalId,
    mobile: r.mobile,
    payer: r.payer,
    payerLabel: payerLabels[r.payer],
    price: { reportRial: r.reportRial, vatRial: r.vatRial, totalRial: r.totalRial },
    sms: r.smsStatus,
    businessName: r.businessName,
    requestedAt: shownTime(r.requestedAtMs),
    consentExpiresAt: shownTime(r.consentExpiresAtMs),
    approvedAt: shownTimeOrNull(r.approvedAtMs),
    viewableUntil: shownTimeOrNull(r.viewableUntilMs),
    rejectedAt: shownTimeOrNull(r.rejectedAtMs),
    expiredAt: shownTimeOrNull(r.expiredAtMs),
    archivedAt: shownTimeOrNull(r.archivedAtMs),
    refundedAt: shownTimeOrNull(r.refundedAtMs),
  };
}

export const IceReportListRow = z
  .object({
    row: z.number().int().openapi({ description: 'Position in the whole listing, from 1' }),
    trackingCode: z.string(),
    requestDate: z.string().openapi({ example: '1405/09/09' }),
    requestTime: z.string().openapi({ example: '14:53' }),
    personType: z.enum(['natural', 'legal']),
    nationalCode: z.string().nullable(),
    mobile: z.string(),
    nationalId: z.string().nullable(),
    state: z.enum(states),
    stateLabel: z.string(),
    payer: z.enum(['credit', 'person']),
    payerLabel: z.string(),
  })
  .openapi('IceReportListRow');

export function listRow(r: ReportRow, row: number): z.infer<typeof IceReportListRow> {
  const requested = shownTime(r.requestedAtMs);
  return {
    row,
    trackingCode: r.trackingCode,
    requestDate: requested.date,
    requestTime: requested.time,
    personType: r.personType,
    nationalCode: r.nationalCode,
    mobile: r.mobile,
    nationalId: r.nationalId,
    state: r.state,
    stateLabel: stateLabels[r.state],
    payer: r.payer,
    payerLabel: payerLabels[r.payer],
  };
}
