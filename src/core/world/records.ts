// The world as rows to store: what generation and the fixtures produce and seeding inserts.
import type { Card, Corporation, Deposit, Foreigner, MobileLine, Person, PostalRecord } from './types.js';

export type StoredPerson = Omit<Person, 'stored'>;
export type StoredDeposit = Omit<Deposit, 'stored'>;
export type StoredCard = Omit<Card, 'stored'>;

export interface WorldRecords {
  persons: StoredPerson[];
  mobiles: MobileLine[];
  deposits: StoredDeposit[];
  cards: StoredCard[];
  postalCodes: PostalRecord[];
  foreigners: Foreigner[];
  corporations: Corporation[];
}

/** The keys a set of records occupies, so that generation can steer clear of them. */
export interface TakenKeys {
  nationalCodes: Set<string>;
  mobiles: Set<string>;
  /** `${bank}:${number}` */
  deposits: Set<string>;
  ibans: Set<string>;
  cards: Set<string>;
  postalCodes: Set<string>;
  fidas: Set<string>;
  corporationCodes: Set<string>;
}

export const depositKey = (bank: string, number: string) => `${bank}:${number}`;

export function takenKeys(r: WorldRecords): TakenKeys {
  return {
    nationalCodes: new Set(r.persons.map((p) => p.nationalCode)),
    mobiles: new Set([...r.persons.map((p) => p.mobile), ...r.mobiles.map((m) => m.mobile)]),
    deposits: new Set(r.deposits.map((d) => depositKey(d.bank, d.number))),
    ibans: new Set(r.deposits.map((d) => d.iban)),
    cards: new Set(r.cards.map((c) => c.number)),
    postalCodes: new Set(r.postalCodes.map((p) => p.code)),
    fidas: new Set(r.foreigners.map((f) => f.fida)),
    corporationCodes: new Set(r.corporations.map((c) => c.code)),
  };
}
