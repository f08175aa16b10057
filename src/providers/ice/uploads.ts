// The legal documents' upload: a multipart/form-data body read while its bytes are counted
// (refused past the limit before it is all held), and each file judged by its first bytes, never
// by its name or Content-Type. What is kept of a file is its metadata and sha256: the bytes are
// dropped once the answer is made, since nothing in the sandbox ever shows them again.
import { createHash } from 'node:crypto';
import { BodyTooLarge, BodyUnreadable, declaredTooLarge } from '../../core/body-limit.js';
import { header, type AppContext } from '../../core/http.js';
import { iceCodes } from './catalog.js';
import { IceError } from './errors.js';
import { iceBodyRefused } from './pipeline.js';

/** The seed's limit, "at most 10 MB", read as 10 MiB. */
export const documentMaxBytes = 10 * 1024 * 1024;
/** Two documents at the limit, and room for the nine text fields and the multipart framing. */
export const legalBodyMaxBytes = 2 * documentMaxBytes + 64 * 1024;

export type DocumentKind = 'nationalCard' | 'licence';
export type DocumentType = 'image/jpeg' | 'image/png' | 'application/pdf';

export interface DocumentMeta {
  kind: DocumentKind;
  /** Judged by the content's signature. */
  type: DocumentType;
  sizeBytes: number;
  sha256: string;
  /** As the browser named it; kept for the panel's display only. */
  fileName: string;
}

const signatures: [DocumentType, number[]][] = [
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
];

/** The document type the bytes begin with, or undefined for anything else. */
export function detectDocumentType(bytes: Uint8Array): DocumentType | undefined {
  return signatures.find(([, magic]) => magic.every((b, i) => bytes[i] === b))?.[0];
}

const refusedBody = (reason: string) => new IceError('invalidInput', {}, `${iceCodes.invalidInput.message} (${reason})`);

/** The whole body under `limitBytes` (payloadTooLarge past it, invalidInput when it breaks off). */
async function readCounted(c: AppContext, limitBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  if (declaredTooLarge(c, limitBytes)) throw iceBodyRefused(new BodyTooLarge(limitBytes));
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    let next: ReadableStreamReadResult<Uint8Array>;
    try {
      next = await reader.read();
    } catch {
      throw iceBodyRefused(new BodyUnreadable('the request body broke off before its end'));
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > limitBytes) {
      reader.cancel().catch(() => {});
      throw iceBodyRefused(new BodyTooLarge(limitBytes));
    }
    chunks.push(next.value);
  }
  const whole = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    whole.set(chunk, at);
    at += chunk.byteLength;
  }
  return whole;
}

/** The call's multipart/form-data body, read under `limitBytes`. */
export async function readMultipart(c: AppContext, limitBytes: number): Promise<FormData> {
  const type = header(c, 'content-type') ?? '';
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(type)) throw refusedBody('بدنه باید multipart/form-data باشد');
  const bytes = await readCounted(c, limitBytes);
  try {
    return await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    throw refusedBody('بدنه multipart نامعتبر است');
  }
}

/** A document's metadata once it is within the size limit and is a JPEG, PNG or PDF by its bytes. */
export async function documentOf(kind: DocumentKind, file: File): Promise<DocumentMeta> {
  if (file.size > documentMaxBytes) throw new IceError('documentTooLarge', { document: kind, limitBytes: documentMaxBytes });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectDocumentType(bytes);
  if (!type) throw new IceError('documentType', { document: kind });
  return { kind, type, sizeBytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), fileName: file.name.slice(0, 255) };
}
