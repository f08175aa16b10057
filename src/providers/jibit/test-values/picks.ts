// The fixture records behind the Jibit test values, found by what they are (a lost card, a
// person the registry does not know), so the numbers live only in fixtures/world.json.
import type { Fixtures } from '../../../core/world/fixtures.js';
import type { CardState, IbanState } from '../../../core/world/types.js';

function pick<T>(items: readonly T[], test: (item: T) => boolean, what: string): T {
  const found = items.find(test);
  if (!found) throw new Error(`fixtures/world.json has no ${what}, which the Jibit test values need`);
  return found;
}

export function picks(fx: Fixtures) {
  const depositOf = (bank: string, number: string) => pick(fx.deposits, (d) => d.bank === bank && d.number === number, `deposit ${bank} ${number}`);
  const personOf = (nationalCode: string) => pick(fx.persons, (p) => p.nationalCode === nationalCode, `person ${nationalCode}`);
  const demoCard = pick(fx.cards, (c) => c.state === 'ACTIVE' && c.type === 'DEBIT' && c.bank === 'MELLI', 'active MELLI debit card');
  const demoDeposit = depositOf(demoCard.bank, demoCard.depositNumber);
  const demoPerson = personOf(demoCard.ownerNationalCode);
  const other = pick(fx.persons, (p) => p.registry === 'FOUND' && p.nationalCode !== demoPerson.nationalCode && !p.blackListed, 'second registered person');
  return {
    demoCard,
    demoDeposit,
    demoPerson,
    otherPerson: other,
    cardIn: (state: CardState) => pick(fx.cards, (c) => c.state === state, `card in state ${state}`),
    creditCard: pick(fx.cards, (c) => c.state === 'ACTIVE' && c.type !== 'DEBIT', 'active non-debit card'),
    unavailableBankCard: pick(fx.cards, (c) => c.state === 'ACTIVE' && c.bank === 'KHAVARMIANEH', 'active KHAVARMIANEH card'),
    cardWithIban: (state: IbanState) =>
      pick(fx.cards, (c) => c.state === 'ACTIVE' && c.type === 'DEBIT' && depositOf(c.bank, c.depositNumber).ibanState === state, `card whose IBAN is ${state}`),
    depositWithIban: (state: IbanState) => pick(fx.deposits, (d) => d.ibanState === state, `deposit whose IBAN is ${state}`),
    unregistered: pick(fx.persons, (p) => p.registry === 'NOT_FOUND', 'person unknown to the registry'),
    blackListedPerson: pick(fx.persons, (p) => p.blackListed, 'black-listed person'),
    blackListedMobile: pick(fx.mobiles, (m) => m.blackListed, 'black-listed mobile line'),
    absentConscript: pick(fx.persons, (p) => p.military === 'ABSENT' && p.registry === 'FOUND', 'absent conscript'),
    postal: pick(fx.postalCodes, (p) => p.state === 'FOUND', 'postal code'),
    unknownPostal: pick(fx.postalCodes, (p) => p.state === 'NOT_FOUND', 'unknown postal code'),
    foreigner: pick(fx.foreigners, (f) => !f.blackListed, 'foreign national'),
    blackListedForeigner: pick(fx.foreigners, (f) => f.blackListed, 'black-listed foreign national'),
    corporation: pick(fx.corporations, (c) => c.state === 'FOUND', 'guild'),
    legalCorporation: pick(fx.corporations, (c) => c.state === 'FOUND' && 'companyNationalCode' in c.info && 'expireLetterDate' in c.info, 'legal-entity guild with an expiry letter'),
    unknownCorporation: pick(fx.corporations, (c) => c.state === 'NOT_FOUND', 'unknown guild code'),
  };
}

export type Picks = ReturnType<typeof picks>;
