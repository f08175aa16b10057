// The Jibit request parameters, each with the codes its failures produce. Codes are the
// natural ones; an endpoint that documents another spelling or a nearer code answers that
// (errors.ts, resolveCode).
import { z } from '@hono/zod-openapi';
import { checks } from './checks.js';
import { optionalText, param, trueFlag } from './validation.js';

export const cardNumber = param({
  missing: 'card.is_required',
  invalid: 'card.not_valid',
  check: checks.cardNumber,
  description: '16-digit card number (valid check digit, Iranian issuer)',
  example: '6037991234567893',
});

export const nationalCode = param({
  missing: 'nationalCode.is_required',
  invalid: 'nationalCode.not_valid',
  check: checks.nationalCode,
  description: '10-digit national code with a valid check digit',
  example: '0084575948',
});

export const birthDate = param({
  missing: 'birthDate.is_required',
  invalid: 'birthDate.not_valid',
  check: checks.birthDate,
  description: 'Jalali birth date, yyyyMMdd (13600331); also yyyy/MM/dd (1360/03/31) for a tenant with inputs: lenient',
  example: '13600331',
});

export const iban = param({
  missing: 'iban.is_required',
  invalid: 'iban.not_valid',
  check: checks.iban,
  description: 'IBAN (Sheba): IR and 24 digits; also without IR or in lower case for a tenant with inputs: lenient',
  example: 'IR820540102680020817909002',
});

export const bank = param({
  missing: 'bank.not_valid',
  invalid: 'bank.not_valid',
  check: checks.bankId,
  description: 'Bank identifier in upper case (see the bank identifiers)',
  example: 'MELLI',
});

/** An account number; the format check against its bank happens once both are read. */
export const depositNumber = z
  .string({ error: (issue) => (issue.input == null ? 'deposit.is_required' : 'invalid.request_body') })
  .max(1000, 'deposit.not_valid')
  .refine((v) => v.trim() !== '', { message: 'deposit.is_required', abort: true })
  .refine((v) => !checks.looksLikeIban(v.trim()), { message: 'iban.provided', abort: true })
  .refine((v) => !checks.looksLikeCard(v.trim()), { message: 'card_number.provided', abort: true })
  .openapi({ description: "Account number exactly in the bank's own format", example: '0101234567001' });

export const mobileNumber = param({
  missing: 'mobileNumber.is_required',
  invalid: 'mobileNumber.not_valid',
  check: checks.mobile,
  description: 'Mobile number, 09xxxxxxxxx',
  example: '09121234567',
});

export const postalCode = param({
  missing: 'postalCode.is_required',
  invalid: 'postalCode.not_valid',
  check: checks.postalCode,
  description: '10-digit postal code',
  example: '1234567890',
});

/** A full name to match; the document defines no name codes, so an empty one is an invalid request. */
export const name = param({
  missing: 'invalid.request_body',
  invalid: 'invalid.request_body',
  description: 'First and last name, URL-encoded',
  example: 'علی رضایی',
});

export const fida = param({
  missing: 'fida.is_required',
  invalid: 'fida.not_valid',
  check: checks.fida,
  description: 'FIDA, the foreign-national universal id (10 to 12 digits)',
  example: '0123456789',
});

export const corporationCode = param({
  missing: 'corporation_code.is_required',
  invalid: 'corporation_code.not_valid',
  check: checks.corporationCode,
  description: '10-digit guild (business licence) id',
  example: '0123456789',
});

export const nameField = optionalText;
export const mustBeTrue = trueFlag;
