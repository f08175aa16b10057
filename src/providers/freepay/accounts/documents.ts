// Sending the documents (help centre lines 21–25) and the identity check (line 27): landline,
// exact address, email, the national code and a colour scan of the identity document (jpg or png,
// at most 2 MB, judged by its bytes). The check is made at once: the national code must be a real
// one of the civil registry and the mobile must be its owner's line (the synthetic world says who
// owns a line), since "nobody may sign up with another person's identity". Approved, the account
// and the tenant's merchant become active; refused, the reason is shown and the documents may be
// sent again.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { checkDocument, readMultipart, type DocumentType } from '../../../core/accounts/documents.js';
import type { AppEnv } from '../../../core/http.js';
import { getTenant, updateTenant } from '../../../core/tenants.js';
import { isValidNationalCode, toAsciiDigits } from '../../../core/world/numbers.js';
import type { World } from '../../../core/world/types.js';
import { freepayAccounts } from '../../../db/schema/index.js';
import { freepayCodes } from '../catalog.js';
import { FreepayError } from '../errors.js';
import { freepayBodyRefused } from '../pipeline.js';
import { profileView, requireSession, type AccountRow } from './account.js';
import { accountCall, badField } from './route.js';

/** The help centre's limit, "at most 2 MB", read as 2 MiB. */
export const documentMaxBytes = 2 * 1024 * 1024;
/** The document at its limit, with room for the four text fields and the multipart framing. */
export const documentsBodyMaxBytes = documentMaxBytes + 64 * 1024;
const documentTypes: readonly DocumentType[] = ['image/jpeg', 'image/png'];

export const documentsPath = '/panel/documents';

/** Why the identity check refuses the account, in Persian, or undefined when it passes. */
export function identityRefusal(world: World, mobile: string, nationalCode: string): string | undefined {
  const person = world.person(nationalCode);
  if (!person || person.registry === 'NOT_FOUND') return 'کد ملی در ثبت احوال یافت نشد';
  if (world.mobile(mobile)?.nationalCode !== nationalCode) return 'شماره همراه به نام صاحب کد ملی نیست؛ عضویت با اطلاعات هویتی شخص دیگر ممکن نیست';
  return undefined;
}

const text = (form: FormData, name: string): string => {
  const value = form.get(name);
  if (typeof value !== 'string' || value.trim() === '') throw badField(name);
  return value.trim();
};

export function registerDocuments(app: OpenAPIHono<AppEnv>) {
  app.post(documentsPath, async (c) => {
    c.set('endpointId', 'panel-documents');
    const { tenant, account } = await requireSession(c);
    const form = await readMultipart(c, documentsBodyMaxBytes, {
      body: freepayBodyRefused,
      malformed: (reason) => new FreepayError('invalidInput', {}, `${freepayCodes.invalidInput.message} (${reason})`),
    });
    const fields = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string')) as Record<string, string>;
    c.set('jsonBody', fields);
    return accountCall(c, 'panel-documents', fields, async (nowMs) => {
      const deps = c.get('deps');
      if (account.status === 'active') throw new FreepayError('documentsApproved');
      const nationalCode = toAsciiDigits(text(form, 'national_code'));
      if (!isValidNationalCode(nationalCode)) throw new FreepayError('invalidNationalCode');
      const landline = toAsciiDigits(text(form, 'landline'));
      // A landline with its area code; a first-degree relative's number is accepted the same way (line 21).
      if (!/^0\d{10}$/.test(landline)) throw badField('landline', 'شماره تلفن ثابت باید ۱۱ رقم و با ۰ آغاز شود');
      const address = text(form, 'address');
      if (address.length > 500) throw badField('address');
      const email = text(form, 'email');
      if (email.length > 254 || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badField('email', 'نشانی ایمیل نامعتبر است');
      const file = form.get('document');
      if (!(file instanceof File)) throw badField('document', 'اسکن رنگی مدرک شناسایی را بارگذاری کنید');
      const checked = await checkDocument(file, { maxBytes: documentMaxBytes, types: documentTypes });
      if ('refusal' in checked) throw checked.refusal === 'tooLarge' ? new FreepayError('documentTooLarge', { limit_bytes: documentMaxBytes }) : new FreepayError('documentType');
      const refusal = identityRefusal(deps.world, account.mobile, nationalCode);
      const change: Partial<AccountRow> = {
        nationalCode,
        landline,
        address,
        email,
        document: JSON.stringify(checked.document),
        documentsAtMs: nowMs,
        status: refusal ? 'rejected' : 'active',
        rejectionReason: refusal ?? null,
      };
      deps.db.transaction(() => {
        deps.db.update(freepayAccounts).set(change).where(eq(freepayAccounts.tenantId, tenant.id)).run();
        if (!refusal) {
          const stored = JSON.parse(getTenant(deps.db, tenant.id)!.freepay) as Record<string, unknown>;
          updateTenant(deps.db, tenant.id, { freepay: JSON.stringify({ ...stored, status: 'active', nationalCode, nationalId: null }) });
        }
      });
      const after = { ...account, ...change } as AccountRow;
      return { body: { account: profileView(after, getTenant(deps.db, tenant.id)!) } };
    });
  });
}
