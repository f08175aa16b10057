// ICE's credit report body (spec/ice.md §5, §8), generated from the synthetic world. The ICE
// routes call creditReportFor when a request is viewable and answer CreditReport.
//
// - Natural person: the person is the world's (Jibit's) person for the national code: name,
//   father's name, birth date, gender and mobile agree. Birthplace is the city of the code's
//   issuing office ("ایران" when the prefix names none, as in the seed's sample); marital
//   status and the permanent address (a world postal record) come from the report's seed.
// - Legal person: a company for its 11-digit national id. The world keeps only guild licences
//   (by guild code), none by national id, so the company is generated from the id; its
//   managing director is a world person, whose mobile is the contact mobile.
// - Rank A1..E3 over 0–900 (bands.ts); no rank with noRankReason when there are no loans or
//   guarantees, or when the registry does not know the person.
// - Dates are Jalali yyyy/MM/dd counted back from the issue day; summaries add up from facilities.
// - reportTestCodes lists subjects with a fixed outcome, for the test-value listing.
export { creditReportFor, isValidLegalId, type ReportRequest } from './body.js';
export { bands, bandOf, bandForScore, rankIds, type Band, type RankId } from './bands.js';
export { reportTestCodes, type ReportSubject, type ReportTestCode } from './test-codes.js';
export {
  CreditReport,
  NaturalCreditReport,
  LegalCreditReport,
  Facility,
  BouncedCheque,
  CreditSummary,
  facilityStatuses,
  type FacilityStatus,
} from './schema.js';
