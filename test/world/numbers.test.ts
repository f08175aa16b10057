// Validity checks and conversions of src/core/world/numbers.ts, edge cases spelled out.
import { describe, expect, test } from 'vitest';
import {
  bankOfCard,
  bankOfIban,
  completeCardNumber,
  completeNationalCode,
  depositNumberFromIban,
  ibanOf,
  isValidCardNumber,
  isValidCorporationCode,
  isValidDeposit,
  isValidFida,
  isValidIban,
  isValidJalaliDate,
  isValidMobile,
  isValidNationalCode,
  isValidPostalCode,
  normalizeIban,
  parseJalaliBirthDate,
  toAsciiDigits,
} from '../../src/core/world/index.js';

/** IR + the check digits that make `bban` valid, found the way the world finds them. */
function withCheckDigits(bban: string): string {
  for (let k = 0; k <= 99; k++) {
    const iban = `IR${String(k).padStart(2, '0')}${bban}`;
    if (isValidIban(iban)) return iban;
  }
  throw new Error(bban);
}

describe('toAsciiDigits', () => {
  test.each([
    ['۰۱۲۳۴۵۶۷۸۹', '0123456789'],
    ['٠١٢٣٤٥٦٧٨٩', '0123456789'],
    ['IR۱۲', 'IR12'],
    ['0912', '0912'],
  ])('%s → %s', (input, output) => expect(toAsciiDigits(input)).toBe(output));
});

describe('isValidNationalCode', () => {
  test.each([
    ['0123456789', true], // the Jibit document's example: valid check digit, no real birthplace prefix
    ['0084575948', true],
    ['0084575949', false],
    ['0010000011', true],
    ['1111111111', false], // one repeated digit
    ['0000000000', false],
    ['012345678', false],
    ['01234567890', false],
    ['۰۱۲۳۴۵۶۷۸۹', false], // callers convert digits first
    ['01234-6789', false],
    ['', false],
  ])('%s → %s', (nc, valid) => expect(isValidNationalCode(nc)).toBe(valid));
});

describe('isValidCardNumber', () => {
  test.each([
    ['6037991234567893', true],
    ['6037991234567890', false], // wrong Luhn digit
    ['60379912345678930', false], // 17 digits: persian-tools alone would accept it
    ['603799123456789', false],
    ['6037-9912-3456-7893', false],
    ['0000000000000000', false],
    ['1234123412341234', false],
  ])('%s → %s', (n, valid) => expect(isValidCardNumber(n)).toBe(valid));
});

describe('isValidMobile', () => {
  test.each([
    ['09123456789', true],
    ['09901234567', true],
    ['9123456789', false],
    ['+989123456789', false],
    ['0912345678', false],
    ['091234567890', false],
    ['09701234567', false], // 0970 is no operator's prefix
    ['۰۹۱۲۳۴۵۶۷۸۹', false],
  ])('%s → %s', (m, valid) => expect(isValidMobile(m)).toBe(valid));
});

describe('IBANs', () => {
  const iban = 'IR120170000001234567890123';
  test.each([
    [iban, iban],
    ['120170000001234567890123', iban],
    ['ir120170000001234567890123', iban],
    ['Ir120170000001234567890123', iban],
    ['IR۱۲۰۱۷۰۰۰۰۰۰۱۲۳۴۵۶۷۸۹۰۱۲۳', iban],
    [' IR120170000001234567890123 ', iban],
    ['IR12 0170 0000 0123 4567 8901 23', undefined],
    ['IR1201700000012345678901', undefined],
    ['XX120170000001234567890123', undefined],
  ])('normalizeIban(%s) → %s', (input, output) => expect(normalizeIban(input)).toBe(output));

  test.each([
    [iban, true],
    ['120170000001234567890123', true],
    ['ir120170000001234567890123', true],
    ['IR130170000001234567890123', false], // check digits off by one
    ['IR120170000001234567890124', false],
    ['IR1234567891012345678910', false], // the Jibit document's example
  ])('isValidIban(%s) → %s', (input, valid) => expect(isValidIban(input)).toBe(valid));

  test.each([
    ['MELLI', '1234567890123', iban],
    ['MELLAT', '1000000005', 'IR840120000000001000000005'],
    ['SAMAN', '849-800-12345678-1', 'IR750560000849800123456781'],
    ['PASARGAD', '207.8100.12345678.1', 'IR140570002078100123456781'],
  ] as const)('ibanOf(%s, %s) → %s and back', (bank, number, expected) => {
    expect(ibanOf(bank, number)).toBe(expected);
    expect(depositNumberFromIban(expected)).toBe(number);
    expect(bankOfIban(expected)).toBe(bank);
  });

  test('ibanOf issues check digits 02 to 98 only, though 01 would pass mod 97 as well', () => {
    expect(ibanOf('MELLAT', '1000000044')).toBe('IR980120000000001000000044');
    expect(isValidIban('IR010120000000001000000044')).toBe(true);
  });

  test('ibanOf refuses an account number out of the bank format', () => {
    expect(() => ibanOf('MELLI', '12345')).toThrow(RangeError);
  });

  test.each([
    ['a digit right after the bank code', withCheckDigits('0171000001234567890123')],
    ['more digits than the bank account has', withCheckDigits('0120000000091000000005')],
    ['an unknown bank code', withCheckDigits('0510000001234567890123')],
  ])('depositNumberFromIban is undefined for %s', (_, value) => expect(depositNumberFromIban(value)).toBeUndefined());
});

describe('bankOfCard', () => {
  test.each([
    ['6037991234567893', 'MELLI'],
    ['6104330000000011', 'MELLAT'],
    ['9919750000000000', 'MELLAT'],
    ['5859470000000014', 'KHAVARMIANEH'],
    ['1234123412341234', undefined],
    ['603799', undefined],
  ])('%s → %s', (n, bank) => expect(bankOfCard(n)).toBe(bank));
});

describe('isValidDeposit', () => {
  test.each([
    ['MELLI', '1234567890123', true],
    ['MELLI', '123456789012', false],
    ['MELLAT', '1000000005', true],
    ['MELLAT', '0000000000', false],
    ['SAMAN', '849-800-12345678-1', true],
    ['SAMAN', '849800123456781', false],
    ['PASARGAD', '207.8100.12345678.1', true],
    ['PASARGAD', '207-8100-12345678-1', false],
    ['UNKNOWN', '1234567890', false],
    ['NOT_A_BANK', '1234567890', false],
  ])('%s %s → %s', (bank, number, valid) => expect(isValidDeposit(bank, number)).toBe(valid));
});

describe('postal codes, FIDA and guild codes', () => {
  test.each([
    ['1234567890', true], // the Jibit document's example
    ['0123456789', false],
    ['123456789', false],
    ['12345678901', false],
    ['۱۲۳۴۵۶۷۸۹۰', false],
  ])('isValidPostalCode(%s) → %s', (code, valid) => expect(isValidPostalCode(code)).toBe(valid));

  test.each([
    ['0123456789', true], // the Jibit document's example
    ['12345678901', true],
    ['123456789012', true],
    ['012345678', false],
    ['1234567890123', false],
    ['01234a6789', false],
  ])('isValidFida(%s) → %s', (fida, valid) => expect(isValidFida(fida)).toBe(valid));

  test.each([
    ['0123456789', true],
    ['012345678', false],
    ['01234567890', false],
  ])('isValidCorporationCode(%s) → %s', (code, valid) => expect(isValidCorporationCode(code)).toBe(valid));
});

describe('Jalali dates', () => {
  test.each([
    ['13600331', true],
    ['13991230', true], // 1399 is a leap year
    ['14001230', false],
    ['13601231', false],
    ['13601301', false],
    ['13600001', false],
    ['1360031', false],
    ['1360/03/31', false],
  ])('isValidJalaliDate(%s) → %s', (day, valid) => expect(isValidJalaliDate(day)).toBe(valid));

  test.each([
    ['13600331', '13600331'],
    ['1360/03/31', '13600331'],
    ['۱۳۶۰/۰۳/۳۱', '13600331'],
    [' 13600331 ', '13600331'],
    ['1360-03-31', undefined],
    ['1360/3/31', undefined],
    ['13601331', undefined],
    ['', undefined],
  ])('parseJalaliBirthDate(%s) → %s', (input, output) => expect(parseJalaliBirthDate(input)).toBe(output));
});

describe('completing check digits', () => {
  test('completeNationalCode finds the one valid last digit', () => {
    expect(completeNationalCode('001000001')).toBe('0010000011');
    expect(completeNationalCode('111111111')).toBeUndefined(); // 1111111111 is refused
  });

  test('completeCardNumber finds the Luhn digit', () => {
    expect(completeCardNumber('603799123456789')).toBe('6037991234567893');
  });
});
