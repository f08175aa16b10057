// The bank table against persian-tools: card prefixes name the same bank as IBAN codes,
// and every bank's account format round-trips through its IBAN.
import { getBankNameFromCardNumber, getShebaInfo, shebaMapCodes } from '@persian-tools/persian-tools';
import { describe, expect, test } from 'vitest';
import {
  accountDigitCount,
  banks,
  bankIds,
  createWorld,
  depositNumberFromIban,
  ibanOf,
  isValidDeposit,
  isValidIban,
} from '../../src/core/world/index.js';
import { randomDepositNumber } from '../../src/core/world/identity.js';
import { newFaker, reseed } from '../../src/core/world/random.js';
import { openDb } from '../../src/db/index.js';

/** persian-tools spells some names differently in its card and IBAN tables. */
const normalName = (name: string) => name.replace('قرض الحسنه ', '').replace('اعتباری ', '').trim();

/** Published prefixes persian-tools does not know yet; kept because the issuer publishes them. */
const unknownToPersianTools = new Set(['581874']); // Iran-Venezuela BiNational Bank

const binRows = banks.flatMap((b) => b.bins.map((bin) => [bin, b.id, b.ibanCode] as const));

describe('bank data', () => {
  test('covers every bank id but UNKNOWN, once', () => {
    expect(banks.map((b) => b.id).sort()).toEqual(bankIds.filter((id) => id !== 'UNKNOWN').sort());
  });

  test('IBAN codes and BINs are unique and well formed', () => {
    const codes = banks.map((b) => b.ibanCode);
    const bins = binRows.map(([bin]) => bin);
    expect(new Set(codes).size).toBe(codes.length);
    expect(new Set(bins).size).toBe(bins.length);
    for (const code of codes) expect(code).toMatch(/^\d{3}$/);
    for (const bin of bins) expect(bin).toMatch(/^\d{6}$/);
  });

  test.each(binRows)('persian-tools names BIN %s as the bank of %s (IBAN code %s)', (bin, _id, code) => {
    const byCard = getBankNameFromCardNumber(`${bin}0000000000`);
    if (unknownToPersianTools.has(bin)) return expect(byCard).toBeNull();
    const byIban = shebaMapCodes[String(Number(code))]?.persianName;
    expect(byCard && normalName(byCard)).toBe(byIban && normalName(byIban));
  });

  test.each(banks.map((b) => [b.id, b.ibanCode] as const))('persian-tools reads %s IBANs as bank code %s', (id, code) => {
    const f = reseed(newFaker(), 'banks-test', id);
    const iban = ibanOf(id, randomDepositNumber(f, banks.find((b) => b.id === id)!));
    expect(getShebaInfo(iban)?.code).toBe(code);
  });
});

describe('account formats', () => {
  test.each([
    ['MELLI', '1234567890123'],
    ['MELLAT', '1234567890'],
    ['TEJARAT', '1234567890'],
    ['PARSIAN', '123456789012'],
    ['SAMAN', '123-456-12345678-1'],
    ['PASARGAD', '123.4567.12345678.1'],
  ] as const)('%s takes numbers like %s', (bank, number) => expect(isValidDeposit(bank, number)).toBe(true));

  test('every format has 8 to 16 digits, so it fits the 18 IBAN account digits', () => {
    for (const bank of banks) expect(accountDigitCount(bank.account)).toBeGreaterThanOrEqual(8);
    for (const bank of banks) expect(accountDigitCount(bank.account)).toBeLessThanOrEqual(16);
  });

  test.each(banks.map((b) => [b.id, b] as const))('%s: generated numbers match the format and round-trip through the IBAN', (_, bank) => {
    const f = reseed(newFaker(), 'formats', bank.id);
    for (let i = 0; i < 20; i++) {
      const number = randomDepositNumber(f, bank);
      expect(number).toMatch(bank.accountRegex);
      const iban = ibanOf(bank.id, number);
      expect(isValidIban(iban)).toBe(true);
      expect(depositNumberFromIban(iban)).toBe(number);
    }
  });

  test.each(['PARSIAN', 'SHAHR'] as const)('persian-tools finds the same %s account number inside the IBAN', (id) => {
    const f = reseed(newFaker(), 'extract', id);
    const number = randomDepositNumber(f, banks.find((b) => b.id === id)!);
    expect(getShebaInfo(ibanOf(id, number))?.accountNumber).toBe(number);
  });
});

test('card-to-IBAN is available at every bank but MARKAZI and KHAVARMIANEH', () => {
  const report = createWorld(openDb(':memory:'), 'any').cardToIbanAvailability();
  expect(Object.keys(report).sort()).toEqual(bankIds.filter((id) => id !== 'UNKNOWN').sort());
  const off = Object.entries(report).filter(([, v]) => v === 'NOT_AVAILABLE').map(([k]) => k);
  expect(off.sort()).toEqual(['KHAVARMIANEH', 'MARKAZI']);
});
