// GET /api/v1/api-access as the panel shows it: the five steps, each done or not with its data,
// the request's row of the seed's table (spec/ice.md §7) and the credentials' client id.
import type { Db } from '../../../db/index.js';
import { profileOf, type BusinessRow } from '../business.js';
import { shownTime, shownTimeOrNull } from '../time.js';
import { contractIds, contracts, type ContractId } from './contracts.js';
import type { Company } from './company.js';
import { invoiceView } from './invoice.js';
import { doneSteps, steps, type ApiRequestRow, type ApiRequestStatus, type Step } from './store.js';

export const stepTitles: Record<Step, string> = {
  company: 'تکمیل اطلاعات',
  contracts: 'قرارداد',
  invoice: 'پیش فاکتور',
  documents: 'دریافت مستندات',
  live: 'انتقال به محیط لایو',
};

export const statusLabels: Record<ApiRequestStatus | 'none', string> = {
  none: 'ثبت نشده',
  'in-progress': 'در حال تکمیل',
  'going-live': 'در حال انتقال به محیط لایو',
  live: 'تایید شده',
};

/** What step 5's page says while the move is under way (the seed's words). */
export const goingLiveNote = 'اطلاعات شما در حال انتقال به محیط لایو میباشد. این کار از 2 ساعت تا 1 روز کاری ممکن است به طول بیانجامد.';

/** The documents a business integrates against: this sandbox's OpenAPI description. */
export const documentationPath = '/openapi.json';

const companyOf = (row: ApiRequestRow) => JSON.parse(row.company) as Company;

function contractState(row: ApiRequestRow | undefined, id: ContractId) {
  const [viewedVersion, viewedAtMs, acceptedVersion, acceptedAtMs] =
    id === 'nda'
      ? [row?.ndaViewedVersion, row?.ndaViewedAtMs, row?.ndaAcceptedVersion, row?.ndaAcceptedAtMs]
      : [row?.firmViewedVersion, row?.firmViewedAtMs, row?.firmAcceptedVersion, row?.firmAcceptedAtMs];
  return {
    contract: id,
    title: contracts[id].title,
    currentVersion: contracts[id].version,
    viewedVersion: viewedVersion ?? null,
    viewedAt: shownTimeOrNull(viewedAtMs ?? null),
    acceptedVersion: acceptedVersion ?? null,
    acceptedAt: shownTimeOrNull(acceptedAtMs ?? null),
  };
}

const contractsDoneAt = (row: ApiRequestRow) =>
  row.ndaAcceptedAtMs !== null && row.firmAcceptedAtMs !== null ? Math.max(row.ndaAcceptedAtMs, row.firmAcceptedAtMs) : null;

/** The request's row in the panel's table (row, number, date, company, ...). */
function tableRow(row: ApiRequestRow, business: BusinessRow) {
  const company = companyOf(row);
  // The approved legal information's province and city, else those of the account.
  const legal = business.legal ? (JSON.parse(business.legal) as { province?: string; city?: string }) : profileOf(business);
  return {
    row: 1,
    requestNumber: row.requestNumber,
    date: shownTime(row.createdAtMs),
    companyName: company.companyName,
    fullName: company.ceoName,
    phone: company.phone,
    postalCode: company.postalCode,
    provinceCity: [legal.province, legal.city].filter(Boolean).join(' - ') || null,
    address: company.address,
    status: row.status,
    statusLabel: statusLabels[row.status],
    description: row.status === 'going-live' ? goingLiveNote : row.status === 'in-progress' ? `مرحله بعد: ${stepTitles[steps.find((s) => !doneSteps(row)[s])!]}` : null,
  };
}

export function apiAccessView(db: Db, business: BusinessRow, row: ApiRequestRow | undefined, origin: string, nowMs: number) {
  const done = doneSteps(row);
  const doneAt: Record<Step, number | null> = {
    company: row?.companyAtMs ?? null,
    contracts: row ? contractsDoneAt(row) : null,
    invoice: row?.invoicePaidAtMs ?? null,
    documents: row?.documentsAtMs ?? null,
    live: row?.liveAtMs ?? null,
  };
  const next = steps.find((s) => !done[s]);
  return {
    requestNumber: row?.requestNumber ?? null,
    status: row?.status ?? 'none',
    statusLabel: statusLabels[row?.status ?? 'none'],
    currentStep: next ? steps.indexOf(next) + 1 : null,
    steps: steps.map((s, i) => ({ step: i + 1, name: s, title: stepTitles[s], done: done[s], doneAt: shownTimeOrNull(doneAt[s]) })),
    company: row ? companyOf(row) : null,
    contracts: contractIds.map((id) => contractState(row, id)),
    invoice: invoiceView(db, row, origin, nowMs),
    documents: {
      documentationUrl: `${origin}${documentationPath}`,
      ip1: row?.ip1 ?? null,
      ip2: row?.ip2 ?? null,
      webhookUrl: row?.webhookUrl ?? null,
      sentAt: shownTimeOrNull(row?.documentsAtMs ?? null),
    },
    live: {
      requestedAt: shownTimeOrNull(row?.liveRequestedAtMs ?? null),
      dueAt: shownTimeOrNull(row?.liveDueAtMs ?? null),
      liveAt: shownTimeOrNull(row?.liveAtMs ?? null),
      note: row?.status === 'going-live' ? goingLiveNote : null,
    },
    credentials: row?.clientId ? { clientId: row.clientId, issuedAt: shownTime(row.credentialsIssuedAtMs!) } : null,
    table: row ? [tableRow(row, business)] : [],
  };
}
