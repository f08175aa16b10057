// Building blocks of Jibit answers from the world: card-state errors, IBAN info, owners.
import type { Card, Deposit, Person, World } from '../../core/world/types.js';
import { jibitError } from './errors.js';

/** The card.* error each non-ACTIVE card state answers. */
export const cardStateCodes: Record<string, string | undefined> = {
  NOT_ACTIVE: 'card.not_active',
  EXPIRED: 'card.is_expired',
  ACCOUNT_NUMBER_NOT_VALID: 'card.account_number_not_valid',
  OWNER_NOT_AUTHORIZED: 'card.owner_not_authorized',
  LOST: 'card.registered_as_lost',
  STOLEN: 'card.registered_as_stolen',
  SOURCE_BANK_NOT_ACTIVE: 'card.source_bank_is_not_active',
  BLACK_LISTED: 'card.black_listed',
  PROVIDER_NOT_ACTIVE: 'card.provider_is_not_active',
};

/** The card, or the card.* error its state calls for. */
export function usableCard(world: World, number: string): Card {
  const card = world.card(number);
  if (!card) throw jibitError('card.not_valid');
  const code = cardStateCodes[card.state];
  if (code) throw jibitError(code);
  return card;
}

const ibanStateCodes: Record<string, string | undefined> = {
  NOT_FOUND: 'iban.not_found',
  NOT_VALID: 'iban.not_valid',
  OWNER_NOT_FOUND: 'iban.owner_not_found',
  CONVERSION_FAILED: 'conversion.failed',
};

/** The deposit, or the iban.* error its conversion to an IBAN runs into. */
export function convertibleDeposit(deposit: Deposit | undefined, ignore: string[] = []): Deposit {
  if (!deposit) throw jibitError('iban.not_found');
  const code = ignore.includes(deposit.ibanState) ? undefined : ibanStateCodes[deposit.ibanState];
  if (code) throw jibitError(code);
  return deposit;
}

export function person(world: World, nationalCode: string): Person {
  const found = world.person(nationalCode);
  if (!found) throw jibitError('nationalCode.not_valid');
  return found;
}

/** The civil-registry record for a national code and birth date, or identity_info.not_found. */
export function registeredPerson(world: World, nationalCode: string, birthDate: string): Person {
  const found = person(world, nationalCode);
  if (found.registry === 'NOT_FOUND' || found.birthDate !== birthDate) throw jibitError('identity_info.not_found');
  return found;
}

export const fullName = (p: Pick<Person, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`;

export function ibanInfo(world: World, deposit: Deposit) {
  return {
    bank: deposit.bank,
    depositNumber: deposit.number,
    iban: deposit.iban,
    status: deposit.status,
    owners: deposit.owners.map((nc) => {
      const owner = world.person(nc);
      return { firstName: owner?.firstName ?? '', lastName: owner?.lastName ?? '' };
    }),
  };
}
