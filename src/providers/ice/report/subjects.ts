// Who a report is about: a natural person exactly as the world (and so Jibit) has them, or a
// company generated from its national id, with details the world does not keep (birthplace,
// marital status, a permanent address) drawn from the report's own seed.
import type { Faker } from '@faker-js/faker';
import { getPlaceByIranNationalId } from '@persian-tools/persian-tools';
import { compactDayToSlashed, randomJalaliDay, randomNationalCode } from '../../../core/world/identity.js';
import { provinceByName } from '../../../core/world/places.js';
import { randomPostalCode } from '../../../core/world/postal.js';
import { digits, weighted } from '../../../core/world/random.js';
import type { Person, PostalRecord, World } from '../../../core/world/types.js';
import { slashed, type Day } from './dates.js';
import type { NaturalCreditReport, LegalCreditReport } from './schema.js';

type Contact = NaturalCreditReport['contact'];

/** A found address of the world, so a postal inquiry on its code agrees with the report. */
function address(f: Faker, world: World): PostalRecord {
  for (;;) {
    const found = world.postal(randomPostalCode(f));
    if (found?.state === 'FOUND') return found;
  }
}

/** A landline in the address's province: area code + 8 digits. */
const phoneIn = (f: Faker, postal: PostalRecord) =>
  `${provinceByName(postal.province)?.areaCode ?? '021'}${f.number.int({ min: 2, max: 8 })}${digits(f, 7)}`;

const contactOf = (f: Faker, postal: PostalRecord, mobile: string): Contact => ({
  phone: phoneIn(f, postal),
  mobile,
  address: postal.address,
  postalCode: postal.code,
});

export function naturalSubject(f: Faker, world: World, person: Person, today: Day): Pick<NaturalCreditReport, 'person' | 'contact'> {
  const age = today.y - Number(person.birthDate.slice(0, 4));
  const married = f.datatype.boolean({ probability: age < 22 ? 0.1 : 0.7 });
  const postal = address(f, world);
  return {
    person: {
      nationalCode: person.nationalCode,
      firstName: person.firstName,
      lastName: person.lastName,
      fullName: `${person.firstName} ${person.lastName}`,
      birthDate: compactDayToSlashed(person.birthDate),
      fatherName: person.fatherName,
      gender: person.gender,
      birthPlace: getPlaceByIranNationalId(person.nationalCode)?.city ?? 'ایران',
      maritalStatus: married ? 'MARRIED' : 'SINGLE',
    },
    // The mobile the world links to the person (Shahkar's answer), not the line that consented.
    contact: contactOf(f, postal, person.mobile),
  };
}

const activities = ['بازرگانی', 'فناوری اطلاعات', 'مهندسی', 'صنایع غذایی', 'حمل و نقل', 'ساختمانی', 'پخش', 'تولیدی'];
const names = ['آفتاب', 'مهر', 'پارس', 'سپهر', 'الماس', 'نگین', 'ستاره', 'بهار', 'آرمان', 'کوثر', 'امید', 'آریا', 'رایان', 'پویا', 'تابان'];
const legalForms: readonly (readonly [string, number])[] = [
  ['سهامی خاص', 55], ['با مسئولیت محدود', 30], ['تعاونی', 7], ['سهامی عام', 5], ['تضامنی', 3],
];

export function legalSubject(f: Faker, world: World, nationalId: string): Pick<LegalCreditReport, 'company' | 'contact'> {
  const [first, second] = f.helpers.arrayElements(names, 2);
  const type = weighted(f, legalForms);
  const registered = randomJalaliDay(f, 1360, 1402);
  const registrationNumber = String(f.number.int({ min: 1000, max: 650_000 }));
  const director = world.person(randomNationalCode(f))!;
  const postal = address(f, world);
  return {
    company: {
      nationalId,
      name: `شرکت ${f.helpers.arrayElement(activities)} ${first} ${second} (${type})`,
      type,
      registrationNumber,
      registrationDate: slashed(registered),
      registrationPlace: postal.district,
      managingDirector: { nationalCode: director.nationalCode, fullName: `${director.firstName} ${director.lastName}` },
    },
    // The managing director's mobile: the line a company's consent SMS most likely reaches.
    contact: contactOf(f, postal, director.mobile),
  };
}
