// Generated guild licences (CorporationIdentityInfo, spec/jibit.md §2.20). A licence is
// drafted from its own seed, then completed with its holder and its postal address, so the
// holder's name, national code and mobile and the shop's address agree with the rest of the world.
import type { Faker } from '@faker-js/faker';
import { compactDayToSlashed, randomJalaliDay, randomMobile, slashedDay } from './identity.js';
import { completeLegalId } from './numbers.js';
import { provinceByName } from './places.js';
import { randomPostalCode } from './postal.js';
import { digits, weighted } from './random.js';
import type { Corporation, MilitaryState, Person, PostalRecord } from './types.js';

type Kind = [isic: string, isicName: string, unionName: string, board: string, typeCode: string];

const kinds: Kind[] = [
  ['4711', 'خرده‌فروشی در فروشگاه‌های غیرتخصصی با غلبه مواد غذایی', 'اتحادیه صنف خواربارفروشان', 'سوپرمارکت', '2'],
  ['5610', 'فعالیت‌های رستوران و خدمات سیار غذا', 'اتحادیه صنف رستوران‌داران', 'رستوران', '3'],
  ['9602', 'آرایشگری و سایر فعالیت‌های زیبایی', 'اتحادیه صنف آرایشگران', 'آرایشگاه', '3'],
  ['4520', 'نگهداری و تعمیر وسایل نقلیه موتوری', 'اتحادیه صنف تعمیرکاران خودرو', 'تعمیرگاه', '4'],
  ['4741', 'خرده‌فروشی رایانه و تجهیزات جانبی', 'اتحادیه صنف فناوران رایانه', 'فروشگاه رایانه', '2'],
  ['1071', 'تولید محصولات نانوایی', 'اتحادیه صنف نانوایان', 'نانوایی', '1'],
  ['4771', 'خرده‌فروشی پوشاک، کفش و اقلام چرمی', 'اتحادیه صنف پوشاک', 'پوشاک', '2'],
  ['4752', 'خرده‌فروشی ابزار، رنگ و شیشه', 'اتحادیه صنف ابزارفروشان', 'ابزار', '2'],
  ['4761', 'خرده‌فروشی کتاب، روزنامه و نوشت‌افزار', 'اتحادیه صنف کتاب‌فروشان', 'کتاب‌فروشی', '2'],
  ['9511', 'تعمیر رایانه و تجهیزات جانبی', 'اتحادیه صنف فناوران رایانه', 'خدمات رایانه', '4'],
];
const typeNames: Record<string, string> = { '1': 'تولیدی', '2': 'توزیعی', '3': 'خدماتی', '4': 'خدمات فنی' };
const shopNames = ['آفتاب', 'مهر', 'پارس', 'سپهر', 'الماس', 'نگین', 'ستاره', 'بهار', 'آرمان', 'کوثر', 'امید', 'ایران'];
const educationLevels = ['زیر دیپلم', 'دیپلم', 'فوق دیپلم', 'کارشناسی', 'کارشناسی ارشد'];
const militaryText: Record<MilitaryState, string | undefined> = {
  NOT_APPLICABLE_FEMALE: undefined,
  EXEMPT: 'معاف',
  END_OF_SERVICE: 'دارای کارت پایان خدمت',
  ABSENT: 'غایب',
  SERVING: 'در حال خدمت',
  STUDENT_DEFERRAL: 'معافیت تحصیلی',
  NOT_YET_DUE: 'مشمول',
};

/** What a licence's own seed decides; the holder and the address come later. */
export interface CorporationDraft {
  code: string;
  holderMobile: string;
  postalCode: string;
  fields: Record<string, string | number>;
  telLocal: string;
  identityNo: string;
}

export function draftCorporation(f: Faker, code: string): CorporationDraft {
  const [isic, isicName, unionName, board, typeCode] = f.helpers.arrayElement(kinds);
  const permanent = f.datatype.boolean({ probability: 0.85 });
  const years = permanent ? 5 : 1;
  const issued = randomJalaliDay(f, 1395, 1403, 29);
  const legal = f.datatype.boolean({ probability: 0.1 });
  const letter = f.datatype.boolean({ probability: 0.1 });
  return {
    code,
    holderMobile: randomMobile(f),
    postalCode: randomPostalCode(f),
    telLocal: String(f.number.int({ min: 2, max: 8 })) + digits(f, 7),
    identityNo: String(f.number.int({ min: 1, max: 9999 })),
    fields: {
      licIssueDate: slashedDay(issued),
      licExpireDate: slashedDay({ ...issued, y: issued.y + years }),
      licType: permanent ? 'پروانه کسب دائم' : 'پروانه کسب موقت',
      licTime: `${years} ساله`,
      registeredPlaque: `${f.number.int({ min: 1, max: 9999 })}/${f.number.int({ min: 1, max: 999 })}`,
      area: f.number.int({ min: 12, max: 400 }),
      unionName,
      unionId: f.number.int({ min: 100, max: 999 }),
      guildId: f.number.int({ min: 100_000, max: 999_999 }),
      conventId: f.number.int({ min: 10, max: 99 }),
      cityId: f.number.int({ min: 1, max: 1200 }),
      boardTitle: `${board} ${f.helpers.arrayElement(shopNames)}`,
      corporateIdentity: legal ? 'حقوقی' : 'حقیقی',
      licState: 'فعال',
      isic,
      ...(legal ? { companyNationalCode: legalId(f) } : {}),
      isicName,
      hcLicenseRequestTypeName: weighted(f, [['صدور پروانه کسب', 6], ['تمدید پروانه کسب', 3], ['تغییر نشانی', 1]]),
      hasExpireLetter: letter ? 'true' : 'false',
      ...(letter ? { expireLetterDate: slashedDay({ ...issued, y: issued.y + years - 1 }) } : {}),
      typeName: typeNames[typeCode]!,
      typeCode,
      educationLevel: f.helpers.arrayElement(educationLevels),
      providerTrackerId: f.string.uuid(),
    },
  };
}

function legalId(f: Faker): string {
  for (;;) {
    const id = completeLegalId(`10${digits(f, 8)}`);
    if (id) return id;
  }
}

/** The licence with its holder and address filled in, fields in the document's order. */
export function completeCorporation(draft: CorporationDraft, holder: Omit<Person, 'stored'>, mobile: string, postal: PostalRecord): Corporation {
  const d = draft.fields;
  const born = compactDayToSlashed(holder.birthDate);
  const military = militaryText[holder.military];
  const info: Record<string, string | number | undefined> = {
    licIssueDate: d.licIssueDate, licExpireDate: d.licExpireDate, licType: d.licType, licTime: d.licTime,
    address: postal.address, bluePlaque: postal.no, registeredPlaque: d.registeredPlaque, postalCode: postal.code,
    area: d.area, unionName: d.unionName, unionId: d.unionId, guildId: d.guildId, conventId: d.conventId,
    conventName: `مجمع امور صنفی ${postal.district}`, cityId: d.cityId, boardTitle: d.boardTitle,
    corporateIdentity: d.corporateIdentity, licState: d.licState,
    tel: `${provinceByName(postal.province)?.areaCode ?? '021'}${draft.telLocal}`,
    isic: d.isic, companyNationalCode: d.companyNationalCode, isicName: d.isicName,
    hcLicenseRequestTypeName: d.hcLicenseRequestTypeName, hasExpireLetter: d.hasExpireLetter,
    expireLetterDate: d.expireLetterDate, code: draft.code,
    firstName: holder.firstName, lastName: holder.lastName, fatherName: holder.fatherName,
    nationalCode: holder.nationalCode, isMale: holder.gender === 'MALE' ? 'true' : 'false', mobile,
    typeName: d.typeName, typeCode: d.typeCode, birthDate: born,
    // Birth certificates issued since 1368 carry the national code as their number.
    identityNo: Number(holder.birthDate.slice(0, 4)) >= 1368 ? holder.nationalCode : draft.identityNo,
    country: 'ایران', religion: 'اسلام', militaryState: military,
    educationLevel: d.educationLevel, providerTrackerId: d.providerTrackerId,
  };
  const present = Object.entries(info).filter((e): e is [string, string | number] => e[1] !== undefined);
  return { code: draft.code, state: 'FOUND', info: Object.fromEntries(present) };
}
