// Identities for well-formed numbers the world does not store. Each is derived only from the
// world seed and the number (a hash seeds faker). Links look at the stored world first, so a
// stored record always wins: card → its account → the account's owner → the person.
import { bankById } from './banks.js';
import { completeCorporation, draftCorporation } from './corporations.js';
import { randomForeigner } from './foreigners.js';
import { randomDepositNumber, randomMobile, randomNationalCode, randomPerson } from './identity.js';
import { createMobileLink } from './mobile-link.js';
import { ibanOf } from './numbers.js';
import { randomPostalRecord } from './postal.js';
import { lazyFaker, reseed } from './random.js';
import { depositKey } from './records.js';
import type { StoredWorld } from './store.js';
import type { BankId, Card, Corporation, Deposit, Foreigner, MobileLine, Person, PostalRecord, World } from './types.js';

export interface OnDemand {
  person(nationalCode: string): Person;
  mobile(mobile: string): MobileLine;
  /** `iban` when the caller already has it, to skip finding its check digits. */
  deposit(bank: BankId, number: string, iban?: string): Deposit;
  /** A valid IBAN whose account part is not in its bank's format: no such account. */
  unknownIban(bank: BankId, iban: string): Deposit;
  card(number: string, bank: BankId): Card;
  postal(code: string): PostalRecord;
  foreigner(fida: string): Foreigner;
  corporation(code: string, world: World): Corporation;
}

/** Arguments must already be valid; the World checks them. */
export function createOnDemand(seed: string, stored: StoredWorld): OnDemand {
  // One faker, re-seeded per record. A record finishes drawing from it before following a
  // link to another record, since following the link re-seeds it.
  // Made on the first generated record: an existing database's stored records need no faker.
  const f = lazyFaker();
  const at = (kind: string, key: string) => reseed(f(), seed, kind, key);
  const link = createMobileLink(seed);
  const depositOwner = (bank: BankId, number: string) => randomNationalCode(at('deposit', depositKey(bank, number)));

  return {
    person(nationalCode) {
      const person = randomPerson(at('person', nationalCode), nationalCode);
      const mobile = link.mobileOf(nationalCode) ?? randomMobile(at('person-mobile', nationalCode));
      return { ...person, mobile, stored: false };
    },
    mobile(mobile) {
      const owner = link.nationalCodeOf(mobile) ?? randomNationalCode(at('mobile-owner', mobile));
      return { mobile, nationalCode: owner, blackListed: false };
    },
    deposit(bank, number, iban = ibanOf(bank, number)) {
      const owners = [depositOwner(bank, number)];
      return { bank, number, iban, status: 'ACTIVE', ibanState: 'OK', owners, stored: false };
    },
    unknownIban(bank, iban) {
      const number = iban.slice(7).replace(/^0+/, '');
      return { bank, number, iban, status: 'UNKNOWN', ibanState: 'NOT_FOUND', owners: [], stored: false };
    },
    card(number, bank) {
      const depositNumber = randomDepositNumber(at('card', number), bankById(bank)!);
      // The owner of the account, as deposit() would answer it (without paying for its IBAN);
      // a stored account without owners (a fixture) cannot lend the card one.
      const account = stored.deposit(bank, depositNumber);
      const owner = account ? (account.owners[0] ?? randomNationalCode(at('card-owner', number))) : depositOwner(bank, depositNumber);
      return { number, bank, type: 'DEBIT', state: 'ACTIVE', depositNumber, ownerNationalCode: owner, stored: false };
    },
    postal: (code) => randomPostalRecord(at('postal', code), code),
    foreigner: (fida) => randomForeigner(at('foreigner', fida), fida),
    corporation(code, world) {
      const draft = draftCorporation(at('corporation', code), code);
      const holder = world.person(world.mobile(draft.holderMobile)!.nationalCode)!;
      return completeCorporation(draft, holder, draft.holderMobile, world.postal(draft.postalCode)!);
    },
  };
}
