// Step 1 of the API onboarding: the company form of the seed (spec/ice.md §7), every field
// required; the national ID and the three national codes checked by their check digits, the two
// dates Jalali (yyyy/MM/dd, Persian digits allowed) and not after today on the tenant clock.
import { z } from '@hono/zod-openapi';
import { tehranJalaliDay } from '../../../core/calendar.js';
import { isValidJalaliDate, toAsciiDigits } from '../../../core/world/numbers.js';
import { digitsField, nationalCodeField, phoneField, postalCodeField, text } from '../account-fields.js';
import { invalidFields } from '../errors.js';
import { isValidLegalId } from '../report/index.js';

const cleaned = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === 'string' ? toAsciiDigits(v.trim()) : v), schema);

/** A Jalali day written yyyy/MM/dd (1399/08/07), kept zero-padded. */
const jalaliDateField = cleaned(
  z
    .string()
    .refine((v) => /^\d{4}\/\d{1,2}\/\d{1,2}$/.test(v) && isValidJalaliDate(padded(v).replaceAll('/', '')), 'تاریخ باید روزی از تقویم شمسی به صورت ۱۳۹۹/۰۸/۰۷ باشد')
    .transform(padded),
).openapi({ example: '1399/08/07' });

function padded(v: string): string {
  const [y, m, d] = v.split('/');
  return `${y}/${(m ?? '').padStart(2, '0')}/${(d ?? '').padStart(2, '0')}`;
}

const nationalIdField = cleaned(z.string().refine(isValidLegalId, 'شناسه ملی باید ۱۱ رقم با رقم کنترل درست باشد')).openapi({ example: '10101234508' });

export const CompanyForm = z
  .object({
    companyName: text(200).openapi({ description: 'نام شرکت/کسب و کار', example: 'شرکت نمونه پارس' }),
    economicCode: digitsField(14, 'کد اقتصادی ۱ تا ۱۴ رقم است').openapi({ description: 'کد اقتصادی', example: '411111111111' }),
    ceoName: text(200).openapi({ description: 'نام مدیرعامل', example: 'سارا احمدی' }),
    ceoNationalCode: nationalCodeField,
    chairmanName: text(200).openapi({ description: 'نام رئیس هیئت مدیره', example: 'علی محمدی' }),
    chairmanNationalCode: nationalCodeField,
    boardMemberName: text(200).openapi({ description: 'نام عضو هیئت مدیره', example: 'مریم رضایی' }),
    boardMemberNationalCode: nationalCodeField,
    postalCode: postalCodeField,
    address: text(500).openapi({ example: 'تهران، خیابان آزادی، پلاک ۱' }),
    registrationNumber: digitsField(10, 'شماره ثبت ۱ تا ۱۰ رقم است').openapi({ example: '123456' }),
    registrationDate: jalaliDateField.openapi({ description: 'تاریخ ثبت شرکت' }),
    gazetteNumber: digitsField(10, 'شماره روزنامه ۱ تا ۱۰ رقم است').openapi({ description: 'شماره روزنامه تاسیس شرکت', example: '21345' }),
    gazetteDate: jalaliDateField.openapi({ description: 'تاریخ روزنامه تاسیس شرکت' }),
    phone: phoneField,
    nationalId: nationalIdField.openapi({ description: 'شناسه ملی: 11 digits with a valid check digit' }),
  })
  .strict()
  .openapi('IceApiCompany');
export type Company = z.infer<typeof CompanyForm>;

/** The dates may not lie after today in Tehran on the tenant clock. */
export function refuseFutureDates(company: Company, nowMs: number): void {
  const today = tehranJalaliDay(nowMs);
  const errors: Record<string, string> = {};
  for (const key of ['registrationDate', 'gazetteDate'] as const) {
    if (company[key].replaceAll('/', '') > today) errors[key] = 'تاریخ نمی‌تواند بعد از امروز باشد';
  }
  if (Object.keys(errors).length > 0) throw invalidFields(errors);
}
