// Response shapes of the Jibit API, field names exactly as the document prints them
// (including `Province` and `Service`). Shared objects carry the document's type names.
import { z } from '@hono/zod-openapi';
import { bankIds, cardTypes, ibanStatuses } from '../../core/world/types.js';

export const ErrorBody = z
  .object({ code: z.string().openapi({ example: 'handler.not_found' }), message: z.string().openapi({ example: 'سازوکاری یافت نشد' }) })
  .openapi('Error');

export const BankId = z.enum(bankIds).openapi('BankIdentifier');
export const CardType = z.enum(cardTypes).openapi('CardType');

export const TokenPair = z.object({ accessToken: z.string(), refreshToken: z.string() }).openapi('TokenPair');

export const CardInfo = z
  .object({ bank: BankId, type: CardType, ownerName: z.string(), depositNumber: z.string() })
  .openapi('CardInfo');

export const Owner = z.object({ firstName: z.string(), lastName: z.string() }).openapi('Owner');

export const IbanInfo = z
  .object({
    bank: BankId,
    depositNumber: z.string(),
    iban: z.string(),
    status: z.enum(ibanStatuses),
    owners: z.array(Owner),
  })
  .openapi('IbanInfo');

export const DepositInfo = z.object({ bank: BankId, depositNumber: z.string() }).openapi('DepositInfo');
export const DepositToIbanInfo = z.object({ bank: BankId, iban: z.string() }).openapi('DepositToIBANInfo');

export const Matched = z.object({ matched: z.boolean() }).openapi('MatchingResult');

export const AddressInfo = z
  .object({
    postalCode: z.string(),
    address: z.string(),
    Province: z.string(),
    district: z.string(),
    street: z.string(),
    no: z.string(),
    floor: z.string(),
  })
  .openapi('AddressInfo');

export const WgsInfo = z.object({ postalCode: z.string(), latitude: z.number(), longitude: z.number() }).openapi('WGSInfo');

export const Similarity = z
  .object({
    firstNameSimilarityPercentage: z.number().int().optional(),
    lastNameSimilarityPercentage: z.number().int().optional(),
    fullNameSimilarityPercentage: z.number().int().optional(),
    fatherNameSimilarityPercentage: z.number().int().optional(),
  })
  .openapi('IdentitySimilarity');

export const IdentificationDocument = z
  .object({ type: z.string(), code: z.string(), issueDate: z.string(), expirationDate: z.string() })
  .openapi('IdentificationDocument');

export const ForeignerIdentityInfo = z
  .object({
    fida: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    fatherName: z.string(),
    birthDate: z.string(),
    ancestorName: z.string(),
    gender: z.enum(['MALE', 'FEMALE', 'UNKNOWN']),
    birthPlaceCountry: z.string(),
    birthPlaceCity: z.string(),
    nationality: z.string(),
    identificationDocuments: z.array(IdentificationDocument),
  })
  .openapi('ForeignerIdentityInfo');

const text = () => z.string().optional();
const long = () => z.number().int().optional();
export const CorporationIdentityInfo = z
  .object({
    licIssueDate: text(), licExpireDate: text(), licType: text(), licTime: text(), address: text(),
    bluePlaque: text(), registeredPlaque: text(), postalCode: text(), area: long(), unionName: text(),
    unionId: long(), guildId: long(), conventId: long(), conventName: text(), cityId: long(),
    boardTitle: text(), corporateIdentity: text(), licState: text(), tel: text(), isic: text(),
    companyNationalCode: text(), isicName: text(), hcLicenseRequestTypeName: text(), hasExpireLetter: text(),
    expireLetterDate: text(), code: text(), firstName: text(), lastName: text(), fatherName: text(),
    nationalCode: text(), isMale: text(), mobile: text(), typeName: text(), typeCode: text(), birthDate: text(),
    identityNo: text(), country: text(), religion: text(), militaryState: text(), educationLevel: text(),
    providerTrackerId: text(),
  })
  .openapi('CorporationIdentityInfo');

export const MilitaryServiceQualification = z
  .object({ nationalCode: z.string(), qualified: z.boolean(), description: z.string(), providerTrackerId: z.string() })
  .openapi('MilitaryServiceQualification');

export const Balance = z
  .object({ balanceType: z.enum(['PRF', 'POF']), currency: z.string(), amount: z.number().int() })
  .openapi('Balance');

export const ReportService = z
  .object({ Service: z.string(), persianName: z.string(), count: z.number().int() })
  .openapi('Service');
export const Report = z.object({ services: z.array(ReportService) }).openapi('Report');
