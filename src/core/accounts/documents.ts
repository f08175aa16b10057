// Document uploads, for any provider: a multipart/form-data body read while its bytes are counted
// (refused past the limit before it is all held), and each file judged by its first bytes, never
// by its name or Content-Type, against the provider's size limit and accepted types. What is kept
// of a file is its metadata and sha256: nothing in the sandbox ever shows the bytes again.
import { createHash } from 'node:crypto';
import { BodyTooLarge, BodyUnreadable, declaredTooLarge } from '../body-limit.js';
import { header, type AppContext } from '../http.js';

export type DocumentType = 'image/jpeg' | 'image/png' | 'application/pdf';

const signatures: [DocumentType, number[]][] = [
  ['image/jpeg', [0xff, 0xd8, 0xff]],
  ['image/png', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
  ['application/pdf', [0x25, 0x50, 0x44, 0x46, 0x2d]], // %PDF-
];

/** The document type the bytes begin with, or undefined for anything else. */
export function detectDocumentType(bytes: Uint8Array): DocumentType | undefined {
  return signatures.find(([, magic]) => magic.every((b, i) => bytes[i] === b))?.[0];
}

/** How a provider refuses a body: past its limit or broken off, or not a multipart form. */
export interface UploadRefusals {
  body: (error: BodyTooLarge | BodyUnreadable) => Error;
  /** `reason` is Persian, for the answer's message. */
  malformed: (reason: string) => Error;
}

/** The whole body under `limitBytes`. */
async function readCounted(c: AppContext, limitBytes: number, refuse: UploadRefusals): Promise<Uint8Array<ArrayBuffer>> {
  if (declaredTooLarge(c, limitBytes)) throw refuse.body(new BodyTooLarge(limitBytes));
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
      throw refuse.body(new BodyUnreadable('the request body broke off before its end'));
    }
    if (next.done) break;
    total += next.value.byteLength;
    if (total > limitBytes) {
      reader.cancel().catch(() => {});
      throw refuse.body(new BodyTooLarge(limitBytes));
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
export async function readMultipart(c: AppContext, limitBytes: number, refuse: UploadRefusals): Promise<FormData> {
  const type = header(c, 'content-type') ?? '';
  if (!/^multipart\/form-data\s*;.*boundary=/i.test(type)) throw refuse.malformed('بدنه باید multipart/form-data باشد');
  const bytes = await readCounted(c, limitBytes, refuse);
  try {
    return await new Response(bytes, { headers: { 'content-type': type } }).formData();
  } catch {
    throw refuse.malformed('بدنه multipart نامعتبر است');
  }
}

export interface StoredDocument {
  /** Judged by the content's signature. */
  type: DocumentType;
  sizeBytes: number;
  sha256: string;
  /** As the browser named it; kept for display only. */
  fileName: string;
}

export interface DocumentRules {
  maxBytes: number;
  types: readonly DocumentType[];
}

/** A file's metadata once it is within the size limit and of an accepted type by its bytes; else why not. */
export async function checkDocument(file: File, rules: DocumentRules): Promise<{ document: StoredDocument } | { refusal: 'tooLarge' | 'type' }> {
  if (file.size > rules.maxBytes) return { refusal: 'tooLarge' };
  const bytes = new Uint8Array(await file.arrayBuffer());
  const type = detectDocumentType(bytes);
  if (!type || !rules.types.includes(type)) return { refusal: 'type' };
  return { document: { type, sizeBytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex'), fileName: file.name.slice(0, 255) } };
}
