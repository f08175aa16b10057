// The World every provider reads: validate the number, answer from the stored world, else
// from the stable on-demand identity of that number.
import { isShebaValid } from '@persian-tools/persian-tools';
import type { Db } from '../../db/index.js';
import { banks } from './banks.js';
import {
  bankOfCard,
  bankOfIban,
  depositNumberFromIban,
  isValidCardNumber,
  isValidCorporationCode,
  isValidDeposit,
  isValidFida,
  isValidMobile,
  isValidNationalCode,
  isValidPostalCode,
  normalizeIban,
} from './numbers.js';
import { createOnDemand } from './on-demand.js';
import { storedWorld } from './store.js';
import type { BankId, World } from './types.js';

const availability: Readonly<Record<string, 'AVAILABLE' | 'NOT_AVAILABLE'>> = Object.freeze(
  Object.fromEntries(banks.map((b) => [b.id, b.cardToIban])),
);

/** `seed` must be the one the database was seeded with (seedWorld), so both halves agree. */
export function createWorld(db: Db, seed: string): World {
  const stored = storedWorld(db.$client);
  const generated = createOnDemand(seed, stored);

  const world: World = {
    card(number) {
      const bank = bankOfCard(number);
      if (!bank || !isValidCardNumber(number)) return undefined;
      return stored.card(number) ?? generated.card(number, bank);
    },
    deposit(bank, number) {
      if (!isValidDeposit(bank, number)) return undefined;
      return stored.deposit(bank, number) ?? generated.deposit(bank, number);
    },
    depositByIban(value) {
      const iban = normalizeIban(value);
      const bank: BankId | undefined = iban && isShebaValid(iban) ? bankOfIban(iban) : undefined;
      if (!iban || !bank) return undefined;
      const found = stored.depositByIban(iban);
      if (found) return found;
      const number = depositNumberFromIban(iban);
      if (!number) return generated.unknownIban(bank, iban);
      return stored.deposit(bank, number) ?? generated.deposit(bank, number, iban);
    },
    person(nationalCode) {
      if (!isValidNationalCode(nationalCode)) return undefined;
      return stored.person(nationalCode) ?? generated.person(nationalCode);
    },
    mobile(mobile) {
      if (!isValidMobile(mobile)) return undefined;
      return stored.mobile(mobile) ?? generated.mobile(mobile);
    },
    postal(code) {
      if (!isValidPostalCode(code)) return undefined;
      return stored.postal(code) ?? generated.postal(code);
    },
    foreigner(fida) {
      if (!isValidFida(fida)) return undefined;
      return stored.foreigner(fida) ?? generated.foreigner(fida);
    },
    corporation(code) {
      if (!isValidCorporationCode(code)) return undefined;
      return stored.corporation(code) ?? generated.corporation(code, world);
    },
    cardToIbanAvailability: () => availability,
  };
  return world;
}
