// Pure checks and conversions for the numbers the world speaks: national codes, cards,
// IBANs, mobiles, account numbers, postal codes, FIDA, guild codes and Jalali dates.
// Check digits are judged by persian-tools only; generation finds a missing check digit by
// asking the same checks, so no checksum algorithm is written here.
import {
  digitsArToEn,
  digitsFaToEn,
  isPhoneNumberValid,
  isShebaValid,
  verifyCardNumber,
  verifyIranianLegalId,
  verifyIranianNationalId,
} from '@persian-tools/persian-tools';
import { isValidJalaaliDate } from 'jalaali-js';
import { accountDigitCount, bankById, bankByBin, bankByIbanCode, formatAccount } from './banks.js';
import type { BankId } from './types.js';

/** Persian (۰-۹) and Arabic-Indic (٠-٩) digits to ASCII; everything else is kept. */
export const toAsciiDigits = (s: string): string => digitsFaToEn(digitsArToEn(s));

/**
 * Checksum only, no birthplace-prefix check: the Jibit document's own example 0123456789
 * has a valid check digit but no real birthplace prefix, and must be accepted.
 */
export function isValidNationalCode(nc: string): boolean {
  return /^\d{10}$/.test(nc) && verifyIranianNationalId(nc, { checkPrefix: false });
}

/** 16 digits with a valid Luhn digit (the issuer prefix is not checked here). */
export function isValidCardNumber(n: string): boolean {
  // persian-tools types the argument as a number but reads it as a string; a 16-digit card
  // does not fit a double, so the string is passed as is. It accepts longer inputs too.
  return /^\d{16}$/.test(n) && verifyCardNumber(n as unknown as number) === true;
}

/** 09 + 9 digits on an operator prefix persian-tools knows. */
export function isValidMobile(m: string): boolean {
  return /^09\d{9}$/.test(m) && isPhoneNumberValid(m);
}

/** The operator prefixes (912, 935, ...) persian-tools accepts, ascending. */
export const mobilePrefixes: readonly string[] = Array.from({ length: 100 }, (_, i) => String(900 + i)).filter(
  (p) => isValidMobile(`0${p}0000000`),
);

/** `IR` + 24 digits from an IBAN written with or without IR, in any case; else undefined. */
export function normalizeIban(s: string): string | undefined {
  const upper = toAsciiDigits(s.trim()).toUpperCase();
  const digits = upper.startsWith('IR') ? upper.slice(2) : upper;
  return /^\d{24}$/.test(digits) ? `IR${digits}` : undefined;
}

/** Well formed and with valid mod-97 check digits. */
export function isValidIban(s: string): boolean {
  const iban = normalizeIban(s);
  return iban !== undefined && isShebaValid(iban);
}

/** The issuing bank from the card's first six digits; undefined for an unknown prefix. */
export function bankOfCard(number: string): BankId | undefined {
  return /^\d{16}$/.test(number) ? bankByBin(number.slice(0, 6))?.id : undefined;
}

/** The bank from the IBAN's bank code (check digits not verified); undefined if unknown. */
export function bankOfIban(iban: string): BankId | undefined {
  const normal = normalizeIban(iban);
  return normal ? bankByIbanCode(normal.slice(4, 7))?.id : undefined;
}

/** In the bank's own account-number format, and not all zeros. */
export function isValidDeposit(bank: string, number: string): boolean {
  const info = bankById(bank);
  return info !== undefined && info.accountRegex.test(number) && /[1-9]/.test(number);
}

const ibanAccountWidth = 18;
// Finding check digits by trial costs ~80 µs; tests ask about the same accounts again and again.
const ibanCache = new Map<string, string>();

/**
 * IR + check digits + bank code + 0 + the account's digits left-padded with zeros to 18.
 * Throws for an account number that is not in the bank's format.
 */
export function ibanOf(bank: BankId, depositNumber: string): string {
  const info = bankById(bank);
  if (!info || !isValidDeposit(bank, depositNumber)) {
    throw new RangeError(`${depositNumber} is not a ${bank} account number`);
  }
  const bban = `${info.ibanCode}0${depositNumber.replace(/\D/g, '').padStart(ibanAccountWidth, '0')}`;
  let iban = ibanCache.get(bban);
  if (iban === undefined) {
    if (ibanCache.size >= 10_000) ibanCache.clear();
    iban = withIbanCheckDigits(bban);
    ibanCache.set(bban, iban);
  }
  return iban;
}

/**
 * The inverse of ibanOf: the bank-formatted account number inside an IBAN, or undefined when
 * the IBAN is malformed, of an unknown bank, or not laid out as ibanOf lays it out.
 */
export function depositNumberFromIban(iban: string): string | undefined {
  const normal = normalizeIban(iban);
  const info = normal ? bankByIbanCode(normal.slice(4, 7)) : undefined;
  if (!normal || !info) return undefined;
  const count = accountDigitCount(info.account);
  const padding = normal.slice(7, 26 - count);
  if (/[^0]/.test(padding)) return undefined;
  const number = formatAccount(info.account, normal.slice(26 - count));
  return isValidDeposit(info.id, number) ? number : undefined;
}

/** 10 digits, the first not 0 (the document's example 1234567890 is valid). */
export const isValidPostalCode = (code: string): boolean => /^[1-9]\d{9}$/.test(code);

/** FIDA, the foreign nationals' id: 10 to 12 digits (the document's example is 0123456789). */
export const isValidFida = (fida: string): boolean => /^\d{10,12}$/.test(fida);

/** Guild (business licence) id: 10 digits. */
export const isValidCorporationCode = (code: string): boolean => /^\d{10}$/.test(code);

/** A real day of the Jalali calendar written yyyyMMdd. */
export function isValidJalaliDate(yyyyMMdd: string): boolean {
  if (!/^\d{8}$/.test(yyyyMMdd)) return false;
  const [y, m, d] = [yyyyMMdd.slice(0, 4), yyyyMMdd.slice(4, 6), yyyyMMdd.slice(6)].map(Number);
  return isValidJalaaliDate(y!, m!, d!);
}

/** Accepts 13600331 and 1360/03/31 (clients send both, spec/jibit-clients.md); yyyyMMdd or undefined. */
export function parseJalaliBirthDate(s: string): string | undefined {
  const ascii = toAsciiDigits(s.trim());
  const day = /^\d{4}\/\d{2}\/\d{2}$/.test(ascii) ? ascii.replaceAll('/', '') : ascii;
  return isValidJalaliDate(day) ? day : undefined;
}

/** The first digit d for which `valid(prefix + d)`; undefined when none is. */
function completeWithDigit(prefix: string, valid: (s: string) => boolean): string | undefined {
  for (let d = 0; d <= 9; d++) if (valid(`${prefix}${d}`)) return `${prefix}${d}`;
  return undefined;
}

/** The valid national code starting with these 9 digits, if any (some bodies have none). */
export const completeNationalCode = (first9: string) => completeWithDigit(first9, isValidNationalCode);

/** The valid card number starting with these 15 digits. */
export const completeCardNumber = (first15: string) => completeWithDigit(first15, isValidCardNumber);

/** The valid 11-digit company national id (shenase melli) starting with these 10 digits. */
export const completeLegalId = (first10: string) =>
  completeWithDigit(first10, (s) => /^\d{11}$/.test(s) && verifyIranianLegalId(s) === true);

/**
 * IR + the check digits that make this 22-digit BBAN a valid IBAN. Only 02..98 are tried:
 * 00, 01 and 99 also pass the mod-97 test (they equal 97, 98 and 02 modulo 97) but are never
 * issued.
 */
function withIbanCheckDigits(bban: string): string {
  for (let k = 2; k <= 98; k++) {
    const iban = `IR${String(k).padStart(2, '0')}${bban}`;
    if (isShebaValid(iban)) return iban;
  }
  throw new Error(`no IBAN check digits for ${bban}`);
}
