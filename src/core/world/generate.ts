// The stored, generated part of the world: persons with their mobiles, accounts and cards,
// postal codes, foreign nationals and guild licences, all from one seed. The same seed gives
// the same records in the same order; keys already taken (the fixtures) are never reused.
import type { Faker } from '@faker-js/faker';
import { bankById, type KnownBankId } from './banks.js';
import { completeCorporation, draftCorporation } from './corporations.js';
import { randomFida, randomForeigner } from './foreigners.js';
import { randomCardNumber, randomDepositNumber, randomMobile, randomNationalCode, randomPerson } from './identity.js';
import { ibanOf } from './numbers.js';
import { randomPostalCode, randomPostalRecord } from './postal.js';
import { digits, newFaker, reseed, weighted } from './random.js';
import { depositKey, takenKeys, type StoredDeposit, type TakenKeys, type WorldRecords } from './records.js';
import type { CardType, IbanStatus } from './types.js';

export const worldSize = { persons: 300, postalCodes: 120, foreigners: 40, corporations: 40 };

/** Roughly by share of accounts; the central bank keeps no personal accounts. */
const bankShares: [KnownBankId, number][] = [
  ['MELLI', 14], ['MELLAT', 12], ['SADERAT', 9], ['TEJARAT', 9], ['SEPAH', 8], ['KESHAVARZI', 6],
  ['PASARGAD', 5], ['SAMAN', 5], ['PARSIAN', 5], ['MASKAN', 4], ['REFAH', 4], ['EGHTESAD_NOVIN', 3],
  ['AYANDEH', 3], ['SHAHR', 3], ['MEHR_IRAN', 3], ['POST', 2], ['RESALAT', 2], ['SANAT_VA_MADAN', 1],
  ['TOSEAH_SADERAT', 1], ['TOSEAH_TAAVON', 1], ['KARAFARIN', 1], ['SARMAYEH', 1], ['SINA', 1],
  ['GARDESHGARI', 1], ['DAY', 1], ['IRANZAMIN', 1], ['MELAL', 1], ['KHAVARMIANEH', 1], ['NOOR', 1],
  ['IRAN_VENEZUELA', 1],
];
const cardTypeShares: [CardType, number][] = [
  ['DEBIT', 90], ['CREDIT', 3], ['GIFT_CARD', 3], ['ONLINE_PREPAID', 1], ['VIRTUAL_CARD', 1], ['INSTALLMENT_CARD', 1], ['CREDIT_SPECIAL', 1],
];
const statusShares: [IbanStatus, number][] = [
  ['ACTIVE', 88], ['IDLE', 6], ['BLOCK_WITH_DEPOSIT', 3], ['BLOCK_WITHOUT_DEPOSIT', 2], ['UNKNOWN', 1],
];
const oneOrTwo: [number, number][] = [[1, 7], [2, 3]];

/** Draws until `make` gives a value not in `taken`, then takes it. */
function fresh(taken: Set<string>, make: () => string): string {
  for (;;) {
    const value = make();
    if (!taken.has(value)) {
      taken.add(value);
      return value;
    }
  }
}

export function generateWorld(seed: string, reserved: WorldRecords): WorldRecords {
  const f = reseed(newFaker(), seed, 'world');
  const taken = takenKeys(reserved);
  const world: WorldRecords = { persons: [], mobiles: [], deposits: [], cards: [], postalCodes: [], foreigners: [], corporations: [] };
  for (let i = 0; i < worldSize.persons; i++) addPerson(f, taken, world);
  for (let i = 0; i < worldSize.postalCodes; i++) {
    world.postalCodes.push(randomPostalRecord(f, fresh(taken.postalCodes, () => randomPostalCode(f))));
  }
  for (let i = 0; i < worldSize.foreigners; i++) {
    world.foreigners.push(randomForeigner(f, fresh(taken.fidas, () => randomFida(f))));
  }
  const holders = f.helpers.arrayElements(world.persons, worldSize.corporations);
  const places = f.helpers.arrayElements(world.postalCodes, worldSize.corporations);
  holders.forEach((holder, i) => {
    const code = fresh(taken.corporationCodes, () => String(f.number.int({ min: 1, max: 9 })) + digits(f, 9));
    world.corporations.push(completeCorporation(draftCorporation(f, code), holder, holder.mobile, places[i]!));
  });
  return world;
}

/** A person, their own mobile line, one or two accounts at different banks and one or two cards. */
function addPerson(f: Faker, taken: TakenKeys, world: WorldRecords): void {
  const nationalCode = fresh(taken.nationalCodes, () => randomNationalCode(f));
  const mobile = fresh(taken.mobiles, () => randomMobile(f));
  world.persons.push({ ...randomPerson(f, nationalCode), mobile });
  world.mobiles.push({ mobile, nationalCode, blackListed: false });

  const deposits: StoredDeposit[] = [];
  const count = weighted(f, oneOrTwo);
  while (deposits.length < count) {
    const bank = bankById(weighted(f, bankShares))!;
    if (deposits.some((d) => d.bank === bank.id)) continue;
    let number = randomDepositNumber(f, bank);
    while (taken.deposits.has(depositKey(bank.id, number))) number = randomDepositNumber(f, bank);
    taken.deposits.add(depositKey(bank.id, number));
    const iban = ibanOf(bank.id, number);
    taken.ibans.add(iban);
    deposits.push({ bank: bank.id, number, iban, status: weighted(f, statusShares), ibanState: 'OK', owners: [nationalCode] });
  }
  world.deposits.push(...deposits);

  const cards = weighted(f, oneOrTwo);
  for (let c = 0; c < cards; c++) {
    const deposit = deposits[c % deposits.length]!;
    const number = fresh(taken.cards, () => randomCardNumber(f, bankById(deposit.bank)!));
    world.cards.push({
      number,
      bank: deposit.bank,
      type: weighted(f, cardTypeShares),
      state: 'ACTIVE',
      depositNumber: deposit.number,
      ownerNationalCode: nationalCode,
    });
  }
}
