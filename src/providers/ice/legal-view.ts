// How a business's legal information and its review are shown: GET /api/v1/account/legal, the
// control API's review answer and the data of ice.legal_review.* webhook events.
import type { BusinessRow } from './business.js';
import { shownTimeOrNull } from './time.js';
import type { DocumentMeta } from './uploads.js';

/** GET /api/v1/account/legal: the fields, the documents' metadata, the review and its times. */
export function legalView(b: BusinessRow) {
  return {
    status: b.legalStatus,
    reason: b.legalReason,
    officialName: b.officialName,
    fields: b.legal === null ? null : (JSON.parse(b.legal) as Record<string, string>),
    documents: b.documents === null ? [] : (JSON.parse(b.documents) as DocumentMeta[]),
    submittedAt: shownTimeOrNull(b.legalSubmittedAtMs),
    /** When a pending review decides itself; null when only the control API will. */
    decidesAt: b.legalStatus === 'pending' ? shownTimeOrNull(b.legalDecideAtMs) : null,
    decidedAt: shownTimeOrNull(b.legalDecidedAtMs),
  };
}
