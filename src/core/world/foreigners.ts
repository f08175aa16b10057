// Generated foreign nationals (FIDA records): Afghan, Iraqi and Pakistani residents with
// names, birthplaces and identity documents. Dates are Jalali yyyy/MM/dd (see docs/world.md).
import type { Faker } from '@faker-js/faker';
import { randomJalaliDay, slashedDay } from './identity.js';
import { digits, weighted } from './random.js';
import type { Foreigner } from './types.js';

interface Origin {
  nationality: string;
  country: string;
  cities: string[];
  male: string[];
  female: string[];
  lastNames: string[];
  /** Besides the passport, the residence document this group usually holds. */
  residence: string;
  passport: (f: Faker) => string;
}

const afghan: Origin = {
  nationality: 'افغانستانی',
  country: 'افغانستان',
  cities: ['کابل', 'هرات', 'مزار شریف', 'قندهار', 'غزنی', 'بامیان'],
  male: ['احمد', 'محمد', 'عبدالله', 'نورالله', 'گل‌محمد', 'ذبیح‌الله', 'حمیدالله', 'رحمت‌الله', 'جواد', 'مرتضی', 'حسین'],
  female: ['فاطمه', 'زهرا', 'مریم', 'شکریه', 'گلثوم', 'معصومه', 'نرگس', 'ملالی', 'فرشته', 'زینب'],
  lastNames: ['احمدی', 'حیدری', 'رحیمی', 'نوری', 'کریمی', 'صدیقی', 'امیری', 'حکیمی', 'رسولی', 'قادری', 'جعفری', 'یوسفی'],
  residence: 'کارت آمایش',
  passport: (f) => `P${digits(f, 8)}`,
};

const iraqi: Origin = {
  nationality: 'عراقی',
  country: 'عراق',
  cities: ['بغداد', 'بصره', 'نجف', 'کربلا', 'کاظمین', 'موصل'],
  male: ['حیدر', 'مصطفی', 'عباس', 'علی', 'حسن', 'کرار', 'مرتضی', 'محمدباقر', 'احمد', 'سجاد'],
  female: ['زینب', 'فاطمه', 'نور', 'رقیه', 'زهراء', 'مریم', 'هدی', 'سارا'],
  lastNames: ['الموسوی', 'الحسینی', 'الجبوری', 'العبیدی', 'الربیعی', 'الساعدی', 'التمیمی', 'الخفاجی', 'الکعبی'],
  residence: 'پروانه اقامت',
  passport: (f) => `A${digits(f, 8)}`,
};

const pakistani: Origin = {
  nationality: 'پاکستانی',
  country: 'پاکستان',
  cities: ['کراچی', 'لاهور', 'کویته', 'پیشاور', 'اسلام‌آباد', 'ملتان'],
  male: ['عمران', 'بلال', 'فیصل', 'عثمان', 'حمزه', 'عاصم', 'شاهد', 'طارق', 'ذوالفقار'],
  female: ['عائشه', 'صبا', 'ماریه', 'فاطمه', 'حنا', 'سمیرا', 'ثنا'],
  lastNames: ['خان', 'قریشی', 'ملک', 'بت', 'چودری', 'شیخ', 'میرزا', 'حسینی'],
  residence: 'پروانه اقامت',
  passport: (f) => `${f.string.alpha({ length: 2, casing: 'upper' })}${digits(f, 7)}`,
};

const origins = [[afghan, 70], [iraqi, 15], [pakistani, 15]] as const;

/** FIDA numbers in the world are 12 digits, the first not 0 (the document's example has 10). */
export const randomFida = (f: Faker): string => String(f.number.int({ min: 1, max: 9 })) + digits(f, 11);

function document(f: Faker, type: string, code: string) {
  // Day at most 29 so the same day exists in the expiry year too (Esfand has 29 or 30).
  const issued = randomJalaliDay(f, 1398, 1403, 29);
  const years = type === 'گذرنامه' ? 5 : 1;
  return { type, code, issueDate: slashedDay(issued), expirationDate: slashedDay({ ...issued, y: issued.y + years }) };
}

export function randomForeigner(f: Faker, fida: string): Foreigner {
  const origin = weighted(f, origins);
  const gender = f.datatype.boolean({ probability: 0.6 }) ? 'MALE' : 'FEMALE';
  const documents = [document(f, origin.residence, digits(f, 10))];
  if (f.datatype.boolean({ probability: 0.5 })) documents.push(document(f, 'گذرنامه', origin.passport(f)));
  return {
    fida,
    blackListed: false,
    info: {
      fida,
      firstName: f.helpers.arrayElement(gender === 'MALE' ? origin.male : origin.female),
      lastName: f.helpers.arrayElement(origin.lastNames),
      fatherName: f.helpers.arrayElement(origin.male),
      birthDate: slashedDay(randomJalaliDay(f, 1340, 1385)),
      ancestorName: f.helpers.arrayElement(origin.male),
      gender,
      birthPlaceCountry: origin.country,
      birthPlaceCity: f.helpers.arrayElement(origin.cities),
      nationality: origin.nationality,
      identificationDocuments: documents,
    },
  };
}
