// Legal information (spec §2): the seed's nine fields and two documents, sent as multipart/form-data
// and reviewed (legal-review.ts). Sending again is refused while the review is pending and after
// approval; after a rejection the business corrects and sends again.
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { and, eq, inArray } from 'drizzle-orm';
import type { AppEnv } from '../../../core/http.js';
import { iceBusinesses } from '../../../db/schema/index.js';
import { digitsField, nationalCodeField, phoneField, postalCodeField, text } from '../account-fields.js';
import { businessById, type BusinessRow } from '../business.js';
import { IceError, invalidFields } from '../errors.js';
import { decideDueReviews, reviewDueAt } from '../legal-review.js';
import { legalView } from '../legal-view.js';
import { emitLegalReview } from '../webhooks.js';
import { parseInput } from '../pipeline.js';
import { iceRoute, reply } from '../route.js';
import { iceSettingsOf } from '../settings.js';
import { documentOf, legalBodyMaxBytes, readMultipart, type DocumentKind } from '../uploads.js';

const LegalFields = z
  .object({
    businessName: text(200).openapi({ example: 'شرکت نمونه پارس' }),
    lastName: text(100).openapi({ example: 'احمدی' }),
    nationalCode: nationalCodeField,
    phone: phoneField,
    registrationNumber: digitsField(10, 'شماره ثبت ۱ تا ۱۰ رقم است').openapi({ example: '123456' }),
    postalCode: postalCodeField,
    address: text(500).openapi({ example: 'تهران، خیابان آزادی، پلاک ۱' }),
    province: text(100).openapi({ example: 'تهران' }),
    city: text(100).openapi({ example: 'تهران' }),
  })
  .strict();

const documentKinds: DocumentKind[] = ['nationalCard', 'licence'];
const fieldNames = new Set(Object.keys(LegalFields.shape));

const file = z.string().openapi({ type: 'string', format: 'binary' });
const LegalForm = LegalFields.extend({
  nationalCard: file.openapi({ description: "National card image of one main member: JPEG, PNG or PDF by content, at most 10 MiB" }),
  licence: file.openapi({ description: 'Business licence or official gazette: JPEG, PNG or PDF by content, at most 10 MiB' }),
}).openapi('IceLegalForm');

const shown = z.object({ at: z.string(), date: z.string(), time: z.string() }).nullable();
const IceLegal = z
  .object({
    status: z.enum(['none', 'pending', 'approved', 'rejected']),
    reason: z.string().nullable(),
    officialName: z.string().nullable(),
    fields: z.record(z.string(), z.string()).nullable(),
    documents: z.array(z.object({ kind: z.enum(['nationalCard', 'licence']), type: z.string(), sizeBytes: z.number().int(), sha256: z.string(), fileName: z.string() })),
    submittedAt: shown,
    decidesAt: shown,
    decidedAt: shown,
  })
  .openapi('IceLegal');

function refuseResubmission(b: BusinessRow): void {
  if (b.legalStatus === 'pending') throw new IceError('legalUnderReview');
  if (b.legalStatus === 'approved') throw new IceError('legalApproved');
}

/** The form as the journal keeps it until the documents are judged: text, and each file's name and size. */
const journalOf = (form: FormData) =>
  Object.fromEntries([...form.entries()].map(([name, value]) => [name, typeof value === 'string' ? value.slice(0, 500) : { fileName: value.name, sizeBytes: value.size }]));

/** The form's text fields and files, each named once, as the route takes them. */
function split(form: FormData): { fields: Record<string, string>; files: Partial<Record<DocumentKind, File>> } {
  const fields: Record<string, string> = {};
  const files: Partial<Record<DocumentKind, File>> = {};
  const errors: Record<string, string> = {};
  for (const [name, value] of form.entries()) {
    const isDocument = (documentKinds as string[]).includes(name);
    // A browser sends an empty text part for a file input left empty: that document is missing.
    if (isDocument && value === '') continue;
    if (!isDocument && !fieldNames.has(name)) errors[name] = 'فیلد ناشناخته';
    else if (name in fields || name in files) errors[name] = 'این فیلد تنها یک بار فرستاده می‌شود';
    else if (isDocument !== (typeof value !== 'string')) errors[name] = isDocument ? 'باید فایل باشد' : 'باید متن باشد، نه فایل';
    else if (typeof value === 'string') fields[name] = value;
    else if (value.size > 0) files[name as DocumentKind] = value;
  }
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
  return { fields, files };
}

export function registerLegal(app: OpenAPIHono<AppEnv>) {
  iceRoute(
    app,
    {
      method: 'get',
      path: '/api/v1/account/legal',
      endpointId: 'legal-get',
      access: 'business',
      summary: 'The legal information, its documents (metadata only) and its review',
      answer: { status: 200, schema: IceLegal, description: 'The legal information' },
    },
    (c, { business }) => reply(c, legalView(business!)),
  );

  iceRoute(
    app,
    {
      method: 'put',
      path: '/api/v1/account/legal',
      endpointId: 'legal-put',
      access: 'business',
      summary: 'Send the legal information and its two documents (multipart/form-data) for review',
      description:
        'All nine fields are required; `nationalCard` and `licence` are files of at most 10 MiB each, JPEG, PNG or PDF judged by their bytes (not their name or Content-Type). The body may be at most 20 MiB + 64 KiB. Only the documents\' metadata and sha256 are kept. The review then decides as the tenant\'s `legalReview` setting says (default: approve at once).',
      answer: { status: 200, schema: IceLegal, description: 'Sent: the review as it stands' },
    },
    async (c, { business, nowMs }) => {
      const db = c.get('deps').db;
      refuseResubmission(business!);
      const form = await readMultipart(c, legalBodyMaxBytes);
      c.set('jsonBody', journalOf(form));
      const { fields: raw, files } = split(form);
      const fields = parseInput(LegalFields, raw);
      const missing = documentKinds.filter((k) => !files[k]);
      if (missing.length > 0) throw new IceError('documentMissing', { missing });
      const documents = [await documentOf('nationalCard', files.nationalCard!), await documentOf('licence', files.licence!)];
      c.set('jsonBody', { ...fields, nationalCard: documents[0], licence: documents[1] });
      const sent = db
        .update(iceBusinesses)
        .set({
          legal: JSON.stringify(fields),
          documents: JSON.stringify(documents),
          legalStatus: 'pending',
          legalReason: null,
          legalSubmittedAtMs: nowMs,
          legalDecideAtMs: reviewDueAt(iceSettingsOf(db, business!.tenantId), nowMs),
          legalDecidedAtMs: null,
        })
        // The body took a while to arrive: another call may have sent the information meanwhile.
        .where(and(eq(iceBusinesses.tenantId, business!.tenantId), eq(iceBusinesses.id, business!.id), inArray(iceBusinesses.legalStatus, ['none', 'rejected'])))
        .returning({ id: iceBusinesses.id })
        .get();
      if (!sent) refuseResubmission(businessById(db, business!.tenantId, business!.id)!);
      emitLegalReview(db, businessById(db, business!.tenantId, business!.id)!, nowMs);
      decideDueReviews(db, business!.tenantId, nowMs);
      return reply(c, legalView(businessById(db, business!.tenantId, business!.id)!));
    },
  );
  documentMultipart(app);
}

/** iceRoute documents JSON bodies; this route's is a form, so its OpenAPI entry names it. */
function documentMultipart(app: OpenAPIHono<AppEnv>): void {
  for (const definition of app.openAPIRegistry.definitions) {
    if (definition.type === 'route' && definition.route.method === 'put' && definition.route.path === '/api/v1/account/legal') {
      definition.route.request = { ...definition.route.request, body: { required: true, content: { 'multipart/form-data': { schema: LegalForm } } } };
    }
  }
}
