// Whether a parameter value is acceptable to Jibit, from the world's number rules
// (valid check digits through persian-tools, known issuers and bank formats).
import { bankIds } from '../../core/world/types.js';
import {
  bankOfCard,
  bankOfIban,
  isValidCardNumber,
  isValidCorporationCode,
  isValidDeposit,
  isValidFida,
  isValidIban,
  isValidMobile,
  isValidNationalCode,
  isValidPostalCode,
  parseJalaliBirthDate,
} from '../../core/world/numbers.js';

const banks = new Set<string>(bankIds.filter((b) => b !== 'UNKNOWN'));

export const checks = {
  /** 16 digits, valid check digit, an Iranian issuer: the card network knows nothing else. */
  cardNumber: (v: string) => isValidCardNumber(v) && bankOfCard(v) !== undefined,
  nationalCode: isValidNationalCode,
  birthDate: (v: string) => parseJalaliBirthDate(v) !== undefined,
  normalizeBirthDate: parseJalaliBirthDate,
  iban: (v: string) => isValidIban(v) && bankOfIban(v) !== undefined,
  /** Bank identifiers are upper case as the document asks; UNKNOWN names no bank. */
  bankId: (v: string) => banks.has(v),
  deposit: isValidDeposit,
  looksLikeIban: (v: string) => /^(IR)?\d{24}$/i.test(v),
  looksLikeCard: (v: string) => isValidCardNumber(v),
  mobile: isValidMobile,
  postalCode: isValidPostalCode,
  fida: isValidFida,
  corporationCode: isValidCorporationCode,
};
