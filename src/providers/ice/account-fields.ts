// The fields a business types about itself (sign-up, account settings, legal information), each
// checked with a Persian reason (by refine: the pipeline words a regex's format issue generically).
// Digits may come Persian or Arabic-Indic; they are kept as ASCII.
import { z } from '@hono/zod-openapi';
import { isValidMobile, isValidNationalCode, isValidPostalCode, toAsciiDigits } from '../../core/world/numbers.js';

/** Trimmed, with Persian and Arabic-Indic digits made ASCII, before the check. */
const cleaned = <S extends z.ZodType>(schema: S) => z.preprocess((v) => (typeof v === 'string' ? toAsciiDigits(v.trim()) : v), schema);

/** Free text (names, addresses): trimmed, its digits kept as typed. */
export const text = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1).max(max));

/** A number of up to `max` digits (a registration number), Persian digits allowed. */
export const digitsField = (max: number, reason: string) => cleaned(z.string().refine((v) => new RegExp(`^\\d{1,${max}}$`).test(v), reason));

/** A landline with its area code or a mobile: 0 and ten digits (021 88776655, 0912…). */
export const phoneField = cleaned(z.string().refine((v) => /^0\d{10}$/.test(v), 'شماره تلفن باید ۱۱ رقم و با ۰ آغاز شود')).openapi({ example: '02188776655' });

export const postalCodeField = cleaned(z.string().refine(isValidPostalCode, 'کد پستی باید ۱۰ رقم باشد و با ۰ آغاز نشود')).openapi({ example: '1234567890' });

export const nationalCodeField = cleaned(z.string().refine(isValidNationalCode, 'کد ملی نامعتبر است')).openapi({ example: '0012345679' });

/** The referrer of step 1: a mobile number or a referral code of 4 to 16 English letters and digits. */
export const referrerField = cleaned(
  z.string().refine((v) => isValidMobile(v) || /^[A-Za-z0-9]{4,16}$/.test(v), 'شماره همراه یا کد معرف معتبر وارد کنید'),
).openapi({ example: '09121112233' });

/** A mobile as typed (09…, Persian digits allowed): checked by the route, which answers invalidMobile. */
export const mobileField = z.string().max(32).openapi({ description: 'Iranian mobile, 09xxxxxxxxx', example: '09121234567' });

/** The mobile in ASCII digits, or undefined when it is not an Iranian mobile. */
export function cleanMobile(typed: string): string | undefined {
  const mobile = toAsciiDigits(typed.trim());
  return isValidMobile(mobile) ? mobile : undefined;
}

/** A 6-digit SMS code, Persian digits allowed; `asciiCode` makes it ASCII. */
export const codeField = z.string().refine((v) => /^[0-9۰-۹٠-٩]{6}$/.test(v), 'کد تأیید ۶ رقم است').openapi({ example: '123456' });
export const asciiCode = (code: string) => toAsciiDigits(code);

/** The basic information of sign-up step 1 (spec §1): * marks the required ones. */
export const profileShape = {
  businessName: text(200).openapi({ example: 'فروشگاه نمونه' }),
  firstName: text(100).openapi({ example: 'سارا' }),
  lastName: text(100).openapi({ example: 'احمدی' }),
  phone: phoneField.optional(),
  postalCode: postalCodeField.optional(),
  province: text(100).optional().openapi({ example: 'تهران' }),
  city: text(100).optional().openapi({ example: 'تهران' }),
  referrer: referrerField.optional(),
  address: text(500).optional().openapi({ example: 'تهران، خیابان آزادی، پلاک ۱' }),
};
