// Generators for one person, mobile, account or card at a time, from a seeded faker. The
// bulk world and the on-demand identities both build their records here.
import type { Faker } from '@faker-js/faker';
import { validNationalIdPrefixes } from '@persian-tools/persian-tools';
import { jalaaliMonthLength } from 'jalaali-js';
import { formatAccount, accountDigitCount, type Bank } from './banks.js';
import { completeCardNumber, completeNationalCode, mobilePrefixes } from './numbers.js';
import { digits, weighted } from './random.js';
import type { Gender, MilitaryState, Person } from './types.js';

const birthplacePrefixes = [...validNationalIdPrefixes].sort();

/** A national code with a real birthplace prefix, so it passes strict client-side checks too. */
export function randomNationalCode(f: Faker): string {
  for (;;) {
    const nc = completeNationalCode(f.helpers.arrayElement(birthplacePrefixes) + digits(f, 6));
    if (nc) return nc;
  }
}

export const randomMobile = (f: Faker): string => `0${f.helpers.arrayElement(mobilePrefixes)}${digits(f, 7)}`;

export interface JalaliDay {
  y: number;
  m: number;
  d: number;
}

export function randomJalaliDay(f: Faker, fromYear: number, toYear: number, maxDay = 31): JalaliDay {
  const y = f.number.int({ min: fromYear, max: toYear });
  const m = f.number.int({ min: 1, max: 12 });
  return { y, m, d: f.number.int({ min: 1, max: Math.min(maxDay, jalaaliMonthLength(y, m)) }) };
}

const pad2 = (n: number) => String(n).padStart(2, '0');
/** yyyyMMdd, the form Jibit takes birth dates in. */
export const compactDay = (j: JalaliDay) => `${j.y}${pad2(j.m)}${pad2(j.d)}`;
/** yyyy/MM/dd, the form the world serves dates in inside foreigner and guild records. */
export const slashedDay = (j: JalaliDay) => `${j.y}/${pad2(j.m)}/${pad2(j.d)}`;
export const compactDayToSlashed = (day: string) => `${day.slice(0, 4)}/${day.slice(4, 6)}/${day.slice(6, 8)}`;

/**
 * A man's conscription status that fits his age as of the early 1400s: the young are still
 * serving or studying, the older have finished, been exempted, or (a few) stayed absent.
 */
export function militaryFor(f: Faker, gender: Gender, birthYear: number): MilitaryState {
  if (gender === 'FEMALE') return 'NOT_APPLICABLE_FEMALE';
  if (birthYear >= 1380) {
    return weighted(f, [['SERVING', 30], ['STUDENT_DEFERRAL', 35], ['END_OF_SERVICE', 15], ['EXEMPT', 12], ['ABSENT', 8]]);
  }
  return weighted(f, [['END_OF_SERVICE', 70], ['EXEMPT', 22], ['ABSENT', 8]]);
}

// faker's firstName(sex) mixes in the locale's unisex list, which holds names of both
// sexes; the gendered lists alone keep a woman's name female and a father's name male. They
// are the fa locale's lists (the Persian entry's definitions take fa's over en's).
const sexes = { MALE: 'male', FEMALE: 'female' } as const;

export const randomFirstName = (f: Faker, gender: Gender): string => f.helpers.arrayElement(f.rawDefinitions.person!.first_name![sexes[gender]]!);

/** Everything about a person but the mobile, which has rules of its own (see mobile-link.ts). */
export function randomPerson(f: Faker, nationalCode: string): Omit<Person, 'mobile' | 'stored'> {
  const gender: Gender = f.datatype.boolean() ? 'MALE' : 'FEMALE';
  const firstName = randomFirstName(f, gender);
  const lastName = f.person.lastName();
  const fatherName = randomFirstName(f, 'MALE');
  const birth = randomJalaliDay(f, 1330, 1385);
  return {
    nationalCode,
    firstName,
    lastName,
    fatherName,
    birthDate: compactDay(birth),
    gender,
    registry: 'FOUND',
    blackListed: false,
    sanaRegistered: f.datatype.boolean({ probability: 0.85 }),
    military: militaryFor(f, gender, birth.y),
  };
}

/** An account number in the bank's format, not starting with 0. */
export function randomDepositNumber(f: Faker, bank: Bank): string {
  const count = accountDigitCount(bank.account);
  const first = String(f.number.int({ min: 1, max: 9 }));
  return formatAccount(bank.account, first + digits(f, count - 1));
}

/** A valid card number of the bank; its first BIN is the most common. */
export function randomCardNumber(f: Faker, bank: Bank): string {
  const bins = bank.bins.map((bin, i) => [bin, i === 0 ? 3 : 1] as const);
  for (;;) {
    const card = completeCardNumber(weighted(f, bins) + digits(f, 9));
    if (card) return card;
  }
}
