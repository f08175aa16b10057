// The shapes of the synthetic world that every provider reads. Providers never touch
// the world tables directly: they call the World interface below.

export const bankIds = [
  'MARKAZI', 'SANAT_VA_MADAN', 'MELLAT', 'REFAH', 'MASKAN', 'SEPAH', 'KESHAVARZI', 'MELLI',
  'TEJARAT', 'SADERAT', 'TOSEAH_SADERAT', 'POST', 'TOSEAH_TAAVON', 'KARAFARIN', 'PARSIAN',
  'EGHTESAD_NOVIN', 'SAMAN', 'PASARGAD', 'SARMAYEH', 'SINA', 'MEHR_IRAN', 'SHAHR', 'AYANDEH',
  'GARDESHGARI', 'DAY', 'IRANZAMIN', 'RESALAT', 'MELAL', 'KHAVARMIANEH', 'NOOR',
  'IRAN_VENEZUELA', 'UNKNOWN',
] as const;
export type BankId = (typeof bankIds)[number];

/** Card types as real clients enumerate them (spec/jibit-clients.md). */
export const cardTypes = [
  'DEBIT', 'CREDIT', 'CREDIT_SPECIAL', 'GIFT_CARD', 'ONLINE_PREPAID', 'VIRTUAL_CARD',
  'INSTALLMENT_CARD', 'E_MONEY', 'UNKNOWN',
] as const;
export type CardType = (typeof cardTypes)[number];

/** What the card network says about a card; each non-ACTIVE state is one Jibit `card.*` error. */
export const cardStates = [
  'ACTIVE', 'NOT_ACTIVE', 'EXPIRED', 'ACCOUNT_NUMBER_NOT_VALID', 'OWNER_NOT_AUTHORIZED', 'LOST',
  'STOLEN', 'SOURCE_BANK_NOT_ACTIVE', 'BLACK_LISTED', 'PROVIDER_NOT_ACTIVE',
  /** An active card whose ownership the matching service cannot decide (`matching.unknown`). */
  'MATCHING_UNKNOWN',
] as const;
export type CardState = (typeof cardStates)[number];

export const ibanStatuses = ['ACTIVE', 'BLOCK_WITH_DEPOSIT', 'BLOCK_WITHOUT_DEPOSIT', 'IDLE', 'UNKNOWN'] as const;
export type IbanStatus = (typeof ibanStatuses)[number];

/**
 * How the account-to-IBAN conversion goes for a deposit. OK is the normal case; the others
 * each produce one Jibit error wherever the deposit's IBAN is needed.
 */
export const ibanStates = ['OK', 'NOT_FOUND', 'NOT_VALID', 'OWNER_NOT_FOUND', 'CONVERSION_FAILED'] as const;
export type IbanState = (typeof ibanStates)[number];

export const militaryStates = [
  'NOT_APPLICABLE_FEMALE', 'EXEMPT', 'END_OF_SERVICE', 'ABSENT', 'SERVING', 'STUDENT_DEFERRAL', 'NOT_YET_DUE',
] as const;
export type MilitaryState = (typeof militaryStates)[number];

export type Gender = 'MALE' | 'FEMALE';

export interface Person {
  nationalCode: string;
  firstName: string;
  lastName: string;
  fatherName: string;
  /** Jalali yyyyMMdd, e.g. 13600331. */
  birthDate: string;
  gender: Gender;
  /** The person's main mobile, 09xxxxxxxxx. */
  mobile: string;
  /** NOT_FOUND: valid national code without a civil-registry record (identity_info.not_found). */
  registry: 'FOUND' | 'NOT_FOUND';
  /** Sana inquiry refused for this national code (nationalCode.black_listed). */
  blackListed: boolean;
  sanaRegistered: boolean;
  military: MilitaryState;
  /** false when the person was generated on demand from the national code. */
  stored: boolean;
}

export interface MobileLine {
  mobile: string;
  /** National code of the SIM card's owner (Shahkar). */
  nationalCode: string;
  blackListed: boolean;
}

export interface Deposit {
  bank: BankId;
  /** The account number in the bank's own format (dashes or dots included where the bank uses them). */
  number: string;
  /** IR + 24 digits. For ibanState NOT_VALID this is deliberately not a valid IBAN. */
  iban: string;
  status: IbanStatus;
  ibanState: IbanState;
  /** National codes of the owners; empty when ibanState is OWNER_NOT_FOUND. */
  owners: string[];
  stored: boolean;
}

export interface Card {
  number: string;
  bank: BankId;
  type: CardType;
  state: CardState;
  /** The deposit behind the card, at the card's bank. */
  depositNumber: string;
  ownerNationalCode: string;
  stored: boolean;
}

export interface PostalRecord {
  code: string;
  state: 'FOUND' | 'NOT_FOUND';
  province: string;
  district: string;
  street: string;
  no: string;
  floor: string;
  address: string;
  latitude: number;
  longitude: number;
}

export interface Foreigner {
  fida: string;
  blackListed: boolean;
  info: {
    fida: string;
    firstName: string;
    lastName: string;
    fatherName: string;
    birthDate: string;
    ancestorName: string;
    gender: 'MALE' | 'FEMALE' | 'UNKNOWN';
    birthPlaceCountry: string;
    birthPlaceCity: string;
    nationality: string;
    identificationDocuments: { type: string; code: string; issueDate: string; expirationDate: string }[];
  };
}

export interface Corporation {
  code: string;
  state: 'FOUND' | 'NOT_FOUND';
  /** CorporationIdentityInfo exactly as served (every field optional in the document). */
  info: Record<string, string | number>;
}

/** Read access to the world. Every lookup of a well-formed number answers; see each method. */
export interface World {
  /** undefined when `number` is not 16 digits with a valid check digit and a known issuer prefix. */
  card(number: string): Card | undefined;
  /** undefined when `number` is not in `bank`'s account-number format. */
  deposit(bank: BankId, number: string): Deposit | undefined;
  /** undefined when `iban` is not a valid IBAN of a known bank (accepts with or without IR). */
  depositByIban(iban: string): Deposit | undefined;
  /** undefined when the national code's check digit is wrong. */
  person(nationalCode: string): Person | undefined;
  /** undefined when not a valid Iranian mobile number (09xxxxxxxxx). */
  mobile(mobile: string): MobileLine | undefined;
  /** undefined when not a valid postal code. */
  postal(code: string): PostalRecord | undefined;
  /** undefined when not a valid FIDA. */
  foreigner(fida: string): Foreigner | undefined;
  /** undefined when not a valid guild code. */
  corporation(code: string): Corporation | undefined;
  /** Card-to-IBAN availability per bank, for every bank id except UNKNOWN. */
  cardToIbanAvailability(): Record<string, 'AVAILABLE' | 'NOT_AVAILABLE'>;
}
