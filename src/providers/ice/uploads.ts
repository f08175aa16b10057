// The legal documents' upload: core's counted multipart read and byte-judged documents
// (src/core/accounts/documents.ts) under ICE's limit and types, refused with ICE's errors.
import { checkDocument, readMultipart as readCountedMultipart, type DocumentType, type StoredDocument } from '../../core/accounts/documents.js';
import type { AppContext } from '../../core/http.js';
import { iceCodes } from './catalog.js';
import { IceError } from './errors.js';
import { iceBodyRefused } from './pipeline.js';

export { detectDocumentType, type DocumentType } from '../../core/accounts/documents.js';

/** The seed's limit, "at most 10 MB", read as 10 MiB. */
export const documentMaxBytes = 10 * 1024 * 1024;
/** Two documents at the limit, and room for the nine text fields and the multipart framing. */
export const legalBodyMaxBytes = 2 * documentMaxBytes + 64 * 1024;

const documentTypes: readonly DocumentType[] = ['image/jpeg', 'image/png', 'application/pdf'];

export type DocumentKind = 'nationalCard' | 'licence';

export interface DocumentMeta extends StoredDocument {
  kind: DocumentKind;
}

const refusedBody = (reason: string) => new IceError('invalidInput', {}, `${iceCodes.invalidInput.message} (${reason})`);

/** The call's multipart/form-data body, read under `limitBytes`. */
export const readMultipart = (c: AppContext, limitBytes: number): Promise<FormData> =>
  readCountedMultipart(c, limitBytes, { body: iceBodyRefused, malformed: refusedBody });

/** A document's metadata once it is within the size limit and is a JPEG, PNG or PDF by its bytes. */
export async function documentOf(kind: DocumentKind, file: File): Promise<DocumentMeta> {
  const checked = await checkDocument(file, { maxBytes: documentMaxBytes, types: documentTypes });
  if ('refusal' in checked) {
    throw checked.refusal === 'tooLarge' ? new IceError('documentTooLarge', { document: kind, limitBytes: documentMaxBytes }) : new IceError('documentType', { document: kind });
  }
  return { kind, ...checked.document };
}
