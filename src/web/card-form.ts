// The card form every card page shows, and its check on the server as a gateway does it.
import { createHmac } from 'node:crypto';
import { tehranJalaliDay } from '../core/calendar.js';
import { declareServerTexts } from '../core/journal-text.js';
import { isValidCardNumber, toAsciiDigits } from '../core/world/numbers.js';

/** The payer's form as typed; every field text. */
export interface CardForm {
  card?: string | undefined;
  pin2?: string | undefined;
  cvv2?: string | undefined;
  expMonth?: string | undefined;
  expYear?: string | undefined;
  captcha?: string | undefined;
  email?: string | undefined;
}

export type FormField = keyof CardForm;
/** What the page shows again in its fields (never PIN2 or CVV2). */
export type FormValues = Partial<Record<FormField, string>>;
/** A message per refused field. */
export type FormErrors = Partial<Record<FormField, string>>;

/** What the page says of a field it refuses. */
export const formMessages = {
  cardRequired: 'شماره کارت را وارد کنید',
  cardInvalid: 'شماره کارت معتبر نیست',
  pin2Invalid: 'رمز دوم باید ۵ تا ۱۲ رقم باشد',
  cvv2Invalid: 'CVV2 باید ۳ یا ۴ رقم باشد',
  expiryInvalid: 'تاریخ انقضا را به صورت ماه (۱ تا ۱۲) و سال (دو رقم) وارد کنید',
  expiryPast: 'تاریخ انقضای کارت گذشته است',
  captchaWrong: 'کد امنیتی درست نیست',
  emailInvalid: 'نشانی ایمیل معتبر نیست',
} as const;

// A refused form's answer names each field with its message, under the field's name (pin2, cvv2).
declareServerTexts(Object.values(formMessages));

/** The alert above a form sent back with errors. */
export const formAlert = 'لطفاً خطاهای فرم را برطرف کنید.';

/**
 * The captcha of a page: fixed per reference (a Freepay authority, a bank's payment token), so
 * a reload shows the same one; the sandbox shows its answer beside the field.
 */
export const captchaOf = (reference: string) =>
  String((parseInt(createHmac('sha256', 'mahak-captcha').update(reference).digest('hex').slice(0, 8), 16) % 90_000) + 10_000);

/** The form's fields as they remain after a refusal: the card's secrets are never sent back. */
export const keptValues = (form: CardForm): FormValues => ({ card: form.card ?? '', expMonth: form.expMonth ?? '', expYear: form.expYear ?? '', email: form.email ?? '' });

export type CardCheck = { ok: true; card: string; email?: string } | { ok: false; errors: FormErrors };

const digitsOnly = (v: string | undefined) => toAsciiDigits(v ?? '').replace(/[\s-]/g, '');

/**
 * The payer's form checked as a gateway does, on the tenant's clock (`nowMs`): Luhn, a Jalali
 * expiry (month and two-digit year, as printed on Iranian cards) not in the past, PIN2, CVV2,
 * the captcha of `reference` when `checkCaptcha` (a control call acting as the payer skips it)
 * and an optional e-mail. A card passed comes back as 16 ASCII digits.
 */
export function checkCardForm(form: CardForm, reference: string, nowMs: number, checkCaptcha: boolean): CardCheck {
  const errors: FormErrors = {};
  const card = digitsOnly(form.card);
  if (card === '') errors.card = formMessages.cardRequired;
  else if (!/^\d{16}$/.test(card) || !isValidCardNumber(card)) errors.card = formMessages.cardInvalid;
  if (!/^\d{5,12}$/.test(digitsOnly(form.pin2))) errors.pin2 = formMessages.pin2Invalid;
  if (!/^\d{3,4}$/.test(digitsOnly(form.cvv2))) errors.cvv2 = formMessages.cvv2Invalid;
  const month = Number(digitsOnly(form.expMonth));
  const yearText = digitsOnly(form.expYear);
  if (!/^\d{1,2}$/.test(digitsOnly(form.expMonth)) || month < 1 || month > 12 || !/^\d{2}$/.test(yearText)) {
    errors.expMonth = formMessages.expiryInvalid;
  } else {
    // yyMM against the Jalali month of the tenant's today (yyyyMMdd).
    const today = tehranJalaliDay(nowMs);
    const expiry = Number(yearText) * 100 + month;
    const current = (Number(today.slice(0, 4)) % 100) * 100 + Number(today.slice(4, 6));
    if (expiry < current) errors.expMonth = formMessages.expiryPast;
  }
  if (checkCaptcha && digitsOnly(form.captcha) !== captchaOf(reference)) errors.captcha = formMessages.captchaWrong;
  const email = form.email?.trim();
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = formMessages.emailInvalid;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, card, ...(email ? { email } : {}) };
}
