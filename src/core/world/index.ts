// The synthetic world: seed it into the database once, then read it through a World.
// See docs/world.md for the rules and the fixture records.
export { seedWorld, worldSeedKey } from './seed.js';
export { createWorld } from './world.js';
export { memoizedWorld } from './memo.js';
export { loadFixtures, parseFixtures, defaultFixturesPath, type Fixtures } from './fixtures.js';
export { banks, bankById, bankByBin, bankByIbanCode, accountDigitCount, type Bank, type KnownBankId, type AccountFormat } from './banks.js';
export {
  toAsciiDigits,
  isValidNationalCode,
  isValidCardNumber,
  isValidMobile,
  mobilePrefixes,
  normalizeIban,
  isValidIban,
  bankOfCard,
  bankOfIban,
  isValidDeposit,
  ibanOf,
  depositNumberFromIban,
  isValidPostalCode,
  isValidFida,
  isValidCorporationCode,
  isValidJalaliDate,
  parseJalaliBirthDate,
  completeNationalCode,
  completeCardNumber,
  completeLegalId,
} from './numbers.js';
export * from './types.js';
